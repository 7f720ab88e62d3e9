"""Disclosure control: the one module every figure passes before anyone sees it
(docs/decisions/0013-disclosure-control.md).

A statistic is held as a *cube*: categories x districts x quarters of one
financial year, each axis with its total as the last position, so that every
figure the service can show (a category in one district in one quarter, the
county's year, a row or column total) is one cell. Suppression works on the
whole cube, whichever slice a page shows, so that what one page shows and what
another page shows can never be combined to uncover a hidden cell:

- **primary**: a count from 1 to threshold - 1 (PREVENT_SUPPRESSION_THRESHOLD,
  default 5) is never shown;
- **secondary** (complementary): every cell is part of equations: a row adds
  up to its total, four quarters add up to the year, the districts add up to
  the county. A hidden cell whose value those equations still fix (it is the
  only hidden cell of a row, or its column and row leave it exact) must be
  protected by hiding further cells. In one 2-dimensional table (with its
  totals) this is a graph question: rows and columns are nodes, hidden cells
  edges, and a hidden cell is fixed by the shown figures exactly when its
  edge is a bridge (lies on no cycle). The module hides, one at a time, the
  smallest shown non-zero cell that puts each bridge on a cycle, in every
  2-dimensional slice of the cube, until no slice has a bridge.

Zeros are shown (they identify no one); a secondary cell is chosen non-zero
where possible, so that every hidden cell can move up and down by one in a
cycle and stays inexact even to someone who knows counts are never negative.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from django.conf import settings

Grid = Sequence[Sequence[int]]
Position = tuple[int, int]
CubeIndex = tuple[int, int, int]


def threshold() -> int:
    """Counts below this (and above 0) are never shown."""
    return int(getattr(settings, "PREVENT_SUPPRESSION_THRESHOLD", 5))


def is_primary(value: int, limit: int | None = None) -> bool:
    limit = threshold() if limit is None else limit
    return 0 < value < limit


def fewer_than(limit: int | None = None) -> str:
    return f"fewer than {threshold() if limit is None else limit}"


# One table -------------------------------------------------------------------------


def with_totals(interior: Grid) -> list[list[int]]:
    """The table with a total column on the right and a total row at the bottom."""
    rows = [[*row, sum(row)] for row in interior]
    width = len(rows[0]) if rows else 1
    rows.append([sum(row[j] for row in rows) for j in range(width)])
    return rows


def _bridges(rows: int, cols: int, hidden: set[Position]) -> list[Position]:
    """The hidden cells the shown figures fix exactly: the bridges of the
    bipartite graph whose nodes are the rows and columns and whose edges are
    the hidden cells (the table including its totals)."""
    adjacency: dict[tuple[str, int], list[tuple[tuple[str, int], Position]]] = {}
    for i, j in hidden:
        adjacency.setdefault(("r", i), []).append((("c", j), (i, j)))
        adjacency.setdefault(("c", j), []).append((("r", i), (i, j)))
    found = []
    for edge in sorted(hidden):
        start, goal = ("r", edge[0]), ("c", edge[1])
        seen = {start}
        queue = deque([start])
        reached = False
        while queue and not reached:
            node = queue.popleft()
            for other, via in adjacency.get(node, []):
                if via == edge or other in seen:
                    continue
                if other == goal:
                    reached = True
                    break
                seen.add(other)
                queue.append(other)
        if not reached:
            found.append(edge)
    return found


MARGIN_COST = 1_000  # a total is hidden only when no inner cell will do
ZERO_COST = 100_000  # a zero only when nothing else will


def _cheapest_cycle(grid: Grid, hidden: set[Position], edge: Position) -> list[Position]:
    """The shown cells to hide so that `edge` lies on a cycle: the cheapest
    path from its row to its column that does not use it, where a hidden
    cell costs nothing and a shown one its value (Dijkstra)."""
    rows, cols = len(grid), len(grid[0])

    def cost(i: int, j: int) -> int:
        if (i, j) in hidden:
            return 0
        value = grid[i][j]
        extra = MARGIN_COST * (int(i == rows - 1) + int(j == cols - 1))
        return (ZERO_COST if value == 0 else value + 1) + extra

    start, goal = ("r", edge[0]), ("c", edge[1])
    best: dict[tuple[str, int], int] = {start: 0}
    back: dict[tuple[str, int], tuple[tuple[str, int], Position]] = {}
    queue: list[tuple[int, tuple[str, int]]] = [(0, start)]
    done: set[tuple[str, int]] = set()
    while queue:
        distance, node = heapq.heappop(queue)
        if node in done:
            continue
        done.add(node)
        if node == goal:
            break
        kind, n = node
        steps = (
            [(("c", j), (n, j)) for j in range(cols)]
            if kind == "r"
            else [(("r", i), (i, n)) for i in range(rows)]
        )
        for other, cell in steps:
            if cell == edge or other in done:
                continue
            step = distance + cost(*cell)
            if step < best.get(other, step + 1):
                best[other] = step
                back[other] = (node, cell)
                heapq.heappush(queue, (step, other))
    if goal not in back:
        return []
    path = []
    node = goal
    while node != start:
        node, cell = back[node]
        if cell not in hidden:
            path.append(cell)
    return path


def protect_table(grid: Grid, hidden: Iterable[Position] = (), limit: int | None = None) -> set[Position]:
    """The cells of `grid` (a table whose last row and last column are its
    totals) to hide: the primary cells, the cells already `hidden`, and enough
    further cells that none of them can be worked out from what is shown.
    Each hidden cell that the shown figures would fix (a bridge) is put on a
    cycle of hidden cells by the cheapest path of shown cells."""
    limit = threshold() if limit is None else limit
    rows, cols = len(grid), len(grid[0])
    result = set(hidden) | {(i, j) for i in range(rows) for j in range(cols) if is_primary(grid[i][j], limit)}
    while True:
        bridges = _bridges(rows, cols, result)
        if not bridges:
            return result
        more = _cheapest_cycle(grid, result, bridges[0])
        if not more:
            return result  # a table of one row or column: nothing can protect it
        result.update(more)


# The cube --------------------------------------------------------------------------


@dataclass
class Cube:
    """counts[r][d][q] for categories r, districts d and quarters q; the last
    index of each axis is its total (`Cube.build` adds them)."""

    counts: list[list[list[int]]]
    hidden: set[CubeIndex] = field(default_factory=set)
    primary: set[CubeIndex] = field(default_factory=set)

    @classmethod
    def build(cls, interior: Sequence[Sequence[Sequence[int]]]) -> Cube:
        """From the counts without totals (categories x districts x quarters)."""
        n_r, n_d, n_q = len(interior), len(interior[0]), len(interior[0][0])
        counts = [[[0] * (n_q + 1) for _ in range(n_d + 1)] for _ in range(n_r + 1)]
        for r in range(n_r):
            for d in range(n_d):
                for q in range(n_q):
                    value = interior[r][d][q]
                    for rr in (r, n_r):
                        for dd in (d, n_d):
                            for qq in (q, n_q):
                                counts[rr][dd][qq] += value
        return cls(counts)

    @property
    def shape(self) -> tuple[int, int, int]:
        return len(self.counts), len(self.counts[0]), len(self.counts[0][0])

    def value(self, index: CubeIndex) -> int:
        r, d, q = index
        return self.counts[r][d][q]

    def is_hidden(self, index: CubeIndex) -> bool:
        return index in self.hidden


def _slices(shape: tuple[int, int, int]) -> Iterable[list[list[CubeIndex]]]:
    n_r, n_d, n_q = shape
    for d in range(n_d):
        yield [[(r, d, q) for q in range(n_q)] for r in range(n_r)]
    for q in range(n_q):
        yield [[(r, d, q) for d in range(n_d)] for r in range(n_r)]
    for r in range(n_r):
        yield [[(r, d, q) for q in range(n_q)] for d in range(n_d)]


def protect_cube(cube: Cube, limit: int | None = None) -> Cube:
    """Hide the primary cells of the cube and, in every 2-dimensional slice
    (categories x quarters for each district, categories x districts for
    each quarter and the year, districts x quarters for each category), as
    many further cells as keep every hidden cell inexact; repeated until no
    slice needs more. Deterministic: the same counts give the same cells."""
    limit = threshold() if limit is None else limit
    n_r, n_d, n_q = cube.shape
    every = [(r, d, q) for r in range(n_r) for d in range(n_d) for q in range(n_q)]
    cube.primary = {index for index in every if is_primary(cube.value(index), limit)}
    cube.hidden = set(cube.primary)
    while True:
        _protect_slices(cube, limit)
        fixed = determined_cells(cube.shape, cube.hidden)
        if not fixed:
            return cube
        # Each slice is safe but their equations together still fix a cell:
        # hide the cheapest shown cell of an equation it is part of, and again.
        target = min(fixed)
        candidates = [
            index
            for total, parts in _equations(cube.shape)
            if target == total or target in parts
            for index in (total, *parts)
            if index not in cube.hidden
        ]
        if not candidates:
            return cube
        cube.hidden.add(
            min(candidates, key=lambda i: (cube.value(i) == 0, _is_margin(cube.shape, i), cube.value(i), i))
        )


def _protect_slices(cube: Cube, limit: int) -> None:
    changed = True
    while changed:
        changed = False
        for positions in _slices(cube.shape):
            grid = [[cube.value(index) for index in row] for row in positions]
            already = {
                (i, j)
                for i, row in enumerate(positions)
                for j, index in enumerate(row)
                if index in cube.hidden
            }
            more = protect_table(grid, already, limit) - already
            if more:
                cube.hidden |= {positions[i][j] for i, j in more}
                changed = True


def _is_margin(shape: tuple[int, int, int], index: CubeIndex) -> int:
    return sum(int(i == n - 1) for i, n in zip(index, shape, strict=True))


def _equations(shape: tuple[int, int, int]) -> Iterable[tuple[CubeIndex, list[CubeIndex]]]:
    """total = sum(parts), along each axis of the cube."""
    n_r, n_d, n_q = shape
    for d in range(n_d):
        for q in range(n_q):
            yield (n_r - 1, d, q), [(r, d, q) for r in range(n_r - 1)]
    for r in range(n_r):
        for q in range(n_q):
            yield (r, n_d - 1, q), [(r, d, q) for d in range(n_d - 1)]
    for r in range(n_r):
        for d in range(n_d):
            yield (r, d, n_q - 1), [(r, d, q) for q in range(n_q - 1)]


def determined_cells(shape: tuple[int, int, int], hidden: set[CubeIndex]) -> set[CubeIndex]:
    """The hidden cells that the cube's equations fix exactly, given every
    shown cell: exact (fractions) Gauss-Jordan elimination of the equations
    on the hidden cells only. A hidden cell is fixed exactly when it is a
    pivot whose reduced row holds no other cell."""
    pivots: dict[CubeIndex, dict[CubeIndex, Fraction]] = {}
    for total, parts in _equations(shape):
        row: dict[CubeIndex, Fraction] = {}
        if total in hidden:
            row[total] = Fraction(-1)
        for part in parts:
            if part in hidden:
                row[part] = row.get(part, Fraction(0)) + 1
        for var, pivot_row in pivots.items():
            factor = row.get(var)
            if factor:
                _subtract(row, pivot_row, factor)
        if not row:
            continue
        var = min(row)
        head = row[var]
        row = {k: v / head for k, v in row.items()}
        for other in pivots.values():
            factor = other.get(var)
            if factor:
                _subtract(other, row, factor)
        pivots[var] = row
    return {var for var, row in pivots.items() if len(row) == 1}


def _subtract(row: dict[CubeIndex, Fraction], other: dict[CubeIndex, Fraction], factor: Fraction) -> None:
    for k, v in other.items():
        value = row.get(k, Fraction(0)) - factor * v
        if value:
            row[k] = value
        else:
            row.pop(k, None)


# Showing a cell --------------------------------------------------------------------

PRIMARY_REASON = "{where}: {fewer} (shown as “{fewer}” so that nobody can be identified)."
SECONDARY_REASON = (
    "{where}: withheld so that a figure of {fewer} cannot be worked out from the totals, "
    "the other districts or the other quarters."
)


@dataclass(frozen=True)
class Shown:
    """A figure as a page, an export or a chart may show it."""

    value: int | None  # None when hidden: the true count never leaves this module
    text: str
    primary: bool = False
    secondary: bool = False
    note: int | None = None  # the footnote's number

    @property
    def hidden(self) -> bool:
        return self.value is None


def show(cube: Cube, index: CubeIndex, limit: int | None = None) -> Shown:
    if index not in cube.hidden:
        value = cube.value(index)
        return Shown(value, f"{value:,}")
    if index in cube.primary:
        return Shown(None, fewer_than(limit), primary=True)
    return Shown(None, "withheld", secondary=True)


def percent(part: Shown, whole: Shown) -> str:
    """The share, only when neither figure is hidden ("" otherwise)."""
    if part.value is None or whole.value is None or whole.value == 0:
        return ""
    return f"{round(100 * part.value / whole.value)}%"


def reason(cell: Shown, where: str, limit: int | None = None) -> str:
    template = PRIMARY_REASON if cell.primary else SECONDARY_REASON
    return template.format(where=where, fewer=fewer_than(limit))
