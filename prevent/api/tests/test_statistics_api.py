"""/api/v1/statistics/: the statistics page's suppressed tables as JSON,
behind the statistics rule, each read audited like a CSV export; no count
from 1 to threshold - 1 in any answer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.core.models import District
from prevent.reporting.periods import Period
from prevent.reporting.suppression import threshold
from prevent.reporting.tables import period_tables
from prevent.reporting.tests.conftest import build_partnership
from tests.factories import OrganisationFactory

from .conftest import ALL_SCOPES, ApiClient

pytestmark = pytest.mark.django_db
URL = "/api/v1/statistics/"


@pytest.fixture
def partnership(make_user: Callable[..., Any]) -> dict[str, Any]:
    council = OrganisationFactory(name="Oxfordshire County Council", district=District.COUNTY_WIDE)
    users = {
        "staff": make_user(Role.SPOC, organisation=council),
        "analyst": make_user(Role.PARTNERSHIP_ANALYST, organisation=council),
        "coordinator": make_user(Role.PREVENT_COORDINATOR, organisation=council),
        "practitioner": make_user(Role.PRACTITIONER, organisation=council),
        "police": make_user(Role.POLICE_PREVENT_OFFICER, organisation=council),
    }
    return {**build_partnership(users), **users}


def figures(body: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for table in body["tables"]:
        for row in table["rows"]:
            yield from row["figures"]


def small_counts(body: dict[str, Any]) -> list[Any]:
    """Every count in the answer (as a value or as text) from 1 to threshold - 1."""
    limit = threshold()
    found = []
    for f in figures(body):
        if f["value"] is not None and 0 < f["value"] < limit:
            found.append(f)
        digits = f["text"].replace(",", "")
        if digits.isdigit() and 0 < int(digits) < limit:
            found.append(f)
    return found


@pytest.mark.parametrize("who", ["analyst", "coordinator"])
def test_the_suppressed_tables_as_the_page_shows_them_and_audited(
    partnership: dict[str, Any], issue: Callable[..., str], who: str
) -> None:
    client = ApiClient(issue(partnership[who]))
    queries: list[dict[str, str]] = [
        {"year": "2025"},
        {"year": "2025", "quarter": "3", "district": "cherwell"},
        {"year": "2025", "quarter": "1", "district": "oxford_city"},
    ]
    for query in queries:
        response = client.get(URL, **query)
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["threshold"] == threshold() == 5
        assert not small_counts(body)
        hidden = [f for f in figures(body) if f["suppressed"]]
        for f in hidden:
            assert f["value"] is None
            assert f["text"] in ("fewer than 5", "withheld")
            assert f["note"] and f["note"] in next(t["notes"] for t in body["tables"] if f in _figs(t))
        period = Period(2025, int(query["quarter"]) if "quarter" in query else None)
        page = period_tables(period, query.get("district"))
        assert [t["slug"] for t in body["tables"]] == [t.slug for t in page]
        assert [[[f["text"] for f in r["figures"]] for r in t["rows"]] for t in body["tables"]] == [
            [[f.text for f in r.figures] for r in t.rows] for t in page
        ]
    # The year's county tables hide small counts (so the check above saw some).
    whole = client.get(URL, year="2025").json()
    assert any(f["suppressed"] == "primary" for f in figures(whole))
    gender = next(t for t in whole["tables"] if t["slug"] == "concerns-by-gender")
    male = next(r for r in gender["rows"] if r["label"] == "Male")
    assert male["figures"][0] == {"value": 40, "text": "40", "suppressed": None, "note": None}
    assert male["share"] == "65%"
    events = AuditEvent.objects.filter(action="statistics_api_read", actor=partnership[who])
    assert events.count() == len(queries) + 1
    assert "Statistics read through the API: October to December 2025, Cherwell" in [
        e.summary for e in events
    ]


def _figs(table: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for row in table["rows"] for f in row["figures"]]


@pytest.mark.parametrize("who", ["practitioner", "staff", "police"])
def test_a_role_without_the_statistics_is_refused(
    partnership: dict[str, Any], issue: Callable[..., str], who: str
) -> None:
    response = ApiClient(issue(partnership[who])).get(URL, year="2025")
    assert response.status_code == 403
    assert "tables" not in response.json()
    assert not AuditEvent.objects.filter(action="statistics_api_read").exists()


def test_a_token_without_the_statistics_scope_is_refused(
    partnership: dict[str, Any], issue: Callable[..., str]
) -> None:
    scopes = [s for s in ALL_SCOPES if s != "statistics:read"]
    assert ApiClient(issue(partnership["analyst"], scopes)).get(URL).status_code == 403
    assert ApiClient(issue(partnership["analyst"], ["statistics:read"])).get(URL).status_code == 200


def test_a_wrong_choice_is_a_400_naming_the_field(
    partnership: dict[str, Any], issue: Callable[..., str]
) -> None:
    response = ApiClient(issue(partnership["analyst"])).get(URL, year="1990", district="mars")
    assert response.status_code == 400
    assert response.json() == {
        "year": ["Select a financial year from the list"],
        "district": ["Select a district from the list"],
    }
    assert not AuditEvent.objects.filter(action="statistics_api_read").exists()


def test_unauthenticated_is_401(db: Any) -> None:
    assert ApiClient().get(URL).status_code == 401
