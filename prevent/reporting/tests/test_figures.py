"""Every figure of the statistics against the hand-counted partnership of
conftest.py (the counts in its docstring): first the counts as the database
gives them (before suppression), then what the pages show of them."""

from __future__ import annotations

from typing import Any

import pytest

from prevent.reporting.periods import Period
from prevent.reporting.statistics import DISTRICTS, count_table, spec, timeliness
from prevent.reporting.tables import ShownTable, district_index, period_tables, trend_tables

pytestmark = pytest.mark.django_db

FY = 2025


def raw(slug: str, year: int = FY, district: str | None = None, quarter: int | None = None) -> dict[str, int]:
    """Category label -> the true count (tests only: no page sees these)."""
    table = spec(slug)
    assert table is not None
    counted = count_table(table, Period(year))
    d, q = district_index(district), 4 if quarter is None else quarter - 1
    found = {c.label: counted.cube.counts[r][d][q] for r, c in enumerate(counted.categories)}
    found["Total"] = counted.cube.counts[len(counted.categories)][d][q]
    return found


def nonzero(found: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in found.items() if v}


def by_slug(tables: list[ShownTable]) -> dict[str, ShownTable]:
    return {t.slug: t for t in tables}


def column(table: ShownTable, index: int = 0) -> dict[str, str]:
    """Category label -> the figure shown in a column."""
    return {row.label: row.figures[index].text for row in table.rows}


def test_concerns_recorded_by_sector_age_gender_and_type(partnership: dict[str, Any]) -> None:
    assert nonzero(raw("concerns-by-sector")) == {"Education": 30, "Health": 18, "Police": 14, "Total": 62}
    assert nonzero(raw("concerns-by-gender")) == {
        "Male": 40,
        "Female": 15,
        "Other or not known": 7,
        "Total": 62,
    }
    assert nonzero(raw("concerns-by-age")) == {
        "Under 15": 17,
        "15 to 20": 23,
        "21 to 30": 3,
        "31 to 39": 6,
        "40 and over": 2,
        "Not known": 11,
        "Total": 62,
    }
    assert nonzero(raw("concerns-by-type")) == {
        "Islamist": 27,
        "Extreme right-wing": 18,
        "Vulnerability present but no ideology or counter-terrorism risk": 10,
        "Not recorded": 7,
        "Total": 62,
    }
    assert nonzero(raw("concerns-by-sector", FY - 1)) == {"Education": 6, "Health": 3, "Total": 9}


def test_concerns_recorded_by_ethnic_group_mental_health_and_neurodivergence(
    partnership: dict[str, Any],
) -> None:
    assert nonzero(raw("concerns-by-ethnic-group")) == {
        "White": 30,
        "Asian, Asian British or Asian Welsh": 18,
        "Not known": 14,
        "Total": 62,
    }
    assert nonzero(raw("concerns-by-mental-health")) == {
        "Yes": 18,
        "No": 30,
        "Not known or not recorded": 14,
        "Total": 62,
    }
    assert nonzero(raw("concerns-by-neurodiversity")) == {
        "Yes": 12,
        "Not known or not recorded": 50,
        "Total": 62,
    }


def test_referrals_by_sector_age_gender_and_type(partnership: dict[str, Any]) -> None:
    assert nonzero(raw("referrals-by-sector")) == {"Education": 20, "Health": 8, "Police": 14, "Total": 42}
    assert nonzero(raw("referrals-by-gender")) == {"Male": 27, "Female": 15, "Total": 42}
    assert nonzero(raw("referrals-by-age")) == {
        "Under 15": 17,
        "15 to 20": 13,
        "31 to 39": 6,
        "40 and over": 2,
        "Not known": 4,
        "Total": 42,
    }
    assert nonzero(raw("referrals-by-type")) == {"Islamist": 27, "Extreme right-wing": 15, "Total": 42}


def test_triage_gateway_channel_consent(partnership: dict[str, Any]) -> None:
    assert nonzero(raw("triage-by-level")) == {
        "Level 1": 13,
        "Level 2": 27,
        "Level 3": 13,
        "Level 4": 2,
        "Total": 55,
    }
    assert nonzero(raw("gateway-outcomes")) == {
        "No further action": 17,
        "Signposted to other services": 8,
        "Managed by police (police-led)": 6,
        "Referred to Channel": 7,
        "Total": 38,
    }
    channel = raw("channel")
    assert channel["Discussed at a Channel panel"] == 7
    assert channel["Adopted as a Channel case"] == 5
    assert channel["Left Channel with no further terrorism-related concerns"] == 2
    assert channel["Left Channel with further concerns (re-referred)"] == 1
    assert nonzero(raw("consent")) == {"Consent given": 4, "Consent refused": 1, "Total": 5}
    assert nonzero(raw("post-exit-reviews", FY + 1)) == {
        "Done on time": 1,
        "Done late": 1,
        "Not done yet": 1,
        "Total": 3,
    }
    assert nonzero(raw("post-exit-reviews")) == {}
    assert raw("re-referrals", FY + 1)["Re-referred to police Prevent"] == 1


