"""The statistics summary table: each financial year's protected cubes,
counted by a background task (`refresh_statistics`) and read back by
prevent.reporting.tables.Counts whenever a snapshot exists for the year and
the current threshold. Only what may be shown is stored: shown counts, and
"p" / "s" for cells hidden as primary / secondary. Decision 0014."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from prevent.concerns.models import Concern
from prevent.core import clock

from .models import StatisticsSnapshot
from .periods import Period, financial_year_of
from .statistics import (
    DISTRICTS,
    TIMELINESS,
    CountedTable,
    TableSpec,
    Timeliness,
    count_table,
    table_specs,
    timeliness,
)
from .suppression import Cube, threshold

PRIMARY, SECONDARY = "p", "s"


def encode(counted: CountedTable) -> dict[str, Any]:
    cube = counted.cube
    n_r, n_d, n_q = cube.shape
    cells = [
        [
            [
                (PRIMARY if (r, d, q) in cube.primary else SECONDARY)
                if (r, d, q) in cube.hidden
                else cube.value((r, d, q))
                for q in range(n_q)
            ]
            for d in range(n_d)
        ]
        for r in range(n_r)
    ]
    return {"categories": [[c.key, c.label] for c in counted.categories], "cells": cells}


def decode(spec: TableSpec, fy: Period, data: dict[str, Any]) -> CountedTable | None:
    """The table as counted, from its snapshot; None when the snapshot no
    longer fits the table (its categories changed since)."""
    categories = spec.categories()
    if [[c.key, c.label] for c in categories] != [list(pair) for pair in data.get("categories", [])]:
        return None
    cells = data["cells"]
    counts = [[[v if isinstance(v, int) else 0 for v in q] for q in d] for d in cells]
    hidden = {
        (r, d, q)
        for r, rows in enumerate(cells)
        for d, row in enumerate(rows)
        for q, v in enumerate(row)
        if not isinstance(v, int)
    }
    primary = {
        (r, d, q)
        for r, rows in enumerate(cells)
        for d, row in enumerate(rows)
        for q, v in enumerate(row)
        if v == PRIMARY
    }
    return CountedTable(spec, fy, categories, Cube(counts, hidden=hidden, primary=primary))


def load(year: int) -> StatisticsSnapshot | None:
    """The snapshot of `year` at the current threshold (one query)."""
    return StatisticsSnapshot.objects.filter(year=year, threshold=threshold()).first()


def encode_timeliness(found: list[Timeliness]) -> list[list[Any]]:
    return [[t.slug, 0 if t.fewer else t.count, t.median, t.p90, t.fewer] for t in found]


def decode_timeliness(stored: list[list[Any]]) -> list[Timeliness] | None:
    titles = dict(TIMELINESS)
    if [row[0] for row in stored] != list(titles):
        return None
    return [
        Timeliness(slug, titles[slug], count, median, p90, fewer=fewer)
        for slug, count, median, p90, fewer in stored
    ]


def latest_computed_at(years: list[int]) -> Any:
    """When the oldest of the snapshots of `years` was computed (None if one is missing)."""
    found = list(
        StatisticsSnapshot.objects.filter(year__in=years, threshold=threshold()).values_list(
            "year", "computed_at"
        )
    )
    if {y for y, _ in found} != set(years):
        return None
    return min(when for _, when in found)


def years_to_refresh() -> list[int]:
    """Every financial year with records, the one before the first (pages
    compare with it) and the current year, always."""
    current = financial_year_of(clock.today())
    first = (
        Concern.objects.exclude(submitted_at__isnull=True)
        .order_by("submitted_at")
        .values_list("submitted_at", flat=True)
        .first()
    )
    start = financial_year_of(timezone.localtime(first).date() if first else clock.today())
    return list(range(min(start, current) - 1, current + 1))


def refresh_year(year: int) -> StatisticsSnapshot:
    """Count every table of `year` afresh and replace its snapshot."""
    fy = Period(year)
    tables = {spec.slug: encode(count_table(spec, fy)) for spec in table_specs()}
    times = {
        period.slug: {
            district or "": encode_timeliness(timeliness(period, district))
            for district in [None, *(k for k, _ in DISTRICTS)]
        }
        for period in [*fy.quarters(), fy]
    }
    with transaction.atomic():
        snapshot, _ = StatisticsSnapshot.objects.update_or_create(
            year=year,
            threshold=threshold(),
            defaults={"tables": tables, "timeliness": times, "computed_at": clock.now()},
        )
    return snapshot


def refresh_statistics(years: list[int] | None = None) -> list[int]:
    """Refresh the snapshots of `years` (by default every year with records
    and the current one); the years refreshed."""
    chosen = years if years is not None else years_to_refresh()
    for year in chosen:
        refresh_year(year)
    return chosen
