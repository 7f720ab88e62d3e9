"""The chronology of a person who went through the whole Channel path, in
Chromium: every kind of event in time order, no axe-core violations, the
filter (with JavaScript off too), the print layout and the PDF download."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path as FilePath
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from prevent.audit.models import AuditEvent
from prevent.home.chronology import KINDS

from .chronology_path import NAME, PATH_ORDER, whole_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def kinds_in_order(page: Page) -> list[str]:
    """The kinds of the table's rows, each at its first row (read from the
    markup: page scripts do not run with JavaScript off)."""
    seen: list[str] = []
    for kind in re.findall(r'<tr class="govuk-table__row" data-kind="([a-z_]+)"', page.content()):
        if kind not in seen:
            seen.append(kind)
    return seen


def test_the_whole_path_in_the_browser(
    people: dict[str, Any],
    framework: Any,
    guidance: Any,
    signed_in_page: Callable[..., Page],
    axe: Any,
    tmp_path: FilePath,
) -> None:
    path = whole_path(people, framework)
    page = signed_in_page(people["coordinator"])

    # Reached from the Channel case page.
    page.goto(f"/channel/cases/{path.case.pk}/")
    page.get_by_role("link", name=f"View the chronology of {NAME}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    assert kinds_in_order(page) == PATH_ORDER
    table = page.locator("table.app-chronology")
    for label in KINDS.values():
        expect(table).to_contain_text(label)
    expect(table).to_contain_text("Paula Police")
    axe.check(page, "person chronology, the whole Channel path")

    # Printed: the content only.
    page.emulate_media(media="print")
    expect(page.locator(".govuk-service-navigation")).to_be_hidden()
    expect(page.locator(".govuk-footer")).to_be_hidden()
    expect(page.locator("#chronology-filters")).to_be_hidden()
    expect(table).to_be_visible()
    page.emulate_media(media="screen")

    # A filter.
    page.get_by_label(KINDS["consent"]).check()
    page.get_by_label(KINDS["review"]).check()
    page.get_by_role("button", name="Apply filters").click()
    assert kinds_in_order(page) == ["consent", "review"]
    expect(page.get_by_label(KINDS["consent"])).to_be_checked()
    axe.check(page, "person chronology, filtered")

    # A bad date: told next to the field, what was typed kept.
    page.get_by_role("group", name="From").get_by_label("Day").fill("31")
    page.get_by_role("group", name="From").get_by_label("Month").fill("2")
    page.get_by_role("group", name="From").get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The start date must be a real date")
    expect(page.locator(".govuk-error-message")).to_contain_text("The start date must be a real date")
    expect(page.get_by_role("group", name="From").get_by_label("Day")).to_have_value("31")
    axe.check(page, "person chronology, a bad date")

    # The PDF, with the filter of the page.
    page.goto(f"/chronology/person/{path.person.pk}/?kind=consent&kind=exit")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this chronology as a PDF (with these filters)").click()
    saved = tmp_path / "chronology.pdf"
    download.value.save_as(saved)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(saved.read_bytes())).pages)
    assert NAME in text and "Consent given" in text and "Exited Channel" in text
    assert "Support started" not in text
    assert AuditEvent.objects.filter(
        action="person_chronology_exported", actor=people["coordinator"]
    ).exists()
    axe.assert_clean()


def test_the_filter_works_without_javascript(
    people: dict[str, Any], framework: Any, guidance: Any, signed_in_page: Callable[..., Page]
) -> None:
    path = whole_path(people, framework)
    page = signed_in_page(people["spoc"], java_script_enabled=False)
    page.goto(f"/concerns/{path.concern.pk}/")
    page.get_by_role("link", name="View everything recorded about this person").click()
    assert kinds_in_order(page) == ["concern", "question", "addendum", "triage", "referral"]
    page.get_by_label(KINDS["addendum"]).check()
    page.get_by_role("button", name="Apply filters").click()
    assert kinds_in_order(page) == ["addendum"]
    # (axe needs scripts: the same page is checked with JavaScript on above.)
