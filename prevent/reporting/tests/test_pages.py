"""The statistics pages and exports through the Django test client: who may
open them, what they show, that every export is audited and shows no count
below the threshold (parsed from the CSV and from the PDF's text), and that
a page costs a bounded number of queries whatever the number of records."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from pypdf import PdfReader

from prevent.audit.models import AuditEvent
from prevent.reporting.periods import Period
from prevent.reporting.tables import period_tables

from .conftest import BLOCKS, build_partnership

pytestmark = pytest.mark.django_db


def body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def rows_of(response: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))


def test_the_analyst_and_the_coordinator_see_the_statistics(
    partnership: dict[str, Any], client_for: Callable[[Any], Client]
) -> None:
    for who in ("analyst", "coordinator"):
        response = client_for(partnership[who]).get("/statistics/", {"year": "2025"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Partnership statistics: Financial year 2025 to 2026" in html
        assert "fewer than 5" in html
        assert 'data-suppressed="primary"' in html
        assert "Person 1" not in html  # no record about a person


def test_others_may_not(partnership: dict[str, Any], client_for: Callable[[Any], Client]) -> None:
    client = client_for(partnership["practitioner"])
    for url in (
        "/statistics/",
        "/statistics/trends/",
        "/statistics/download.csv",
        "/statistics/data-quality/",
    ):
        assert client.get(url).status_code == 403
    assert client_for(partnership["analyst"]).get("/statistics/data-quality/").status_code == 403


def test_a_wrong_choice_is_said_next_to_the_field(
    partnership: dict[str, Any], client_for: Callable[[Any], Client]
) -> None:
    response = client_for(partnership["analyst"]).get("/statistics/", {"year": "1990", "district": "mars"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Select a financial year from the list" in html
    assert "Select a district from the list" in html
    assert "govuk-error-summary" in html


def test_the_csv_is_audited_and_shows_no_small_count(
    partnership: dict[str, Any], client_for: Callable[[Any], Client]
) -> None:
    client = client_for(partnership["analyst"])
    for query in (
        {"year": "2025"},
        {"year": "2025", "quarter": "3", "district": "cherwell"},
        {"year": "2025", "view": "trends"},
    ):
        response = client.get("/statistics/download.csv", query)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        rows = rows_of(response)
        assert rows[0] == ["Table", "Area", "Period", "Category", "Column", "Figure", "Share", "Note"]
        figures = [row[5] for row in rows[1:]]
        assert figures and all(
            f in ("fewer than 5", "withheld") or int(f.replace(",", "")) == 0 or int(f.replace(",", "")) >= 5
            for f in figures
        )
        for row in rows[1:]:
            if row[5] in ("fewer than 5", "withheld"):
                assert row[7] and row[6] == ""  # a note saying why, no share
    one = rows_of(client.get("/statistics/download.csv", {"year": "2025", "table": "concerns-by-gender"}))
    assert {r[0] for r in one[1:]} == {"Concerns recorded by gender"}
    assert [
        "Concerns recorded by gender",
        "All districts",
        "Financial year 2025 to 2026",
        "Male",
        "2025 to 2026",
        "40",
        "65%",
        "",
    ] in one
    events = AuditEvent.objects.filter(action="statistics_csv_exported", actor=partnership["analyst"])
    assert events.count() == 4


def test_the_board_report_pdf_has_the_tables_and_charts_and_no_small_count(
    partnership: dict[str, Any], client_for: Callable[[Any], Client]
) -> None:
    response = client_for(partnership["analyst"]).get(
        "/statistics/board-report.pdf", {"year": "2025", "quarter": "1"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(body(response)))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    flat = " ".join(text.split())
    assert "Prevent partnership board report: April to June 2025" in flat
    assert "Concerns recorded by sector" in flat
    assert "fewer than 5" in flat
    assert "Concerns recorded by sector by quarter (total), 2025 to 2026 and 2024 to 2025" in flat  # a chart
    # Every figure of every table row: no count from 1 to 4 (the row's label
    # and footnote markers taken off first).
    labels = sorted(
        {row.label for table in period_tables(Period(2025, 1), None) for row in table.rows},
        key=len,
        reverse=True,
    )
    checked = 0
    for line in text.splitlines():
        label = next((x for x in labels if line.startswith(x + " ")), None)
        if label is None:
            continue
        rest = re.sub(r"\[\d+\]", "", line[len(label) :]).replace("fewer than 5", "")
        numbers = [int(t.replace(",", "")) for t in rest.split() if t.replace(",", "").isdigit()]
        assert all(n == 0 or n >= 5 for n in numbers), line
        checked += len(numbers)
    assert checked > 100
    assert AuditEvent.objects.filter(action="statistics_board_report_exported").count() == 1


def test_the_national_return_in_the_official_layout(
    partnership: dict[str, Any], client_for: Callable[[Any], Client]
) -> None:
    client = client_for(partnership["analyst"])
    html = client.get("/statistics/national-return/", {"year": "2025"}).content.decode()
    for title in (
        "Table 1: Referrals to Prevent by sector of referral",
        "Table 2: Referrals to Prevent by age group",
        "Table 3: Referrals to Prevent by gender",
        "Table 4: Referrals to Prevent by type of concern",
        "Table 5: Outcomes of referrals to Prevent",
    ):
        assert title in html
    rows = rows_of(client.get("/statistics/national-return.csv", {"year": "2025"}))
    sectors = [r[3] for r in rows[1:] if r[0].startswith("Table 1")]
    assert sectors == [
        "Education",
        "Police",
        "Local authority",
        "Health",
        "Community",
        "Prisons",
        "Probation",
        "Higher education",
        "Further education",
        "Other",
        "Total",
    ]
    by = {(r[0][:7], r[3]): r[5] for r in rows[1:]}
    assert by[("Table 1", "Total")] == "42"
    assert by[("Table 3", "Male")] == "27"
    assert by[("Table 5", "No further action")] == "17"
    # Adopted (5) = 3 in Q1 + 2 in Q2, both fewer than 5, and discussed (7)
    # likewise: both years' figures are withheld with them.
    assert by[("Table 5", "Discussed at a Channel panel")] == "withheld"
    assert by[("Table 5", "Adopted as a Channel case")] == "withheld"
    assert by[("Table 5", "Left Channel with concerns (referred to other services)")] == "fewer than 5"
    assert AuditEvent.objects.filter(action="statistics_national_return_exported").count() == 1


def test_data_quality_lists_what_is_missing_with_links(
    partnership: dict[str, Any], client_for: Callable[[Any], Client]
) -> None:
    html = client_for(partnership["coordinator"]).get("/statistics/data-quality/").content.decode()
    # Seen by the coordinator: concerns referred to police Prevent. West's 4
    # of January 2026 have no age and no gateway outcome; Cherwell's 2 open
    # cases are on no coming panel.
    assert "Concerns with no age (4)" in html
    assert "Referrals with no gateway outcome after the expected days (4)" in html
    assert "Open Channel cases with no review date (2)" in html
    assert "/channel/gateway/from-referral/" in html
    assert "/channel/cases/" in html
    assert "Person " not in html


def test_the_pages_cost_a_bounded_number_of_queries(
    partnership: dict[str, Any], client_for: Callable[[Any], Client], django_assert_max_num_queries: Any
) -> None:
    client = client_for(partnership["analyst"])
    pages = [
        "/statistics/?year=2025&quarter=1",
        "/statistics/trends/?year=2025",
        "/statistics/national-return/?year=2025",
    ]
    with django_assert_max_num_queries(60):
        for page in pages[:1]:
            assert client.get(page).status_code == 200
    counts = {}
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for page in pages:
        with CaptureQueriesContext(connection) as small:
            client.get(page)
        counts[page] = len(small)
    build_partnership(partnership)  # twice the records
    build_partnership(partnership)
    assert len(BLOCKS) * 3 > 30
    for page in pages:
        with CaptureQueriesContext(connection) as large:
            client.get(page)
        assert len(large) == counts[page], page
