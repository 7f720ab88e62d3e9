"""A SPOC completes a self-assessment in a real Chromium, from start to
submission, downloads the PDF and starts the next one from the copy; a
coordinator sees the overview. Every page is checked with axe-core."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.db.backends.base.operations import BaseDatabaseOperations
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import Browser, Page, Playwright, expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

from prevent.accounts.roles import Role
from prevent.core.models import District, Sector
from prevent.self_assessment import services
from prevent.self_assessment.models import Assessment, AssessmentAction, EvidenceFile, Rating
from prevent.self_assessment.selectors import assessment_sections
from tests.browser import conftest as browser_fixtures
from tests.browser.conftest import AxeChecker
from tests.factories import OrganisationFactory, UserFactory, confirmed_totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The browser fixtures of tests/browser/conftest.py, for this module. Those
# holding Playwright and the live server are module-scoped here so that they
# are closed before tests/browser starts its own (Playwright's sync API
# refuses a second instance in the same thread).
axe = browser_fixtures.axe
make_context = browser_fixtures.make_context
signed_in_page = browser_fixtures.signed_in_page


@pytest.fixture(scope="module", autouse=True)
def _flush_past_audit_triggers() -> Iterator[None]:
    operations = type(connection.ops)
    original = operations.execute_sql_flush
    if "<locals>" in original.__qualname__:  # tests/browser already did it
        yield
        return

    def execute_sql_flush(self: BaseDatabaseOperations, sql_list: list[str]) -> None:
        with browser_fixtures.audit_triggers_suspended(self):
            original(self, sql_list)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(operations, "execute_sql_flush", execute_sql_flush)
        yield


@pytest.fixture(scope="module")
def live_server(request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    with override_settings(MEDIA_URL="http://media.invalid/"):
        server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    launched = playwright_instance.chromium.launch(
        executable_path=browser_fixtures.chromium_path(), args=browser_fixtures.CHROMIUM_ARGS
    )
    yield launched
    launched.close()


_seed = importlib.import_module("prevent.self_assessment.migrations.0002_seed_appendix_1")


@pytest.fixture(autouse=True)
def template_seeded(transactional_db: Any) -> None:
    """Live-server tests flush every table after each test, the template
    seeded by the data migration too: put it back as the migration does."""
    _seed.seed(django_apps, None)


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def heading(page: Page) -> Any:
    return page.get_by_role("heading", level=1)


def fill_date(page: Page, name: str, value: date) -> None:
    page.locator(f"#id_{name}-day").fill(str(value.day))
    page.locator(f"#id_{name}-month").fill(str(value.month))
    page.locator(f"#id_{name}-year").fill(str(value.year))


def answer_all_yes(page: Page, note: str = "") -> None:
    radios = page.locator("input.govuk-radios__input[value='yes']")
    for i in range(radios.count()):
        radios.nth(i).check(force=True)
    if note:
        page.locator("textarea[name^='note_']").first.fill(note)


def add_action(page: Page, axe: AxeChecker, description: str, owner: str, due: date, label: str) -> None:
    expect(heading(page)).to_have_text("Add an action")
    axe.check(page, label)
    page.get_by_label("Action", exact=True).fill(description)
    page.get_by_label("By whom").fill(owner)
    fill_date(page, "due_on", due)
    page.get_by_role("button", name="Save the action").click()


def test_spoc_completes_an_assessment(signed_in_page: Any, axe: AxeChecker, tmp_path: Path) -> None:
    today = timezone.localdate()
    organisation = OrganisationFactory(
        name="Cherwell Academy", sector=Sector.SCHOOL, district=District.CHERWELL
    )
    spoc: Any = UserFactory(roles=[Role.SPOC], organisation=organisation, full_name="Sam Spoc")
    confirmed_totp_device(spoc)
    page = signed_in_page(spoc)

    page.goto("/self-assessment/")
    expect(heading(page)).to_have_text("Prevent self-assessment")
    axe.check(page, "list (SPOC, empty)")
    page.get_by_role("button", name="Start a new assessment").click()
    expect(heading(page)).to_have_text("Start a self-assessment")
    axe.check(page, "start")
    page.get_by_role("button", name="Start the assessment").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the date of assessment")
    axe.check(page, "start with errors")
    page.get_by_label("Name of assessor(s)").fill("Sam Spoc, Alex Head <b>teacher</b>")
    fill_date(page, "assessed_on", today - timedelta(days=1))
    fill_date(page, "review_due_on", today - timedelta(days=2))
    page.get_by_role("button", name="Start the assessment").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Date to be reviewed must be after the date of assessment"
    )
    axe.check(page, "start with a date error")
    fill_date(page, "review_due_on", today + timedelta(days=364))
    page.get_by_role("button", name="Start the assessment").click()
    expect(page.get_by_text("Assessment started")).to_be_visible()
    axe.check(page, "task list (new)")

    # Objective 1: all met, a note showing the "and more", a file, two actions.
    page.get_by_role("link", name="Objective 1:").click()
    expect(page.get_by_text("Suggested evidence from this system").first).to_be_visible()
    axe.check(page, "objective 1")
    answer_all_yes(page, "Termly refresher training <i>for governors</i> as well")
    evidence = tmp_path / "prevent-policy.pdf"
    evidence.write_bytes(PDF_BYTES)
    page.locator("input[type=file]").first.set_input_files(str(evidence))
    page.get_by_role("button", name="Save and add an action").click()
    add_action(
        page, axe, "Review the safeguarding policy", "Headteacher", today + timedelta(days=90), "add action"
    )
    expect(page.get_by_text("Action saved")).to_be_visible()
    expect(page.get_by_role("link", name="prevent-policy.pdf")).to_be_visible()
    # HTML typed into a note is kept as text, never made into elements.
    expect(page.locator("#main-content i")).to_have_count(0)
    axe.check(page, "objective 1 with a file and an action")
    page.get_by_role("button", name="Save and add an action").click()
    page.get_by_role("button", name="Save the action").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a description of the action")
    axe.check(page, "add action with errors")
    add_action(
        page, axe, "Book WRAP for new staff", "Deputy head", today + timedelta(days=120), "add action 2"
    )
    expect(page.get_by_text("Book WRAP for new staff")).to_be_visible()
    page.get_by_role("button", name="Save and return to the assessment").click()

    for number in (2, 3):
        page.get_by_role("link", name=f"Objective {number}:").click()
        answer_all_yes(page)
        page.get_by_role("button", name="Save and return to the assessment").click()
        expect(page.get_by_text(f"Objective {number} saved")).to_be_visible()

    # Objective 4: an override needs a reason.
    page.get_by_role("link", name="Objective 4:").click()
    answer_all_yes(page)
    page.get_by_label("Red", exact=True).check(force=True)
    page.get_by_role("button", name="Save and return to the assessment").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter why you changed the suggested rating")
    axe.check(page, "objective 4 with an error")
    page.get_by_label("Red", exact=True).check(force=True)
    page.get_by_label("Reason for changing the suggested rating").fill("Curriculum review not done yet")
    page.get_by_role("button", name="Save and return to the assessment").click()
    expect(page.get_by_text("Objective 4 saved")).to_be_visible()
    axe.check(page, "task list (all complete)")

    page.get_by_role("button", name="Check your answers").click()
    expect(heading(page)).to_have_text("Check your answers before submitting")
    axe.check(page, "check your answers")
    page.get_by_role("button", name="Continue to submit").click()
    expect(heading(page)).to_have_text("Submit the self-assessment")
    axe.check(page, "confirm submission")
    page.get_by_role("button", name="Submit the assessment").click()
    expect(page.get_by_text("Self-assessment submitted")).to_be_visible()
    axe.check(page, "submitted assessment")

    first = Assessment.objects.get()
    assert first.is_locked
    ratings = {r.objective.number: r.rating for r in first.ratings.select_related("objective")}
    assert ratings == {1: Rating.GREEN, 2: Rating.AMBER, 3: Rating.AMBER, 4: Rating.RED}
    assert AssessmentAction.objects.filter(assessment=first).count() == 2
    assert EvidenceFile.objects.filter(answer__assessment=first).count() == 1

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the assessment as a PDF").click()
    pdf_path = tmp_path / "assessment.pdf"
    download_info.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF-")

    page.get_by_role("link", name="History of Cherwell Academy's assessments").click()
    expect(heading(page)).to_have_text("Self-assessment history")
    axe.check(page, "history")
    page.go_back()

    # The next assessment, from a copy of this one.
    page.get_by_role("button", name="Start the next assessment from a copy of this one").click()
    expect(page.get_by_label("From a copy of the last assessment", exact=False)).to_be_checked()
    axe.check(page, "start (with a copy offered)")
    page.get_by_label("Name of assessor(s)").fill("Sam Spoc")
    fill_date(page, "assessed_on", today)
    fill_date(page, "review_due_on", today + timedelta(days=365))
    page.get_by_role("button", name="Start the assessment").click()
    expect(page.get_by_text("Assessment started from a copy of the last one")).to_be_visible()
    expect(page.locator(".govuk-task-list__status", has_text="Completed")).to_have_count(4)
    axe.check(page, "task list (copied)")
    second = Assessment.objects.exclude(pk=first.pk).get()
    assert second.copied_from_id == first.pk and not second.is_locked
    assert AssessmentAction.objects.filter(assessment=second).count() == 2

    axe.assert_clean()


def test_coordinator_pages(signed_in_page: Any, axe: AxeChecker) -> None:
    today = timezone.localdate()
    organisation: Any = OrganisationFactory(name="Banbury College", sector=Sector.FURTHER_EDUCATION)
    OrganisationFactory(name="Abingdon Surgery", sector=Sector.HEALTH, district=District.VALE_OF_WHITE_HORSE)
    spoc: Any = UserFactory(roles=[Role.SPOC], organisation=organisation)
    for days in (400, 10):
        assessment = services.assessment_start(
            actor=spoc,
            organisation=organisation,
            assessor_names="A",
            assessed_on=today - timedelta(days=days),
            review_due_on=today - timedelta(days=days - 365),
        )
        for section in assessment_sections(assessment):
            services.assessment_save_objective(
                actor=spoc,
                assessment=assessment,
                objective=section.objective,
                answers={row.statement.pk: (days == 10, "note") for row in section.rows},
            )
        services.assessment_submit(actor=spoc, assessment=assessment)
    coordinator: Any = UserFactory(roles=[Role.PREVENT_COORDINATOR])
    confirmed_totp_device(coordinator)
    page = signed_in_page(coordinator)

    page.goto("/self-assessment/")
    axe.check(page, "list (coordinator)")
    page.get_by_role("link", name="Partnership overview").click()
    expect(heading(page)).to_have_text("Self-assessment partnership overview")
    expect(page.locator("tr", has_text="Abingdon Surgery")).to_contain_text("No assessment")
    axe.check(page, "overview")
    page.get_by_label("Sector").select_option(Sector.FURTHER_EDUCATION)
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("1 organisation", exact=True)).to_be_visible()
    axe.check(page, "overview (filtered)")
    page.get_by_role("link", name="Banbury College").click()
    axe.check(page, "history (coordinator)")
    page.get_by_role("button", name="Compare").click()
    expect(heading(page)).to_have_text("What changed between two assessments")
    axe.check(page, "compare")
    page.goto("/self-assessment/template/")
    axe.check(page, "template")
    page.get_by_role("button", name="Publish a new version").click()
    axe.check(page, "publish template")
    page.get_by_role("button", name="Publish the new version").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter what has changed in this version")
    axe.check(page, "publish template with errors")
    axe.assert_clean()
