"""An independent check for the property tests: can a hidden cell be worked
out exactly by solving the linear equations of what is shown? Exact
arithmetic (fractions), nothing shared with prevent.reporting.suppression."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from collections.abc import Set as AbstractSet
from fractions import Fraction

Equation = tuple[Hashable, Sequence[Hashable]]  # total = sum(parts)


def rank(matrix: list[list[Fraction]]) -> int:
    rows = [row[:] for row in matrix if any(row)]
    if not rows:
        return 0
    width = len(rows[0])
    found = 0
    for col in range(width):
        pivot = next((i for i in range(found, len(rows)) if rows[i][col] != 0), None)
        if pivot is None:
            continue
        rows[found], rows[pivot] = rows[pivot], rows[found]
        head = rows[found]
        for i in range(len(rows)):
            if i != found and rows[i][col] != 0:
                factor = rows[i][col] / head[col]
                rows[i] = [a - factor * b for a, b in zip(rows[i], head, strict=True)]
        found += 1
    return found


def determined(hidden: AbstractSet[Hashable], equations: list[Equation]) -> set[Hashable]:
    """The hidden cells whose value the equations fix, whatever the others:
    x_k is fixed exactly when dropping it from the unknowns lowers the rank
    of the system by one (no solution of the homogeneous system moves it)."""
    unknowns = sorted(hidden, key=repr)
    matrix = []
    for total, parts in equations:
        row = [Fraction(0)] * len(unknowns)
        for k, cell in enumerate(unknowns):
            if cell == total:
                row[k] -= 1
            if cell in parts:
                row[k] += 1
        matrix.append(row)
    full = rank(matrix)
    fixed = set()
    for k, cell in enumerate(unknowns):
        without = [row[:k] + row[k + 1 :] for row in matrix]
        if rank(without) == full - 1:
            fixed.add(cell)
    return fixed


def table_equations(rows: int, cols: int) -> list[Equation]:
    """A table whose last row and column are totals."""
    eqs: list[Equation] = []
    for i in range(rows):
        eqs.append(((i, cols - 1), [(i, j) for j in range(cols - 1)]))
    for j in range(cols):
        eqs.append(((rows - 1, j), [(i, j) for i in range(rows - 1)]))
    return eqs


def cube_equations(n_r: int, n_d: int, n_q: int) -> list[Equation]:
    eqs: list[Equation] = []
    for d in range(n_d):
        for q in range(n_q):
            eqs.append(((n_r - 1, d, q), [(r, d, q) for r in range(n_r - 1)]))
    for r in range(n_r):
        for q in range(n_q):
            eqs.append(((r, n_d - 1, q), [(r, d, q) for d in range(n_d - 1)]))
    for r in range(n_r):
        for d in range(n_d):
            eqs.append(((r, d, n_q - 1), [(r, d, q) for q in range(n_q - 1)]))
    return eqs
