"""The data protection pages in Chromium with axe-core: the schedule and a
change with an error, the review queue, a review, keep (with errors) and
the disposal confirmation, subject access, who looked, the person page's
panel and one's own access history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from prevent.home.tests.chronology_path import whole_path
from prevent.privacy.models import ReviewItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_data_protection_pages_are_accessible(
    people: dict[str, Any], framework: Any, guidance: Any, signed_in_page: Callable[..., Page], axe: Any
) -> None:
    path = whole_path(people, framework)
    item = ReviewItem.objects.create(
        person=path.person, subject_id=path.person.pk, due_on=dt.date(2026, 1, 1), has_channel_case=True
    )
    page = signed_in_page(people["coordinator"])
    page.goto("/data-protection/retention/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Retention schedule")
    axe.check(page, "retention schedule")
    page.get_by_role("link", name="Change how long: concern closed with no referral").click()
    page.get_by_label("How many years should these records be kept?").fill("abc")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("whole number")
    axe.check(page, "retention rule change with an error")
    page.goto("/data-protection/review/")
    axe.check(page, "review queue")
    page.get_by_role("link", name=f"Person {path.person.pk}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Person {path.person.pk}")
    axe.check(page, "review")
    page.goto(f"/data-protection/review/{item.pk}/keep/")
    page.get_by_role("button", name="Keep the records").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why the records are being kept")
    axe.check(page, "keep with errors")
    page.goto(f"/data-protection/review/{item.pk}/dispose/")
    expect(page.get_by_text("cannot be undone").first).to_be_visible()
    axe.check(page, "disposal confirmation")
    page.goto(f"/concerns/people/{path.person.pk}/")
    expect(page.get_by_role("heading", name="Who looked")).to_be_visible()
    axe.check(page, "person page with retention and who looked")
    page.get_by_role("link", name="make a subject access export").click()
    expect(page.get_by_role("link", name="Download the export as a PDF")).to_be_visible()
    axe.check(page, "subject access")
    page.goto(f"/data-protection/people/{path.person.pk}/who-looked/")
    expect(page.locator("tbody")).to_contain_text("Cora Coordinator")
    axe.check(page, "who looked")
    page.goto("/data-protection/my-access-history/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your access history")
    axe.check(page, "own access history")
    axe.assert_clean()
