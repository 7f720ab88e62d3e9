"""Issue 10's acceptance in Chromium: a third referral of the same person
shows the warning at the gateway, and "no further action" cannot be
recorded without the acknowledgement; with JavaScript (the acknowledgement
is revealed under "No further action") and without (every follow-up shown).
Every page is checked with axe-core."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from prevent.channel.models import GatewayAssessment, GatewayOutcome

from .test_referral_history import third_referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _assess_no_further_action(page: Page, axe: Any | None, url: str) -> None:
    """axe: None without JavaScript (axe-core runs as a script in the page)."""
    page.goto(url)
    expect(page.locator("#repeat-referral-warning")).to_contain_text(
        "This person has been referred to Prevent 2 times before in the last 3 years"
    )
    expect(page.get_by_role("table", name="Earlier referrals to Prevent, most recent first")).to_be_visible()
    if axe is not None:
        axe.check(page, "gateway assessment with the repeat-referral warning")
    page.get_by_label("Police systems and intelligence", exact=True).check()
    page.get_by_label("No further action", exact=True).check()
    page.get_by_label("Rationale", exact=True).fill("Nothing new since the last referral")
    page.get_by_role("button", name="Record outcome", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Confirm you have read the person's earlier referrals before you record no further action"
    )
    expect(page.locator("#id_history_acknowledged-error")).to_be_visible()
    expect(page.get_by_label("Rationale", exact=True)).to_have_value("Nothing new since the last referral")
    if axe is not None:
        axe.check(page, "gateway assessment refused without the acknowledgement")
    assert (
        not GatewayAssessment.objects.filter(outcome=GatewayOutcome.NO_FURTHER_ACTION)
        .exclude(rationale="Considered")
        .exists()
    )
    page.get_by_label("I have read the person's earlier referrals and their outcomes", exact=True).check()
    page.get_by_role("button", name="Record outcome", exact=True).click()
    expect(page.get_by_text("Gateway outcome recorded: No further action")).to_be_visible()
    assessment = GatewayAssessment.objects.get(rationale="Nothing new since the last referral")
    assert assessment.history_acknowledged and assessment.history_warning_shown


def test_third_referral_warns_and_no_further_action_needs_the_acknowledgement(
    people: dict[str, Any], signed_in_page: Callable[..., Page], axe: Any
) -> None:
    third, _ = third_referral(people)
    page = signed_in_page(people["police"])
    url = f"/channel/gateway/from-referral/{third.pk}/"
    page.goto(url)
    acknowledgement = page.get_by_label(
        "I have read the person's earlier referrals and their outcomes", exact=True
    )
    expect(acknowledgement).to_be_hidden()  # revealed only under "No further action"
    page.get_by_label("No further action", exact=True).check()
    expect(acknowledgement).to_be_visible()
    _assess_no_further_action(page, axe, url)
    axe.assert_clean()


def test_the_same_without_javascript(people: dict[str, Any], signed_in_page: Callable[..., Page]) -> None:
    third, _ = third_referral(people)
    page = signed_in_page(people["police"], java_script_enabled=False)
    url = f"/channel/gateway/from-referral/{third.pk}/"
    page.goto(url)
    expect(page.get_by_label("Services signposted to (if signposted)", exact=True)).to_be_visible()
    _assess_no_further_action(page, None, url)


def test_the_new_and_changed_pages_have_no_axe_violations(
    people: dict[str, Any], signed_in_page: Callable[..., Page], axe: Any
) -> None:
    from prevent.concerns.tests.conftest import make_draft, make_submitted
    from prevent.people.services import person_link

    from .test_referral_history import assess

    third, person = third_referral(people)
    gateway = assess(people, third, "channel")
    now = person_link(actor=people["spoc"], record=make_submitted(people["practitioner"]), person=person)
    make_draft(people["practitioner"], person={"person_name": "Jamie Drafted"})

    spoc = signed_in_page(people["spoc"])
    for url, label in (
        ("/concerns/triage/", "triage queue with names"),
        ("/concerns/organisation/", "the organisation's concerns"),
        ("/concerns/organisation/?status=referred&sort=person", "the organisation's concerns, filtered"),
        (f"/concerns/{now.pk}/", "concern page with the repeat-referral panel"),
        (f"/concerns/{now.pk}/decision/", "decision page with the repeat-referral panel"),
        (f"/concerns/{third.concern_id}/", "concern page with the referral's outcome"),
        (f"/concerns/referrals/{third.pk}/information/", "add information to a referral"),
    ):
        spoc.goto(url)
        axe.check(spoc, label)
    expect(spoc.locator("h1")).to_have_text("Add information to the referral")
    spoc.get_by_role("button", name="Add information", exact=True).click()
    expect(spoc.locator(".govuk-error-summary")).to_contain_text("Enter the information you want to add")
    axe.check(spoc, "add information to a referral, with an error")
    spoc.get_by_label("Information to add", exact=True).fill("Excluded from school since")
    spoc.get_by_role("button", name="Add information", exact=True).click()
    expect(spoc.get_by_text("Your information has been added to the referral.")).to_be_visible()

    practitioner = signed_in_page(people["practitioner"])
    practitioner.goto("/concerns/")
    expect(practitioner.get_by_text("Draft about Jamie Drafted")).to_be_visible()
    axe.check(practitioner, "your concerns with drafts named")

    police = signed_in_page(people["police"])
    for url, label in (
        ("/channel/gateway/", "gateway queue"),
        ("/channel/gateway/history/", "gateway history"),
        (f"/channel/gateway/{gateway.pk}/", "gateway record with the information added"),
    ):
        police.goto(url)
        axe.check(police, label)
    expect(police.get_by_text("Excluded from school since")).to_be_visible()

    coordinator = signed_in_page(people["coordinator"])
    coordinator.goto(f"/channel/cases/{gateway.channel_case.pk}/")
    expect(coordinator.locator("#repeat-referral-warning")).to_be_visible()
    axe.check(coordinator, "Channel case with the repeat-referral panel")
    axe.assert_clean()
