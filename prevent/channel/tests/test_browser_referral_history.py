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
