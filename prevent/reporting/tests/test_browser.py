"""The statistics in Chromium: the pages pass axe-core, the charts are SVG
with a title, a description and the figures written on them, the period is
chosen and the CSV downloaded with JavaScript off."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_statistics_pages_are_accessible(
    partnership: dict[str, Any], signed_in_page: Callable[..., Page], axe: Any
) -> None:
    page = signed_in_page(partnership["analyst"])
    page.goto("/")
    page.get_by_role("link", name="Partnership statistics").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Partnership statistics")
    page.get_by_label("Financial year").select_option("2025")
    page.get_by_label("Quarter").select_option("1")
    page.get_by_role("button", name="Show figures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnership statistics: April to June 2025")
    expect(page.locator("#table-concerns-by-sector")).to_contain_text("Education")
    axe.check(page, "statistics for a quarter")
    page.get_by_role("link", name="Trends by quarter").first.click()
    page.get_by_label("Financial year").select_option("2025")
    page.get_by_role("button", name="Show figures").click()
    chart = page.locator("svg.app-chart").first
    expect(chart.locator("title")).to_contain_text("by quarter")
    expect(chart.locator("desc")).to_contain_text("Q1: 23 (2025 to 2026)")
    expect(chart.locator("text").filter(has_text="23")).to_have_count(1)
    expect(chart.locator("pattern")).to_have_count(1)  # the year before is hatched, not only coloured
    axe.check(page, "trends with charts")
    page.get_by_role("link", name="National return").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("National return")
    axe.check(page, "national return")
    coordinator = signed_in_page(partnership["coordinator"])
    coordinator.goto("/statistics/data-quality/")
    expect(coordinator.get_by_role("heading", name="Concerns with no age (4)")).to_be_visible()
    axe.check(coordinator, "data quality")
    axe.assert_clean()


def test_choosing_a_period_and_downloading_work_without_javascript(
    partnership: dict[str, Any], signed_in_page: Callable[..., Page], tmp_path: Path
) -> None:
    page = signed_in_page(partnership["analyst"], java_script_enabled=False, accept_downloads=True)
    page.goto("/statistics/")
    page.get_by_label("Financial year").select_option("2025")
    page.get_by_label("District").select_option("cherwell")
    page.get_by_role("button", name="Show figures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Partnership statistics: Financial year 2025 to 2026"
    )
    expect(page.locator(".govuk-caption-l")).to_have_text("Cherwell")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download every table as CSV").click()
    saved = tmp_path / "statistics.csv"
    download.value.save_as(saved)
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert rows[0][0] == "Table"
    assert {r[1] for r in rows[1:]} == {"Cherwell"}
    for row in rows[1:]:
        figure = row[5].replace(",", "")
        assert figure in ("fewer than 5", "withheld") or int(figure) == 0 or int(figure) >= 5
    assert [
        "Concerns recorded by sector",
        "Cherwell",
        "Financial year 2025 to 2026",
        "Education",
        "2025 to 2026",
        "30",
        "100%",
        "",
    ] in rows
