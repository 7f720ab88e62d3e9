"""The guidance pages in Chromium: zero axe-core violations on every page
(including error states), and the "How to report a concern" pathway walked
with JavaScript turned off."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from prevent.accounts.roles import Role
from prevent.core.models import LocalAreaSettings
from prevent.guidance.models import ConcernType, VulnerabilityFactor
from prevent.guidance.seed import load_guidance

# The browser fixtures live in tests/browser/conftest.py, which pytest only
# applies under tests/browser/: importing them makes them this module's.
from tests.browser.conftest import *  # noqa: F403
from tests.browser.conftest import AxeChecker, _flush_past_audit_triggers  # noqa: F401
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

PAGE_SLUGS = [
    "definitions",
    "risk-in-oxfordshire",
    "prevent-duty",
    "reducing-the-risk",
    "referral-and-intervention",
    "channel",
    "training-and-resources",
]


@pytest.fixture
def seeded(transactional_db: Any) -> None:
    load_guidance()
    settings = LocalAreaSettings.load()
    settings.childrens_front_door_phone = "0345 050 7666"
    settings.childrens_front_door_email = "mash-childrens@example.gov.uk"
    settings.adults_out_of_hours_phone = "0800 833 409"
    settings.save()


def test_guidance_pages_have_no_axe_violations(seeded: None, signed_in_page: Any, axe: AxeChecker) -> None:
    page = signed_in_page(UserFactory(roles=[Role.PRACTITIONER]))
    page.goto("/guidance/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Practice guidance")
    axe.check(page, "guidance index")
    page.get_by_label("Search the guidance").fill("isolation")
    page.locator("#main-content").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="Vulnerability factors")).to_be_visible()
    axe.check(page, "search results")
    page.get_by_role("link", name="A sense of isolation").click()
    expect(page).to_have_url(re.compile(r"/guidance/vulnerability-factors/#factor-\d+$"))
    page.goto("/guidance/?q=xylophone")
    expect(page.get_by_role("heading", level=2, name="No results for \u2018xylophone\u2019")).to_be_visible()
    axe.check(page, "no search results")
    for path, label in [
        ("/guidance/vulnerability-factors/", "vulnerability factors"),
        ("/guidance/influences/", "influences"),
        ("/guidance/prevent-pyramid/", "pyramid"),
    ] + [(f"/guidance/{slug}/", slug) for slug in PAGE_SLUGS]:
        page.goto(path)
        axe.check(page, label)
    page.goto("/guidance/vulnerability-factors/#area-social")
    expect(page.locator("#area-social")).to_be_in_viewport()
    axe.assert_clean()


def test_how_to_report_without_javascript(seeded: None, signed_in_page: Any, axe: AxeChecker) -> None:
    """Walked with JavaScript off. axe-core needs JavaScript, so each page
    visited is then checked again in a page with JavaScript on."""
    user = UserFactory(roles=[Role.PRACTITIONER])
    page = signed_in_page(user, java_script_enabled=False)
    visited: list[tuple[str, str]] = []
    page.goto("/guidance/how-to-report/")
    visited.append(("emergency question", page.url))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("Select yes if a violent act is imminent")
    visited.append(("emergency question with error", page.url))
    page.get_by_label("No").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Is the person a child or an adult?")
    visited.append(("child or adult question", page.url))
    page.get_by_label("A child (under 18)").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Is it during office hours?")
    visited.append(("office hours question", page.url))
    page.get_by_label("Yes, it is during office hours").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who to contact about a child in office hours")
    expect(page.get_by_role("link", name="0345 050 7666")).to_be_visible()
    expect(page.get_by_role("link", name="Record the concern in").first).to_have_attribute(
        "href", "/concerns/new/"
    )
    visited.append(("children's contacts", page.url))
    page.get_by_role("link", name="Change whether the person is a child or an adult").click()
    page.get_by_label("An adult (18 or over)").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("No, it is out of hours").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who to contact about an adult out of hours")
    expect(page.get_by_role("link", name="0800 833 409")).to_be_visible()
    expect(page.get_by_text("Not set: ask your administrator").first).to_be_visible()
    visited.append(("adults' out-of-hours contacts", page.url))
    page.goto("/guidance/how-to-report/")
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Call 999 now")
    visited.append(("call 999", page.url))

    checker = signed_in_page(user)
    for label, url in visited:
        checker.goto(url)
        axe.check(checker, label)
    axe.assert_clean()


def test_coordinator_editing_pages_have_no_axe_violations(
    seeded: None, signed_in_page: Any, axe: AxeChecker
) -> None:
    page = signed_in_page(UserFactory(roles=[Role.PREVENT_COORDINATOR]))
    factor = VulnerabilityFactor.objects.get(text="Adolescence")
    page.goto("/guidance/manage/")
    axe.check(page, "manage index")
    page.get_by_role("link", name="Vulnerability factors").click()
    axe.check(page, "manage factors list")
    page.goto(f"/guidance/manage/vulnerability-factors/{factor.pk}/change/")
    page.get_by_label("Wording of the vulnerability factor").fill("")
    page.get_by_role("button", name="Save wording").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the wording of the vulnerability factor")
    axe.check(page, "change wording with error")
    page.get_by_label("Wording of the vulnerability factor").fill("Adolescence and young adulthood")
    page.get_by_role("button", name="Save wording").click()
    expect(page.get_by_text("The vulnerability factor has been changed")).to_be_visible()
    axe.check(page, "factors list after change")
    page.goto(f"/guidance/manage/vulnerability-factors/{factor.pk}/retire/")
    axe.check(page, "retire confirmation")
    page.get_by_role("button", name="Retire vulnerability factor").click()
    expect(page.get_by_text("The vulnerability factor has been retired")).to_be_visible()
    for kind in ("key-questions", "influences", "concern-types"):
        page.goto(f"/guidance/manage/{kind}/")
        axe.check(page, f"manage {kind}")
    axe.assert_clean()


def test_coordinator_adds_and_deletes_a_type_of_concern_with_no_axe_violations(
    seeded: None, signed_in_page: Any, axe: AxeChecker
) -> None:
    page = signed_in_page(UserFactory(roles=[Role.PREVENT_COORDINATOR]))
    page.goto("/guidance/manage/concern-types/")
    page.get_by_role("link", name="Add a type of concern").click()
    axe.check(page, "add a type of concern")
    page.get_by_role("button", name="Add type of concern").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the name of the type of concern")
    axe.check(page, "add a type of concern with error")
    page.get_by_label("Name of the type of concern").fill("Added by mistake")
    page.get_by_role("button", name="Add type of concern").click()
    expect(page.get_by_text("The type of concern 'Added by mistake' has been added")).to_be_visible()
    axe.check(page, "types of concern with a local one")
    page.get_by_role("link", name="Delete \u2018Added by mistake\u2019").click()
    axe.check(page, "delete confirmation")
    page.get_by_role("button", name="Delete type of concern").click()
    expect(page.get_by_text("The type of concern 'Added by mistake' has been deleted")).to_be_visible()
    # An official category cannot be deleted: the page says why.
    page.goto(f"/guidance/manage/concern-types/{ConcernType.objects.get(code='incel').pk}/delete/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This type of concern cannot be deleted")
    axe.check(page, "cannot be deleted")
    axe.assert_clean()
