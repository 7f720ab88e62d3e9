"""The viewer's selectors: scoped by the policy, and a fixed number of
queries whatever the number of events."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prevent.accounts.roles import Role
from prevent.audit.selectors import (
    AuditFilters,
    audit_actions_present,
    audit_event_list,
    audit_object_types_present,
    start_of_day,
)

pytestmark = pytest.mark.django_db


def _queries_to_show_a_page(user: Any, filters: AuditFilters) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        audit_actions_present(user=user)
        audit_object_types_present(user=user)
        page = Paginator(audit_event_list(user=user, filters=filters), 50).get_page(1)
        rows = [
            (e.actor_label, e.actor_organisation_label, e.action_label, e.object_type, e.summary)
            for e in page
        ]
    return len(captured), len(rows)


@pytest.mark.parametrize(
    "filters",
    [AuditFilters(), AuditFilters(who="spoc", date_from=dt.date(2020, 1, 1))],
    ids=["all", "filtered"],
)
def test_a_page_costs_the_same_queries_for_2_or_60_events(
    coordinator: Any, make_user: Any, record: Any, filters: AuditFilters
) -> None:
    assert coordinator.roles  # loaded once per request in real use
    actors = [make_user(Role.SPOC, full_name=f"Spoc {n}") for n in range(4)]
    for n in range(2):
        record(actor=actors[n], action="thing_done", summary=f"Event {n}", object_type="a.b", object_id=n)
    with_two, shown = _queries_to_show_a_page(coordinator, filters)
    assert shown == 2
    for n in range(58):
        record(actor=actors[n % 4], action=f"action_{n % 5}", summary=f"Event {n}", object_type=f"a.{n % 3}")
    with_sixty, shown = _queries_to_show_a_page(coordinator, filters)
    assert shown == 50
    assert with_sixty == with_two == 4


@pytest.mark.parametrize("role", [r for r in Role if r != Role.PREVENT_COORDINATOR], ids=lambda r: r.value)
def test_others_see_no_events(role: Role, make_user: Any, record: Any) -> None:
    user = make_user(role)
    record(actor=user, summary="Their own event")
    assert not audit_event_list(user=user, filters=AuditFilters()).exists()
    assert audit_actions_present(user=user) == []


def test_days_start_at_midnight_uk_time() -> None:
    assert start_of_day(dt.date(2026, 7, 1)) == dt.datetime(2026, 6, 30, 23, 0, tzinfo=dt.UTC)
    assert start_of_day(dt.date(2026, 1, 1)) == dt.datetime(2026, 1, 1, 0, 0, tzinfo=dt.UTC)
