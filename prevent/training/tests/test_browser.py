"""Issue 12's acceptance journey in Chromium, with axe-core: a coordinator
schedules a WRAP session with two places; three staff book (the third is
wait-listed); one cancels and the wait-listed person is promoted and told;
the trainer records attendance; the organisation's compliance rises and the
self-assessment shows the new figure as suggested evidence. Staff, the
trainer and the SPOC work with JavaScript switched off."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.core import mail
from playwright.sync_api import FilePayload, Page, expect

from prevent.accounts.roles import Role
from prevent.core import clock
from prevent.self_assessment import services as SA
from prevent.training.models import BookingStatus, Requirement, TrainingSession

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_JS = {"java_script_enabled": False}


def _book(page: Page, session: TrainingSession) -> None:
    page.goto(f"/training/sessions/{session.pk}/")
    page.get_by_role("button", name="Book a place").click()


def test_wrap_session_from_scheduling_to_compliance_and_the_self_assessment(
    make_user: Any,
    org: Any,
    spoc: Any,
    coordinator: Any,
    trainer: Any,
    wrap: Any,
    signed_in_page: Callable[..., Page],
    axe: Any,
) -> None:
    Requirement.objects.create(organisation=org, job_group="all_staff", course=wrap)
    # A transactional test before this one may have flushed the seeded template.
    import_module("prevent.self_assessment.migrations.0002_seed_appendix_1").seed(django_apps, None)
    draft = SA.assessment_start(
        actor=spoc,
        organisation=org,
        assessor_names="Sam Spoc",
        assessed_on=clock.today(),
        review_due_on=clock.today() + dt.timedelta(days=365),
    )
    ann, ben, cal = (
        make_user(Role.PRACTITIONER, organisation=org, full_name=name)
        for name in ("Ann Able", "Ben Baker", "Cal Cole")
    )
    today = clock.today()

    # The coordinator schedules the session (JavaScript on, checked with axe).
    coordinator_page = signed_in_page(coordinator)
    coordinator_page.goto("/training/sessions/add/")
    axe.check(coordinator_page, "schedule a session")
    coordinator_page.get_by_label("Course").select_option(label=wrap.title)
    coordinator_page.locator("input[name=date_day]").fill(str(today.day))
    coordinator_page.locator("input[name=date_month]").fill(str(today.month))
    coordinator_page.locator("input[name=date_year]").fill(str(today.year))
    coordinator_page.get_by_label("Start time").fill("09:30")
    coordinator_page.get_by_label("End time").fill("12:00")
    coordinator_page.get_by_label("Venue (optional)").fill("County Hall, Oxford")
    coordinator_page.get_by_label("Trainer").select_option(value=str(trainer.pk))
    coordinator_page.get_by_label("Number of places").fill("2")
    coordinator_page.get_by_role("button", name="Schedule session").click()
    expect(coordinator_page.locator("[data-module=govuk-notification-banner]")).to_contain_text("scheduled")
    session = TrainingSession.objects.get()
    assert session.capacity == 2
    axe.check(coordinator_page, "session page (coordinator)")

    # Three staff book without JavaScript; the third is wait-listed.
    pages = {user.pk: signed_in_page(user, **NO_JS) for user in (ann, ben, cal)}
    for user in (ann, ben):
        _book(pages[user.pk], session)
        expect(pages[user.pk].locator("#your-booking")).to_have_text("Booked")
    _book(pages[cal.pk], session)
    expect(pages[cal.pk].locator("[data-module=govuk-notification-banner]")).to_contain_text("waiting list")
    expect(pages[cal.pk].locator("#your-booking")).to_have_text("On the waiting list")

    # Ann cancels (after a confirmation page); Cal moves up and is told.
    mail.outbox.clear()
    ann_page = pages[ann.pk]
    ann_page.get_by_role("link", name="Cancel your booking").click()
    expect(ann_page.get_by_role("heading", level=1)).to_have_text("Cancel your booking?")
    ann_page.get_by_role("button", name="Cancel booking").click()
    expect(ann_page.locator("[data-module=govuk-notification-banner]")).to_contain_text("cancelled")
    assert session.bookings.get(user=cal).status == BookingStatus.BOOKED
    told = [m for m in mail.outbox if m.to == [cal.email]]
    assert told and "moved up from the waiting list" in told[0].body
    assert "calendar.ics" in told[0].body
    pages[cal.pk].goto(f"/training/sessions/{session.pk}/")
    expect(pages[cal.pk].locator("#your-booking")).to_have_text("Booked")

    # Compliance before attendance: nobody current.
    spoc_page = signed_in_page(spoc, **NO_JS)
    spoc_page.goto(f"/training/organisations/{org.pk}/compliance/")
    expect(spoc_page.locator("#compliance")).to_contain_text("0 of 4")

    # The trainer records attendance without JavaScript.
    trainer_page = signed_in_page(trainer, **NO_JS)
    trainer_page.goto(f"/training/sessions/{session.pk}/")
    trainer_page.get_by_role("link", name="Record attendance").click()
    trainer_page.get_by_label("Ben Baker").check()
    trainer_page.get_by_label("Cal Cole").check()
    trainer_page.get_by_role("button", name="Record attendance").click()
    expect(trainer_page.locator("[data-module=govuk-notification-banner]")).to_contain_text("2 attended")

    # The organisation's compliance rises; the chart and table say so.
    spoc_page.goto(f"/training/organisations/{org.pk}/compliance/")
    expect(spoc_page.locator("#compliance")).to_contain_text("2 of 4")
    expect(spoc_page.locator("svg[role=img] desc")).to_contain_text(f"{wrap.title}: 50% (2 of 4)")
    coordinator_page.goto(f"/training/organisations/{org.pk}/compliance/")
    axe.check(coordinator_page, "training compliance")

    # The self-assessment suggests the new figure; it ticks nothing.
    spoc_page.goto(f"/self-assessment/{draft.pk}/objectives/2/")
    expect(spoc_page.locator("main")).to_contain_text("50% of staff (2 of 4) have current training on WRAP")
    coordinator_page.goto("/training/")
    axe.check(coordinator_page, "your training")
    pages[ben.pk].goto("/training/")
    expect(pages[ben.pk].locator("#record")).to_contain_text(wrap.title)
    axe.assert_clean()


def test_a_spoc_imports_their_staff_list_with_a_preview_and_its_progress_page(
    spoc: Any, org: Any, signed_in_page: Callable[..., Page], axe: Any
) -> None:
    """The SPOC's own import: a wrong file names its rows and imports nothing
    (JavaScript off), then a good one is previewed and imported, each page
    checked with axe (JavaScript on)."""
    from prevent.accounts.models import User

    bad = b"name,e-mail,job group\nAnn Able,not-an-address,all staff\nBen Baker,ben@school.example,teachers\n"
    no_js = signed_in_page(spoc, **NO_JS)
    no_js.goto("/training/import/")
    no_js.get_by_label("Staff list").set_input_files(
        files=FilePayload(name="staff.csv", mimeType="text/csv", buffer=bad)
    )
    no_js.get_by_role("button", name="Check the file").click()
    expect(no_js.get_by_role("heading", level=1)).to_have_text("Nothing was imported")
    expect(no_js.locator("#import-errors")).to_contain_text("Row 2, e-mail: Enter an email address")
    expect(no_js.locator("#import-errors")).to_contain_text("Row 3, job group: Enter a job group")
    assert not User.objects.filter(organisation=org).exclude(pk=spoc.pk).exists()

    rows = "".join(f"Staff {i},staff{i}@school.example,all staff\n" for i in range(30))
    page = signed_in_page(spoc)
    page.goto("/training/import/")
    expect(page.locator("main")).to_contain_text("Staff of Cherwell School")
    axe.check(page, "import a staff list")
    page.get_by_label("Staff list").set_input_files(
        files=FilePayload(
            name="staff.csv", mimeType="text/csv", buffer=("name,e-mail,job group\n" + rows).encode()
        )
    )
    page.get_by_label("Also ask for the practitioner role for each of them").check()
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("main")).to_contain_text("30 staff to add to Cherwell School")
    axe.check(page, "staff import preview")
    page.get_by_role("button", name="Import 30 staff").click()
    expect(page.locator("#import-result")).to_have_text(
        "30 staff have been added to Cherwell School and invited"
    )
    axe.check(page, "staff import result")
    staff = User.objects.filter(organisation=org).exclude(pk=spoc.pk)
    assert staff.count() == 30 and not staff.filter(role_assignments__isnull=False).exists()
    axe.assert_clean()
