"""Charts drawn on the server as SVG: a title and a description, the figure
written above each bar and the year named under it (readable without colour),
this year solid and the year before hatched, and the table beside them as the
alternative. No JavaScript. Hidden figures draw no bar, only their words."""

from __future__ import annotations

from dataclasses import dataclass

from .tables import Row, ShownTable

BAR_AREA = 170
TOP = 24
GROUP = 150
BAR = 56


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    label: str
    label_x: int
    label_y: int
    hatched: bool
    year: str


@dataclass(frozen=True)
class Chart:
    slug: str
    title: str
    description: str
    bars: list[Bar]
    ticks: list[tuple[int, str]]  # (x, quarter name)
    width: int
    height: int
    axis_y: int
    year_y: int
    tick_y: int
    this_year: str
    last_year: str


def _line(table: ShownTable) -> Row:
    return next((r for r in table.rows if r.total), table.rows[0])


def _short(year: str) -> str:
    """ "2025 to 2026" -> "2025/26"."""
    first, _, second = year.partition(" to ")
    return f"{first}/{second[2:]}" if second else year


def quarter_chart(table: ShownTable, before: ShownTable) -> Chart | None:
    """The table's total (or, without one, its first line) in each quarter,
    this year beside the year before."""
    if not table.rows or not before.rows:
        return None
    row, old = _line(table), _line(before)
    pairs = list(zip(row.figures[:4], old.figures[:4], strict=True))
    peak = max([f.shown.value or 0 for pair in pairs for f in pair] + [1])
    this_year, last_year = table.columns[4], before.columns[4]
    bars, ticks, parts = [], [], []
    base = TOP + BAR_AREA
    for i, (now, then) in enumerate(pairs):
        x0 = 40 + i * GROUP
        for j, (figure, hatched, year) in enumerate(((then, True, last_year), (now, False, this_year))):
            height = round(BAR_AREA * (figure.shown.value or 0) / peak)
            x = x0 + j * (BAR + 6)
            y = base - height
            bars.append(Bar(x, y, BAR, height, figure.text, x + BAR // 2, y - 6, hatched, _short(year)))
        quarter = table.columns[i].split(" ")[0]
        ticks.append((x0 + BAR + 3, quarter))
        parts.append(f"{quarter}: {now.text} ({this_year}), {then.text} ({last_year})")
    what = "total" if row.total else row.label.lower()
    return Chart(
        slug=table.slug,
        title=f"{table.title} by quarter ({what}), {this_year} and {last_year}",
        description="; ".join(parts) + ". The table below gives the same figures.",
        bars=bars,
        ticks=ticks,
        width=40 + 4 * GROUP,
        height=base + 56,
        axis_y=base,
        year_y=base + 16,
        tick_y=base + 36,
        this_year=this_year,
        last_year=last_year,
    )
