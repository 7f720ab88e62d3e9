"""The Partnership Analyst sees the statistics and no record about a person:
every route with an id about a person answers the analyst 404 in the role x
URL matrix (tests/test_role_matrix.py opens each of them as the analyst and
fails unless the status is the one written there)."""

from __future__ import annotations

from tests.test_person_reads_audited import NOT_ABOUT_A_PERSON, ROUTES
from tests.test_role_matrix import ANALYST, ANY, EXPECTED

# Routes with an id that is not about a person, refused (403) to all but
# those who manage them.
NOT_PERSON_RECORDS = {
    "audit:event-detail",  # an audit event: the audit log is the coordinator's
    "channel:provider-archive",  # an approved provider of support
}


def test_every_route_about_a_person_is_404_for_the_analyst() -> None:
    about_a_person = [
        name
        for name, pattern in ROUTES
        if pattern.pattern.converters and name not in NOT_ABOUT_A_PERSON | NOT_PERSON_RECORDS
    ]
    assert len(about_a_person) > 40
    status = {name: EXPECTED[name].get(ANALYST, EXPECTED[name][ANY]) for name in about_a_person}
    assert {name: code for name, code in status.items() if code != 404} == {}


def test_the_analyst_reaches_every_statistics_page_but_data_quality() -> None:
    mine = {name: row for name, row in EXPECTED.items() if name.startswith("reporting:")}
    assert {name for name, row in mine.items() if row.get(ANALYST) == 200} == {
        "reporting:statistics",
        "reporting:trends",
        "reporting:csv",
        "reporting:board-report",
        "reporting:national-return",
        "reporting:national-return-csv",
    }
    assert mine["reporting:data-quality"].get(ANALYST, mine["reporting:data-quality"][ANY]) == 403
