"""The national return: the partnership's own figures in the categories and
order of the Home Office's official statistics tables ("Individuals referred
to and supported through the Prevent programme"), for a financial year and
the whole area. Every figure is a cell of the same protected cubes as the
statistics pages, so the return reveals nothing those pages hide."""

from __future__ import annotations

from .periods import Period
from .suppression import percent, show
from .tables import Counts, Row, ShownTable

# (official table, our table, the rows to take by category key (None: all))
LAYOUT: list[tuple[str, str, list[str] | None]] = [
    ("Table 1: Referrals to Prevent by sector of referral", "referrals-by-sector", None),
    ("Table 2: Referrals to Prevent by age group", "referrals-by-age", None),
    ("Table 3: Referrals to Prevent by gender", "referrals-by-gender", None),
    ("Table 4: Referrals to Prevent by type of concern", "referrals-by-type", None),
]
OUTCOMES: list[tuple[str, str]] = [
    ("gateway-outcomes", "no_further_action"),
    ("gateway-outcomes", "signposted"),
    ("channel", "discussed"),
    ("channel", "adopted"),
    ("channel", "exit_clear"),
    ("channel", "exit_concerns"),
]
OUTCOME_LABELS = {
    "no_further_action": "No further action",
    "signposted": "Signposted to other services",
    "discussed": "Discussed at a Channel panel",
    "adopted": "Adopted as a Channel case",
    "exit_clear": "Left Channel with no further terrorism-related concerns",
    "exit_concerns": "Left Channel with concerns (referred to other services)",
}


def national_return(year: int, counts: Counts | None = None) -> list[ShownTable]:
    counts = counts or Counts()
    fy = Period(year)
    area = "the partnership's area"
    tables = []
    for title, slug, _ in LAYOUT:
        counted = counts.table(slug, year)
        n_r = len(counted.categories)
        d = len(counted.cube.counts[0]) - 1
        table = ShownTable(slug, title, f"{title}: {area}, {fy.label}", ["Number"])
        total = show(counted.cube, (n_r, d, 4))
        for r, category in enumerate(counted.categories):
            cell = show(counted.cube, (r, d, 4))
            share = percent(cell, total)
            table.rows.append(
                Row(category.label, [table.add(cell, f"{category.label}, {fy.label}", share)], share=share)
            )
        table.rows.append(
            Row(
                "Total",
                [table.add(total, f"Total, {fy.label}")],
                total=True,
                share="100%" if total.value else "",
            )
        )
        tables.append(table)
    outcomes = ShownTable(
        "outcomes",
        "Table 5: Outcomes of referrals to Prevent",
        f"Table 5: Outcomes of referrals to Prevent: {area}, {fy.label}",
        ["Number"],
    )
    for slug, key in OUTCOMES:
        counted = counts.table(slug, year)
        r = next(i for i, c in enumerate(counted.categories) if c.key == key)
        d = len(counted.cube.counts[0]) - 1
        label = OUTCOME_LABELS[key]
        outcomes.rows.append(
            Row(label, [outcomes.add(show(counted.cube, (r, d, 4)), f"{label}, {fy.label}")])
        )
    tables.append(outcomes)
    return tables
