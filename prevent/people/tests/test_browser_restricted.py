"""Restricted records in Chromium with axe-core (issue 14 part 4): the
coordinator restricts a person, another whose role would see them is told
a restricted record exists and breaks glass with a reason, and the
coordinator reads the report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from prevent.channel.tests.conftest import open_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_restrict_search_break_glass_and_report_are_accessible(
    make_user: Callable[..., Any], signed_in_page: Callable[..., Page], axe: Any
) -> None:

    from prevent.accounts.roles import Role
    from tests.factories import OrganisationFactory

    council = OrganisationFactory(name="Oxfordshire County Council")
    school = OrganisationFactory(name="Banbury Academy")
    people: dict[str, Any] = {
        "council": council,
        "school": school,
        "practitioner": make_user(Role.PRACTITIONER, organisation=school, full_name="Pat Practitioner"),
        "spoc": make_user(Role.SPOC, organisation=school, full_name="Sam Spoc"),
        "coordinator": make_user(
            Role.PREVENT_COORDINATOR, organisation=council, full_name="Cora Coordinator"
        ),
        "police": make_user(Role.POLICE_PREVENT_OFFICER, organisation=council, full_name="Paul Police"),
        "chair": make_user(Role.CHANNEL_CHAIR, organisation=council, full_name="Chris Chair"),
    }
    case = open_case(people)
    name = case.person.full_name
    coordinator = signed_in_page(people["coordinator"])
    coordinator.goto(f"/chronology/person/{case.person_id}/")
    coordinator.get_by_role("link", name="Restrict this record").click()
    axe.check(coordinator, "restrict a record")
    coordinator.get_by_role("button", name="Restrict the record").click()
    expect(coordinator.locator(".govuk-error-summary")).to_contain_text("Enter why this record is restricted")
    axe.check(coordinator, "restrict a record: error")
    coordinator.get_by_label("Why is this record restricted?").fill("A member of staff")
    coordinator.get_by_label("Sam Spoc").check()
    coordinator.get_by_role("button", name="Restrict the record").click()
    expect(coordinator.get_by_text("This is a restricted record")).to_be_visible()

    chair = signed_in_page(people["chair"])
    chair.goto(f"/people/search/?q={name}")
    expect(chair.locator("#restricted-records")).to_contain_text("A restricted record exists")
    axe.check(chair, "search with a restricted record")
    chair.locator("#restricted-records").get_by_role("link").click()
    axe.check(chair, "request access to a restricted record")
    chair.get_by_role("button", name="Open the record").click()
    expect(chair.locator(".govuk-error-summary")).to_contain_text("Enter why you need to see this record now")
    chair.get_by_label("Why do you need to see this record now?").fill("Risk to life tonight")
    chair.get_by_role("button", name="Open the record").click()
    expect(chair.get_by_role("heading", level=1)).to_have_text(name)

    coordinator.goto("/people/break-glass/")
    expect(coordinator.locator("tbody")).to_contain_text("Risk to life tonight")
    axe.check(coordinator, "break-glass report")
    axe.assert_clean()
