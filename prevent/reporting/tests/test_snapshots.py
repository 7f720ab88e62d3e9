"""The statistics summary table (prevent/reporting/snapshots.py): figures
read from a snapshot equal a fresh count over the hand-counted partnership,
the snapshot holds no count below the threshold, a refresh (the daily task,
the command, or a coordinator's or analyst's request) replaces a stale one,
and a page read from snapshots costs a small, fixed number of queries."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from prevent.api.tests.conftest import ApiClient, admin, issue  # noqa: F401  (fixtures)
from prevent.audit.models import AuditEvent
from prevent.core.tasks import run_reminders
from prevent.reporting.models import StatisticsSnapshot
from prevent.reporting.national import national_return
from prevent.reporting.periods import Period
from prevent.reporting.reminders import STATISTICS_REFRESH
from prevent.reporting.snapshots import refresh_statistics
from prevent.reporting.statistics import DISTRICTS
from prevent.reporting.tables import Counts, period_tables, trend_tables

from .conftest import build_partnership

pytestmark = pytest.mark.django_db

PERIODS = [Period(2025), Period(2025, 1), Period(2025, 2), Period(2025, 4), Period(2024), Period(2024, 4)]
PLACES: list[str | None] = [None, *(k for k, _ in DISTRICTS)]


def _everything(counts: Callable[[], Counts]) -> list[Any]:
    shown: list[Any] = []
    for period in PERIODS:
        for district in PLACES:
            shown.append(period_tables(period, district, counts()))
            shown.append(counts().timeliness(period, district))
    for district in PLACES:
        shown.append(trend_tables(2025, district, counts()))
    shown.append(national_return(2025, counts()))
    shown.append(national_return(2024, counts()))
    return shown


def _cells(snapshot: StatisticsSnapshot) -> list[Any]:
    return [v for t in snapshot.tables.values() for rows in t["cells"] for row in rows for v in row]


def test_figures_from_the_snapshot_equal_a_fresh_count(partnership: dict[str, Any]) -> None:
    fresh = _everything(lambda: Counts(fresh=True))
    refresh_statistics()
    assert StatisticsSnapshot.objects.filter(year__in=[2024, 2025]).count() == 2
    with CaptureQueriesContext(connection) as read:
        stored = _everything(Counts)
    assert stored == fresh
    # Read from the snapshots: one query per Counts and year, none counting records.
    assert not any("concerns_concern" in q["sql"] for q in read.captured_queries)


def test_the_snapshot_holds_no_count_below_the_threshold(partnership: dict[str, Any]) -> None:
    refresh_statistics([2025])
    cells = _cells(StatisticsSnapshot.objects.get(year=2025))
    assert "p" in cells and "s" in cells  # the fixture has both kinds of hidden cell
    assert all(v in ("p", "s") or v == 0 or v >= 5 for v in cells)
    records = [
        row[1]
        for places in StatisticsSnapshot.objects.get(year=2025).timeliness.values()
        for found in places.values()
        for row in found
    ]
    assert all(n == 0 or n >= 5 for n in records)
    support = StatisticsSnapshot.objects.get(year=2025).timeliness["2025"][""][3]
    assert support == ["adoption-to-support", 0, None, None, True]  # 4 records: fewer than 5


def test_a_stale_snapshot_is_replaced_by_the_daily_refresh(partnership: dict[str, Any]) -> None:
    refresh_statistics()
    before = StatisticsSnapshot.objects.get(year=2025)
    old = period_tables(Period(2025), None)
    build_partnership(partnership)  # the records change: twice as many
    assert period_tables(Period(2025), None) == old  # still the snapshot's figures
    assert period_tables(Period(2025), None, Counts(fresh=True)) != old
    run_reminders(today=dt.date(2026, 1, 20), names=[STATISTICS_REFRESH])
    after = StatisticsSnapshot.objects.get(year=2025)
    assert after.pk == before.pk and after.computed_at >= before.computed_at
    assert period_tables(Period(2025), None) == period_tables(Period(2025), None, Counts(fresh=True))


def test_the_command_refreshes_every_year_with_records_and_the_current_one(
    partnership: dict[str, Any],
) -> None:
    call_command("refresh_statistics")
    years = set(StatisticsSnapshot.objects.values_list("year", flat=True))
    assert {2023, 2024, 2025} <= years  # 2023: the year the first one is compared with
    call_command("refresh_statistics", year=[2025])
    assert StatisticsSnapshot.objects.filter(year=2025).count() == 1


def test_a_snapshot_for_another_threshold_is_not_used(partnership: dict[str, Any], settings: Any) -> None:
    refresh_statistics([2024, 2025])
    at_five = period_tables(Period(2025), None)
    settings.PREVENT_SUPPRESSION_THRESHOLD = 10
    fresh = period_tables(Period(2025), None, Counts(fresh=True))
    assert fresh != at_five
    assert period_tables(Period(2025), None) == fresh


def test_the_page_says_when_the_figures_were_counted_and_costs_few_queries(
    partnership: dict[str, Any], client_for: Callable[[Any], Client], django_assert_max_num_queries: Any
) -> None:
    client = client_for(partnership["analyst"])
    page = "/statistics/?year=2025&quarter=1"
    assert "Figures counted now." in client.get(page).content.decode()
    refresh_statistics()
    with CaptureQueriesContext(connection) as small:
        html = client.get(page).content.decode()
    assert "Figures as at " in html
    with django_assert_max_num_queries(20):
        client.get(page)
    build_partnership(partnership)
    build_partnership(partnership)
    refresh_statistics()
    with CaptureQueriesContext(connection) as large:
        client.get(page)
    assert len(large) == len(small)


def test_a_coordinator_or_an_analyst_asks_for_a_refresh(
    partnership: dict[str, Any],
    client_for: Callable[[Any], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    for who in ("analyst", "coordinator"):
        StatisticsSnapshot.objects.all().delete()
        client = client_for(partnership[who])
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/statistics/refresh/")
        assert response.status_code == 302
        assert response["Location"] == "/statistics/?refresh=asked"
        assert StatisticsSnapshot.objects.filter(year=2025).exists()  # the task ran
        assert AuditEvent.objects.filter(
            action="statistics_refresh_requested", actor=partnership[who]
        ).exists()
        assert "being recounted" in client.get(response["Location"]).content.decode()
    assert client_for(partnership["analyst"]).get("/statistics/refresh/").status_code == 405


def test_nobody_else_may_ask_for_a_refresh(
    partnership: dict[str, Any], client_for: Callable[[Any], Client]
) -> None:
    for who in ("practitioner", "staff"):
        assert client_for(partnership[who]).post("/statistics/refresh/").status_code == 403
    assert not StatisticsSnapshot.objects.exists()
    assert not AuditEvent.objects.filter(action="statistics_refresh_requested").exists()


def test_the_csv_and_the_api_read_the_snapshot(
    partnership: dict[str, Any],
    client_for: Callable[[Any], Client],
    issue: Callable[..., str],  # noqa: F811  (the API tests' fixture)
) -> None:
    refresh_statistics()
    snapshot = period_tables(Period(2025), None)
    build_partnership(partnership)  # the records change after the snapshot
    assert period_tables(Period(2025), None, Counts(fresh=True)) != snapshot
    texts = [[f.text for f in r.figures] for t in snapshot for r in t.rows]
    body = ApiClient(issue(partnership["analyst"])).get("/api/v1/statistics/", year="2025").json()
    assert [[f["text"] for f in r["figures"]] for t in body["tables"] for r in t["rows"]] == texts
    response = client_for(partnership["analyst"]).get("/statistics/download.csv", {"year": "2025"})
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    shown_csv = [r[5] for r in rows[1:]]
    assert shown_csv == [text for row in texts for text in row]
