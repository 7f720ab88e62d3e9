"""The API's GOV.UK pages in Chromium with axe-core: the documentation,
issuing and revoking a token, registering a webhook endpoint."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_pages_are_accessible(
    admin: Any, practitioner: Any, org: Any, signed_in_page: Callable[..., Page], axe: Any
) -> None:
    reader = signed_in_page(practitioner)
    reader.goto("/api/docs/")
    expect(reader.get_by_role("heading", level=1)).to_have_text("API for partner systems")
    axe.check(reader, "API documentation")

    page = signed_in_page(admin)
    page.goto("/")
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    axe.check(page, "API tokens (none)")
    page.get_by_role("link", name="Issue a token").click()
    page.get_by_role("button", name="Issue token").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select what the token may be used for")
    axe.check(page, "issue a token, with errors")
    page.get_by_label("Who the token acts as").select_option(str(practitioner.pk))
    page.get_by_label("Name of the system that will use it").fill("School safeguarding log")
    page.get_by_label("Read concerns and their referral outcomes").check()
    expires = dt.date.today() + dt.timedelta(days=60)
    page.get_by_label("Day").fill(str(expires.day))
    page.get_by_label("Month").fill(str(expires.month))
    page.get_by_label("Year").fill(str(expires.year))
    page.get_by_role("button", name="Issue token").click()
    expect(page.get_by_role("heading", name="Token issued")).to_be_visible()
    expect(page.locator("#token-secret")).to_contain_text("ph_")
    axe.check(page, "token issued (shown once)")
    page.get_by_role("link", name="Revoke token").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Are you sure you want to revoke this token?")
    axe.check(page, "revoke a token")
    page.get_by_role("button", name="Revoke token").click()
    expect(page.locator("tbody")).to_contain_text("Revoked")
    axe.check(page, "API tokens (one revoked)")

    page.get_by_role("link", name="Webhook endpoints").click()
    page.get_by_role("link", name="Register an endpoint").click()
    page.get_by_label("Organisation").select_option(str(org.pk))
    page.get_by_label("Address of the receiving system").fill("https://school.example/hook")
    page.get_by_role("button", name="Register endpoint").click()
    expect(page.get_by_role("heading", name="Endpoint registered")).to_be_visible()
    axe.check(page, "webhook endpoint registered")
    page.get_by_role("link", name="Back to webhook endpoints").click()
    expect(page.locator("tbody")).to_contain_text("https://school.example/hook")
    axe.check(page, "webhook endpoints")
    axe.assert_clean()
