"""Disclosure control (prevent/reporting/suppression.py): hand cases for
primary and secondary suppression, totals and periods, and property tests
over random tables and cubes, checked by an independent exact solver
(tests/linear.py): no shown cell is from 1 to 4, and no hidden cell can be
recomputed from what is shown by solving the row and column equations."""

from __future__ import annotations

import itertools

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prevent.reporting.suppression import (
    Cube,
    determined_cells,
    percent,
    protect_cube,
    protect_table,
    reason,
    show,
    threshold,
    with_totals,
)

from .linear import cube_equations, determined, table_equations

SMALL = st.sampled_from([0, 0, 1, 2, 3, 4, 5, 6, 8, 12, 30])


def shown_cells(grid: list[list[int]], hidden: set[tuple[int, int]]) -> list[int]:
    return [grid[i][j] for i, row in enumerate(grid) for j in range(len(row)) if (i, j) not in hidden]


# Hand cases ------------------------------------------------------------------------


def test_counts_below_the_threshold_are_hidden_and_zeros_shown() -> None:
    full = with_totals([[3, 10], [0, 20]])
    hidden = protect_table(full, limit=5)
    assert (0, 0) in hidden
    assert (1, 0) not in hidden  # the zero is shown
    assert all(not 0 < v < 5 for v in shown_cells(full, hidden))


def test_a_single_hidden_cell_in_a_row_gets_a_partner() -> None:
    # 3 | 10 | 12 -> 25: with the total shown, 3 = 25 - 10 - 12.
    full = with_totals([[3, 10, 12], [7, 9, 11], [6, 8, 20]])
    hidden = protect_table(full, limit=5)
    row = [j for i, j in hidden if i == 0]
    col = [i for i, j in hidden if j == 0]
    assert len(row) >= 2 and len(col) >= 2
    assert determined(hidden, table_equations(4, 4)) == set()
    # The cheapest partners: the smallest inner cells that close a cycle.
    assert hidden == {(0, 0), (0, 1), (2, 0), (2, 1)}


def test_a_total_that_would_reveal_a_cell_is_withheld() -> None:
    # One row only: the total row equals it, so its cells need two columns
    # hidden in both rows, and the shown year total would give away the rest.
    full = with_totals([[2, 6]])
    hidden = protect_table(full, limit=5)
    assert (0, 0) in hidden and (1, 0) in hidden  # the cell, and its column total (also 2)
    assert determined(hidden, table_equations(2, 3)) == set()


def test_quarters_and_the_year_cannot_be_subtracted() -> None:
    # Categories x (Q1..Q4, year): Q3 = 2 would be the year less the other quarters.
    full = with_totals([[10, 12, 2, 9], [8, 7, 6, 11]])
    hidden = protect_table(full, limit=5)
    assert (0, 2) in hidden
    assert len([j for i, j in hidden if i == 0]) >= 2
    assert determined(hidden, table_equations(3, 5)) == set()


def test_districts_and_the_county_cannot_be_subtracted() -> None:
    # One category, 3 districts x 2 quarters: the county less the other districts.
    cube = protect_cube(Cube.build([[[8, 9], [3, 10], [12, 6]], [[7, 7], [9, 8], [6, 5]]]), limit=5)
    assert (0, 1, 0) in cube.primary
    assert determined_cells(cube.shape, cube.hidden) == set()
    assert determined(cube.hidden, cube_equations(*cube.shape)) == set()


def test_what_is_shown_and_the_footnotes() -> None:
    cube = protect_cube(Cube.build([[[3, 10]], [[9, 12]]]), limit=5)
    primary = show(cube, (0, 0, 0), limit=5)
    assert (primary.text, primary.value, primary.primary) == ("fewer than 5", None, True)
    secondary = next(show(cube, i, limit=5) for i in cube.hidden - cube.primary)
    assert (secondary.text, secondary.value, secondary.secondary) == ("withheld", None, True)
    assert "nobody can be identified" in reason(primary, "Health, Q1", limit=5)
    assert "cannot be worked out" in reason(secondary, "Health, Q2", limit=5)
    total = show(cube, (2, 0, 2), limit=5)  # the grand total, 34
    assert total.text == "34"
    assert percent(primary, total) == ""  # never a share of a hidden figure
    assert percent(total, total) == "100%"


@override_settings(PREVENT_SUPPRESSION_THRESHOLD=10)
def test_the_threshold_is_a_setting() -> None:
    assert threshold() == 10
    full = with_totals([[7, 30], [40, 50]])
    assert (0, 0) in protect_table(full)


def test_the_same_counts_give_the_same_cells() -> None:
    counts = [[[1, 6], [7, 2]], [[9, 3], [4, 8]]]
    assert (
        protect_cube(Cube.build(counts), limit=5).hidden == protect_cube(Cube.build(counts), limit=5).hidden
    )


# Properties ------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(1, 5).flatmap(
        lambda cols: st.lists(st.lists(SMALL, min_size=cols, max_size=cols), min_size=1, max_size=5)
    )
)
def test_no_table_shows_a_small_count_or_lets_one_be_worked_out(interior: list[list[int]]) -> None:
    full = with_totals(interior)
    hidden = protect_table(full, limit=5)
    assert all(not 0 < v < 5 for v in shown_cells(full, hidden))
    assert determined(hidden, table_equations(len(full), len(full[0]))) == set()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.tuples(st.integers(1, 3), st.integers(1, 3), st.integers(1, 4)).flatmap(
        lambda shape: st.lists(
            st.lists(
                st.lists(SMALL, min_size=shape[2], max_size=shape[2]), min_size=shape[1], max_size=shape[1]
            ),
            min_size=shape[0],
            max_size=shape[0],
        )
    )
)
def test_no_cube_shows_a_small_count_or_lets_one_be_worked_out(interior: list[list[list[int]]]) -> None:
    cube = protect_cube(Cube.build(interior), limit=5)
    n_r, n_d, n_q = cube.shape
    every = itertools.product(range(n_r), range(n_d), range(n_q))
    assert all(not 0 < cube.value(i) < 5 for i in every if i not in cube.hidden)
    assert determined(cube.hidden, cube_equations(*cube.shape)) == set()


@pytest.mark.parametrize("limit", [3, 5, 10])
def test_no_hidden_cell_is_zero_when_another_would_do(limit: int) -> None:
    full = with_totals([[1, 0, 9, 20], [0, 12, 0, 15], [6, 7, 0, 30]])
    hidden = protect_table(full, limit=limit)
    assert all(full[i][j] != 0 for i, j in hidden)
