"""The audit viewer in a real Chromium: axe-core finds no violation on the
list (plain, filtered, page 2, with date errors) or on an event's page, and
the filters and pagination work with JavaScript off."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from playwright.sync_api import expect

from prevent.accounts.roles import Role
from prevent.audit.services import record_event
from tests.browser import conftest as browser_fixtures
from tests.browser.conftest import AxeChecker
from tests.factories import UserFactory

# The browser tests' fixtures (one Chromium, the live server, axe-core, and
# the flush that steps past the audit triggers), shared with this module.
_flush_past_audit_triggers = browser_fixtures._flush_past_audit_triggers
playwright_instance = browser_fixtures.playwright_instance
browser = browser_fixtures.browser
live_server = browser_fixtures.live_server
make_context = browser_fixtures.make_context
signed_in_page = browser_fixtures.signed_in_page
axe = browser_fixtures.axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coordinator_with_events() -> Any:
    coordinator = UserFactory(roles=[Role.PREVENT_COORDINATOR], full_name="Casey Coordinator")
    spoc: Any = UserFactory(roles=[Role.SPOC], full_name="Sam Spoc")
    with transaction.atomic():
        for n in range(55):
            record_event(
                actor=spoc if n % 2 else None,
                actor_label="" if n % 2 else "system",
                action="thing_done" if n % 2 else "other_thing",
                summary=f"Event {n}",
                object_type="core.organisation",
                object_id=n,
                changes={"name": {"before": f"Old {n}", "after": f"New {n}"}},
            )
    return coordinator


def test_the_audit_viewer_pages_are_accessible(
    signed_in_page: Any, axe: AxeChecker, coordinator_with_events: Any
) -> None:
    page = signed_in_page(coordinator_with_events)
    page.goto("/audit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit log")
    axe.check(page, "audit log")
    page.goto("/audit/?who=sam")
    axe.check(page, "audit log: filtered")
    page.goto("/audit/?page=2")
    axe.check(page, "audit log: page 2")
    page.goto("/audit/?date_from_day=1&date_from_year=2026&date_to_day=40&date_to_month=1&date_to_year=2026")
    expect(page.get_by_role("alert")).to_contain_text("From date must include a month")
    axe.check(page, "audit log: date errors")
    page.goto("/audit/2/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thing done")
    axe.check(page, "audit event with changes")
    axe.assert_clean()


def test_the_filters_and_pagination_work_without_javascript(
    signed_in_page: Any, coordinator_with_events: Any
) -> None:
    page = signed_in_page(coordinator_with_events, java_script_enabled=False)
    page.goto("/audit/")
    page.get_by_label("Who").fill("sam spoc")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#results-count")).to_have_text("Showing 1 to 27 of 27 events")

    page.get_by_label("Who").fill("")
    page.get_by_label("Action").select_option("Other thing")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#results-count")).to_have_text("Showing 1 to 28 of 28 events")

    page.get_by_label("Action").select_option("All actions")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("link", name="Next page").click()
    expect(page.locator("#results-count")).to_contain_text("Showing 51 to")
    page.locator("table a").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text("This event's hash")).to_be_visible()
