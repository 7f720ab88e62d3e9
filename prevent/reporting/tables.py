"""What a page, an export or a chart shows: slices of the protected cubes of
prevent.reporting.statistics as tables of shown figures with their footnotes.
Nothing here sees a hidden count: `suppression.show` gives only the text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import snapshots
from .periods import Period
from .statistics import DISTRICTS, CountedTable, Timeliness, count_table, table_specs, timeliness
from .suppression import Shown, percent, reason, show

if TYPE_CHECKING:
    from .models import StatisticsSnapshot


@dataclass
class Figure:
    shown: Shown
    share: str = ""

    @property
    def text(self) -> str:
        return self.shown.text

    @property
    def note(self) -> int | None:
        return self.shown.note

    @property
    def hidden(self) -> bool:
        return self.shown.hidden


@dataclass
class Row:
    label: str
    figures: list[Figure]
    total: bool = False
    share: str = ""  # of the period's total, only when neither figure is hidden


@dataclass
class ShownTable:
    slug: str
    title: str
    caption: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unit: str = ""

    def add(self, shown: Shown, where: str, share: str = "") -> Figure:
        if shown.hidden:
            self.notes.append(reason(shown, where))
            shown = Shown(None, shown.text, shown.primary, shown.secondary, len(self.notes))
        return Figure(shown, share)


def district_index(district: str | None) -> int:
    keys = [k for k, _ in DISTRICTS]
    return keys.index(district) if district in keys else len(keys)


def district_label(district: str | None) -> str:
    return dict(DISTRICTS).get(district or "", "All districts")


def _column(period: Period) -> int:
    return 4 if period.quarter is None else period.quarter - 1


class Counts:
    """The protected cubes needed for a view, each counted once per request."""

    def __init__(self, *, fresh: bool = False) -> None:
        self._cache: dict[tuple[str, int], CountedTable] = {}
        self._snapshots: dict[int, StatisticsSnapshot | None] = {}
        self.fresh = fresh  # True: always count, never read a snapshot

    def table(self, slug: str, fy: int) -> CountedTable:
        """From the year's snapshot when there is one for the current
        threshold (one query per year), else counted now."""
        key = (slug, fy)
        if key not in self._cache:
            spec = next(s for s in table_specs() if s.slug == slug)
            counted = None
            if not self.fresh:
                snapshot = self._snapshot(fy)
                stored = snapshot.tables.get(slug) if snapshot is not None else None
                if stored is not None:
                    counted = snapshots.decode(spec, Period(fy), stored)
            self._cache[key] = counted or count_table(spec, Period(fy))
        return self._cache[key]

    def _snapshot(self, fy: int) -> StatisticsSnapshot | None:
        if fy not in self._snapshots:
            self._snapshots[fy] = snapshots.load(fy)
        return self._snapshots[fy]

    def timeliness(self, period: Period, district: str | None) -> list[Timeliness]:
        """The timeliness of a period and district, from its year's snapshot
        when there is one, else measured now."""
        snapshot = None if self.fresh else self._snapshot(period.year)
        if snapshot is not None:
            stored = snapshot.timeliness.get(period.slug, {}).get(district or "")
            found = snapshots.decode_timeliness(stored) if stored is not None else None
            if found is not None:
                return found
        return timeliness(period, district)


def period_tables(period: Period, district: str | None, counts: Counts | None = None) -> list[ShownTable]:
    """Every table for one period and district: the period, its share of the
    total, and the previous period of the same length."""
    counts = counts or Counts()
    before = period.previous()
    d = district_index(district)
    place = district_label(district)
    tables = []
    for spec in table_specs():
        now = counts.table(spec.slug, period.year)
        then = counts.table(spec.slug, before.year)
        q, qb = _column(period), _column(before)
        table = ShownTable(
            spec.slug,
            spec.title,
            f"{spec.caption}: {place}, {period.label}",
            [period.short_label, before.short_label],
            unit=spec.unit,
        )
        n_r = len(now.categories)
        total_now = show(now.cube, (n_r, d, q))
        for r, category in enumerate(now.categories):
            cell = show(now.cube, (r, d, q))
            share = percent(cell, total_now) if spec.summable else ""
            figures = [
                table.add(cell, f"{category.label}, {period.label}", share),
                table.add(show(then.cube, (r, d, qb)), f"{category.label}, {before.label}"),
            ]
            table.rows.append(Row(category.label, figures, share=share))
        if spec.summable:
            table.rows.append(
                Row(
                    "Total",
                    [
                        table.add(total_now, f"Total, {period.label}"),
                        table.add(show(then.cube, (n_r, d, qb)), f"Total, {before.label}"),
                    ],
                    total=True,
                    share="100%" if total_now.value else "",
                )
            )
        tables.append(table)
    return tables


def trend_tables(year: int, district: str | None, counts: Counts | None = None) -> list[ShownTable]:
    """Every table by quarter of a financial year, with the year and the year before."""
    counts = counts or Counts()
    fy, before = Period(year), Period(year - 1)
    d = district_index(district)
    place = district_label(district)
    tables = []
    for spec in table_specs():
        now = counts.table(spec.slug, year)
        then = counts.table(spec.slug, year - 1)
        columns = [q.short_label for q in fy.quarters()] + [fy.short_label, before.short_label]
        table = ShownTable(
            spec.slug, spec.title, f"{spec.caption}: {place}, by quarter", columns, unit=spec.unit
        )
        n_r = len(now.categories)
        rows = [(r, c.label) for r, c in enumerate(now.categories)]
        if spec.summable:
            rows.append((n_r, "Total"))
        for r, label in rows:
            figures = [
                table.add(show(now.cube, (r, d, q)), f"{label}, {p.label}")
                for q, p in enumerate(fy.quarters())
            ]
            figures.append(table.add(show(now.cube, (r, d, 4)), f"{label}, {fy.label}"))
            figures.append(table.add(show(then.cube, (r, d, 4)), f"{label}, {before.label}"))
            table.rows.append(Row(label, figures, total=r == n_r))
        tables.append(table)
    return tables