def test_by_quarter_and_district(partnership: dict[str, Any]) -> None:
    quarters = [raw("concerns-by-sector", quarter=q)["Total"] for q in (1, 2, 3, 4)]
    assert quarters == [23, 15, 13, 11]
    districts = {label: raw("concerns-by-sector", district=key)["Total"] for key, label in DISTRICTS}
    assert nonzero(districts) == {"Cherwell": 30, "Oxford City": 18, "West Oxfordshire": 14}
    assert raw("concerns-by-gender", district="west_oxfordshire", quarter=2)["Female"] == 5
    assert raw("gateway-outcomes", district="cherwell", quarter=1) == {
        "No further action": 6,
        "Signposted to other services": 3,
        "Managed by police (police-led)": 0,
        "Referred to Channel": 3,
        "Total": 12,
    }
    channel = nonzero(raw("channel", quarter=2))
    assert channel == {"Discussed at a Channel panel": 4, "Adopted as a Channel case": 2, "Total": 6}


def test_what_the_page_shows_of_them(partnership: dict[str, Any]) -> None:
    tables = by_slug(period_tables(Period(FY), None))
    assert column(tables["concerns-by-sector"]) | {} == {
        **{label: "0" for label in column(tables["concerns-by-sector"])},
        "Education": "30",
        "Health": "18",
        "Police": "14",
        "Total": "62",
    }
    assert column(tables["concerns-by-gender"]) == {
        "Male": "40",
        "Female": "15",
        "Other or not known": "7",
        "Total": "62",
    }
    age = column(tables["concerns-by-age"])
    assert (age["21 to 30"], age["40 and over"]) == ("fewer than 5", "fewer than 5")
    assert (age["Under 15"], age["15 to 20"], age["Total"]) == ("17", "23", "62")
    assert column(tables["triage-by-level"])["Level 4"] == "fewer than 5"
    assert column(tables["consent"])["Consent given"] == "fewer than 5"
    assert column(tables["consent"])["Consent refused"] == "fewer than 5"
    assert column(tables["consent"])["Total"] == "5"
    assert "Total" not in column(tables["channel"])  # its lines overlap: no total
    # The year before: Oxford's 3 are fewer than 5, and the year's total (9)
    # is withheld, else 9 - 6 would give them away.
    before = column(tables["concerns-by-sector"], 1)
    assert (before["Education"], before["Health"], before["Total"]) == ("6", "fewer than 5", "withheld")
    cherwell_q3 = by_slug(period_tables(Period(FY, 3), "cherwell"))
    assert column(cherwell_q3["concerns-by-sector"])["Total"] == "fewer than 5"


def test_every_shown_figure_is_the_true_count(partnership: dict[str, Any]) -> None:
    for district in (None, "cherwell", "oxford_city", "west_oxfordshire"):
        for period in (Period(FY), Period(FY, 1), Period(FY, 3)):
            for table in period_tables(period, district):
                truth = raw(table.slug, period.year, district, period.quarter)
                for row in table.rows:
                    figure = row.figures[0]
                    if figure.hidden:
                        assert figure.text in ("fewer than 5", "withheld")
                        assert figure.note is not None
                        if figure.text == "fewer than 5":
                            assert 0 < truth[row.label] < 5
                    else:
                        assert figure.text == f"{truth[row.label]:,}"


def test_trends_by_quarter(partnership: dict[str, Any]) -> None:
    table = by_slug(trend_tables(FY, None))["concerns-by-sector"]
    assert table.columns == [
        "Q1 2025/26",
        "Q2 2025/26",
        "Q3 2025/26",
        "Q4 2025/26",
        "2025 to 2026",
        "2024 to 2025",
    ]
    total = next(r for r in table.rows if r.total)
    assert [f.text for f in total.figures][:5] == ["23", "15", "13", "11", "62"]
    assert total.figures[5].text == "withheld"  # as in the year view


def test_timeliness_medians_and_90th_percentiles(partnership: dict[str, Any]) -> None:
    found = {t.slug: t for t in timeliness(Period(FY), None)}
    triage = found["concern-to-triage"]
    assert (triage.count, triage.median, triage.p90) == (55, 4, 6)
    gateway = found["referral-to-gateway"]
    assert (gateway.count, gateway.median, gateway.p90) == (38, 5, 10)
    panel = found["gateway-to-panel"]
    assert (panel.count, panel.median, panel.p90) == (7, 35, 35)
    support = found["adoption-to-support"]
    # 4 records, fewer than 5: neither the count nor the days are shown
    assert (support.count, support.median, support.p90, support.fewer) == (0, None, None, True)
    cherwell = {t.slug: t for t in timeliness(Period(FY), "cherwell")}
    assert (cherwell["concern-to-triage"].count, cherwell["concern-to-triage"].median) == (23, 2)
