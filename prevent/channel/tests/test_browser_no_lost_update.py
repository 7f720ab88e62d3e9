"""Two people edit the same support plan in two browsers (issue 14 part 6,
ADR 0018): the second save shows what changed, theirs against yours, loses
nothing typed, and saves the merge. Chromium, axe-core on every page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from prevent.channel import services as C
from prevent.channel.models import Intervention
from prevent.channel.tests.conftest import adopted_case, consent_given
from prevent.core import clock
from tests.factories import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_two_browsers_edit_the_same_support_plan_and_nothing_is_lost(
    people: dict[str, Any],
    provider: Any,
    make_user: Callable[..., Any],
    signed_in_page: Callable[..., Page],
    axe: Any,
) -> None:
    from prevent.accounts.roles import Role

    case, _ = adopted_case(people)
    consent_given(people, case)
    case.refresh_from_db()
    intervention = C.intervention_add(
        actor=people["coordinator"],
        case=case,
        type="diversionary",
        provider=provider,
        description="Football on Saturdays",
        start_on=clock.today(),
        review_on=None,
        end_on=None,
    )
    colleague = make_user(
        Role.PREVENT_COORDINATOR, organisation=people["council"], full_name="Cleo Colleague"
    )
    url = f"/channel/cases/{case.pk}/interventions/{intervention.pk}/change/"
    first = signed_in_page(people["coordinator"])
    second = signed_in_page(colleague)
    # Both open the same intervention of the support plan.
    first.goto(f"/channel/cases/{case.pk}/")
    first.get_by_role("link", name="Change Diversionary activity").click()
    expect(first.get_by_role("heading", level=1)).to_contain_text("Change")
    axe.check(first, "change an intervention")
    second.goto(url)
    # The first saves.
    first.get_by_label("Description (optional)").fill("Boxing club instead")
    first.get_by_role("button", name="Save changes").click()
    expect(first.locator(".govuk-notification-banner--success")).to_contain_text(
        "The intervention has been changed"
    )
    # The second, working on the copy they opened before, types and saves.
    second.get_by_label("Description (optional)").fill("Football and cricket")
    second.get_by_label("Outcome (optional)").fill("Attending every week")
    second.get_by_role("button", name="Save changes").click()
    expect(second.locator(".govuk-error-summary")).to_contain_text("Someone else saved changes")
    conflict = second.locator("#edit-conflict")
    expect(conflict.locator('[data-conflict-theirs="description"]')).to_have_text("Boxing club instead")
    expect(conflict.locator('[data-conflict-yours="description"]')).to_have_text("Football and cricket")
    expect(conflict.locator('[data-conflict-theirs="outcome"]')).to_have_text("(blank)")
    # Nothing typed is lost: the boxes still hold what they typed.
    expect(second.get_by_label("Description (optional)")).to_have_value("Football and cricket")
    expect(second.get_by_label("Outcome (optional)")).to_have_value("Attending every week")
    axe.check(second, "change an intervention: what changed since you opened it")
    intervention.refresh_from_db()
    assert intervention.description == "Boxing club instead" and intervention.outcome == ""
    # They choose theirs for the description, keep their outcome, save again.
    second.get_by_label("Use theirs").first.check()
    second.get_by_role("button", name="Save changes").click()
    expect(second.locator(".govuk-notification-banner--success")).to_contain_text(
        "The intervention has been changed"
    )
    saved = Intervention.objects.get(pk=intervention.pk)
    assert (saved.description, saved.outcome, saved.version) == (
        "Boxing club instead",
        "Attending every week",
        3,
    )
    axe.assert_clean()


def test_a_timed_out_session_keeps_what_was_typed_through_sign_in(
    people: dict[str, Any], provider: Any, signed_in_page: Callable[..., Page], axe: Any
) -> None:
    from django.conf import settings
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.browser.conftest import current_code

    case, _ = adopted_case(people)
    consent_given(people, case)
    case.refresh_from_db()
    intervention = C.intervention_add(
        actor=people["coordinator"],
        case=case,
        type="diversionary",
        provider=provider,
        description="Football on Saturdays",
        start_on=clock.today(),
        review_on=None,
        end_on=None,
    )
    page = signed_in_page(people["coordinator"])
    device = TOTPDevice.objects.filter(user=people["coordinator"], confirmed=True).first()
    page.goto(f"/channel/cases/{case.pk}/interventions/{intervention.pk}/change/")
    page.get_by_label("Outcome (optional)").fill("A long note typed while the session ran out")
    # The session ends (as after 30 minutes without a request).
    page.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_label("Email address")).to_be_visible()
    page.get_by_label("Email address").fill(people["coordinator"].email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Code", exact=True).fill(current_code(device))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Send what you typed again")
    expect(page.locator("#kept-input")).to_contain_text("A long note typed while the session ran out")
    axe.check(page, "send what you typed again")
    page.get_by_role("button", name="Send it again").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The intervention has been changed"
    )
    intervention.refresh_from_db()
    assert intervention.outcome == "A long note typed while the session ran out"
    axe.assert_clean()
