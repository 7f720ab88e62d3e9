"""The whole journey in Chromium: a practitioner records a concern, the SPOC
is emailed (no personal details), triages at level 3 with a police Prevent
referral, and the practitioner sees the status change. Every page of the
feature is checked with axe-core."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from prevent.accounts.roles import Role
from prevent.concerns.models import Concern, ConcernStatus, Referral
from prevent.core.models import LocalAreaSettings
from tests.browser.conftest import sign_in
from tests.factories import OrganisationFactory, UserFactory, confirmed_totp_device

pytestmark = pytest.mark.browser

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _save(page: Page) -> None:
    page.get_by_role("button", name="Save and continue").click()


def _task(page: Page, name: str) -> None:
    page.get_by_role("link", name=name, exact=True).click()


def test_record_triage_and_refer(page: Page, make_context: Any, guidance: Any, axe: Any) -> None:
    org = OrganisationFactory(name="Banbury School")
    practitioner: Any = UserFactory(roles=[Role.PRACTITIONER], organisation=org, full_name="Pat Practitioner")
    spoc: Any = UserFactory(roles=[Role.SPOC], organisation=org, full_name="Sam Spoc")
    sign_in(page, practitioner, confirmed_totp_device(practitioner))

    page.goto("/concerns/")
    axe.check(page, "your concerns")
    page.get_by_role("button", name="Record a concern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Is anyone in immediate danger?")
    axe.check(page, "emergency question")
    _save(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select yes if")
    axe.check(page, "emergency question with error")
    page.get_by_role("radio", name="No").check()
    _save(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Record a concern")
    axe.check(page, "task list")

    _task(page, "About the person")
    axe.check(page, "person")
    page.get_by_label("Full name").fill("Alex Example")
    page.get_by_label("Day", exact=True).fill("4")
    page.get_by_label("Month", exact=True).fill("5")
    page.get_by_label("Year", exact=True).fill("2010")
    page.get_by_role("radio", name="Male", exact=True).check()
    page.get_by_label("Postcode (optional)").fill("OX16 1AA")
    _save(page)

    _task(page, "Care and support needs and services involved")
    axe.check(page, "support")
    page.get_by_label("Social isolation").check()
    page.get_by_label("Early help").check()
    page.get_by_role("radio", name="Not known").check()
    _save(page)

    _task(page, "What was seen or heard")
    axe.check(page, "what happened")
    page.get_by_label("What was seen or heard?").fill("Shared extremist videos in class.")
    page.get_by_label("Day", exact=True).fill("12")
    page.get_by_label("Month", exact=True).fill("1")
    page.get_by_label("Year", exact=True).fill("2026")
    _save(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter where it was seen or heard")
    expect(page.get_by_label("What was seen or heard?")).to_have_value("Shared extremist videos in class.")
    axe.check(page, "what happened with errors")
    page.get_by_label("Where was it seen or heard?").fill("Classroom 4")
    page.get_by_label("How did the concern come to your notice?").fill("I saw it myself.")
    _save(page)

    _task(page, "Vulnerability factors and key questions")
    expect(page.get_by_text("This list is not a checklist to score.")).to_be_visible()
    expect(page.get_by_text("There is no single profile", exact=False)).to_be_visible()
    axe.check(page, "factors")
    page.get_by_label("Test factor: a sense of isolation", exact=True).check()
    page.get_by_label("Note about: Test factor: a sense of isolation (optional)").fill("Sits alone")
    page.get_by_role("group", name="Test question: a significant shift in behaviour?").get_by_label(
        "Yes"
    ).check()
    _save(page)

    _task(page, "Influences")
    axe.check(page, "influences")
    page.get_by_label("Online", exact=True).check()
    page.get_by_label("Details about online (optional)").fill("Video platform")
    _save(page)

    _task(page, "Type of concern")
    axe.check(page, "type of concern")
    page.get_by_label("Extreme right-wing").check()
    _save(page)

    _task(page, "Attachments")
    axe.check(page, "attachments")
    page.get_by_label("Upload a file").set_input_files(
        files={"name": "screenshot.png", "mimeType": "image/png", "buffer": PNG}
    )
    page.get_by_role("button", name="Upload file").click()
    expect(page.get_by_text("screenshot.png has been uploaded")).to_be_visible()
    axe.check(page, "attachments with a file")
    _save(page)

    _task(page, "Check your answers and submit")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before submitting your concern"
    )
    expect(page.get_by_text("Test factor: a sense of isolation")).to_be_visible()
    axe.check(page, "check your answers")
    page.get_by_role("button", name="Submit concern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Concern submitted")
    axe.check(page, "confirmation")
    concern = Concern.objects.get()
    assert concern.reference
    expect(page.locator(".govuk-panel__body")).to_contain_text(concern.reference)

    # The SPOC's email: the link and the reference, nothing about the person.
    assert [m.to for m in mail.outbox] == [[spoc.email]]
    body = f"{mail.outbox[0].subject} {mail.outbox[0].body}"
    assert concern.reference in body and f"/concerns/{concern.pk}/" in body
    for detail in ("Alex", "Example", "2010", "OX16", "extremist", "Classroom"):
        assert detail not in body

    # The SPOC triages at level 3 with a police Prevent referral.
    spoc_page = make_context().new_page()
    sign_in(spoc_page, spoc, confirmed_totp_device(spoc))
    spoc_page.goto("/concerns/triage/")
    axe.check(spoc_page, "triage queue")
    spoc_page.get_by_role("link", name=concern.reference).click()
    expect(spoc_page.get_by_role("heading", level=1)).to_have_text(concern.reference)
    axe.check(spoc_page, "concern page (SPOC)")
    spoc_page.get_by_role("button", name="Record a decision").click()
    axe.check(spoc_page, "decision")
    spoc_page.get_by_label("Level 3", exact=False).check()
    spoc_page.get_by_label("Rationale").fill("Video sharing and isolation: gateway assessment needed.")
    today = timezone.localdate()
    spoc_page.locator("#id_referral-1-destination").select_option("police_prevent")
    spoc_page.locator("#id_referral-1-method").select_option("email")
    spoc_page.locator("#id_referral-1-sent_on-day").fill(str(today.day))
    spoc_page.locator("#id_referral-1-sent_on-month").fill(str(today.month))
    spoc_page.locator("#id_referral-1-sent_on-year").fill(str(today.year))
    spoc_page.locator("#id_referral-1-receiving_reference").fill("TVP-123")
    spoc_page.get_by_role("button", name="Record decision").click()
    expect(spoc_page.get_by_text(f"Your decision on {concern.reference} has been recorded")).to_be_visible()
    axe.check(spoc_page, "concern page after decision")
    referral = Referral.objects.get()
    assert referral.destination == "police_prevent" and referral.receiving_reference == "TVP-123"
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.REFERRED and concern.pyramid_level == 3

    spoc_page.get_by_role("link", name="View the person's chronology").click()
    expect(spoc_page.get_by_role("heading", level=1)).to_have_text("Alex Example")
    axe.check(spoc_page, "chronology")

    # The practitioner sees the status change.
    page.goto("/concerns/")
    row = page.get_by_role("row").filter(has_text=concern.reference)
    expect(row).to_contain_text("Referred")
    page.get_by_role("link", name=concern.reference).click()
    expect(page.get_by_text("Decision: Prevent pyramid level 3")).to_be_visible()
    axe.check(page, "concern page (practitioner)")
    axe.assert_clean()


def test_an_emergency_shows_the_999_guidance(page: Page, guidance: Any, axe: Any) -> None:
    settings = LocalAreaSettings.load()
    settings.emergency_guidance = "Call 999 now and then ring the Thames Valley Police Prevent team."
    settings.save()
    practitioner: Any = UserFactory(roles=[Role.PRACTITIONER])
    sign_in(page, practitioner, confirmed_totp_device(practitioner))
    page.goto("/concerns/new/")
    page.get_by_role("radio", name="Yes").check()
    _save(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Call 999 now")
    expect(page.get_by_text("ring the Thames Valley Police Prevent team")).to_be_visible()
    axe.check(page, "call 999")
    page.get_by_role("radio", name="Yes").check()
    _save(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the time of the 999 call")
    axe.check(page, "call 999 with error")
    page.get_by_label("Time of the call").fill("14:30")
    page.get_by_label("Police reference (if you have one)").fill("TVP-999")
    _save(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a concern")
    expect(page.locator("#task-emergency-call-status")).to_have_text("Completed")
    concern = Concern.objects.get()
    assert (concern.emergency, concern.emergency_call_made, concern.emergency_call_time) == (
        "yes",
        "yes",
        "14:30",
    )
    axe.check(page, "task list after emergency")
    axe.assert_clean()
