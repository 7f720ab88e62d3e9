"""Search, the people list, possible duplicates, merge and undo in
Chromium: axe-core on every page, and the same journey with JavaScript off."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from prevent.concerns.tests.conftest import make_submitted
from prevent.people.models import PersonMerge

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BORN = dt.date(2011, 6, 7)


def _record(practitioner: Any, name: str) -> None:
    make_submitted(practitioner, person={"person_name": name, "person_date_of_birth": BORN})


def _journey(page: Page, axe: Any, label: str) -> None:
    """axe-core runs in the page, so only with JavaScript on."""
    check = axe.check if label == "JavaScript on" else (lambda *_: None)
    page.goto("/")
    page.get_by_label("Search for a person").first.fill("Mohamed Ali")
    page.locator("#header-search").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Search results")
    expect(page.locator("tbody tr").first).to_contain_text("Muhammad Ali")
    expect(page.locator("tbody")).to_contain_text("7 June 2011")
    check(page, f"search results ({label})")

    page.get_by_role("link", name="People", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    page.get_by_label("Name").fill("ali")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("caption")).to_contain_text("2 people match the filters")
    check(page, f"people list ({label})")

    page.get_by_role("link", name="Review possible duplicates").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Possible duplicates")
    check(page, f"possible duplicates ({label})")
    page.get_by_role("link", name="Review").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merge two person records")
    check(page, f"merge confirmation ({label})")
    page.get_by_role("button", name="Merge these records").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the reason")
    check(page, f"merge confirmation with an error ({label})")
    page.get_by_label("Why are these the same person?").fill("Same pupil, two spellings")
    page.get_by_role("button", name="Merge these records").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merged person records")
    check(page, f"merge ({label})")
    page.get_by_label("Why undo this merge?").fill("Two different pupils")
    page.get_by_role("button", name="Undo the merge").click()
    expect(page.get_by_role("alert", name="Success")).to_contain_text("The merge has been undone")
    check(page, f"possible duplicates after undo ({label})")


def test_search_list_duplicates_merge_and_undo_are_accessible_with_and_without_javascript(
    practitioner: Any, spoc: Any, guidance: Any, signed_in_page: Callable[..., Page], axe: Any
) -> None:
    _record(practitioner, "Muhammad Ali")
    _record(practitioner, "Mohammed Ali")
    _journey(signed_in_page(spoc), axe, "JavaScript on")
    _journey(signed_in_page(spoc, java_script_enabled=False), axe, "JavaScript off")
    assert PersonMerge.objects.filter(undone_at__isnull=False).count() == 2
    axe.assert_clean()
