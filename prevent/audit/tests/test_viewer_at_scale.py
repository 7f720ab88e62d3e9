"""The whole audit log pages without counting or skipping rows (issue 16):
the chain head gives the count and each page is found by the primary key,
so a page costs the same at event 60 as at event 5 million."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db

LIST_URL = reverse("audit:event-list")


def events_query(queries: list[dict[str, str]]) -> list[str]:
    return [q["sql"] for q in queries if 'FROM "audit_auditevent"' in q["sql"]]


@pytest.mark.parametrize("events", [3, 120])
def test_the_unfiltered_log_neither_counts_nor_skips(
    coordinator: Any, client_for: Any, record: Any, events: int
) -> None:
    for n in range(events):
        record(actor=None, action="bulk_thing", summary=f"Bulk {n}")
    client = client_for(coordinator)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST_URL, {"page": "2"} if events > 50 else {})
    assert response.status_code == 200
    reads = events_query(captured.captured_queries)
    assert not any("COUNT(" in sql.upper() for sql in reads)
    assert not any("OFFSET" in sql.upper() for sql in reads)
    total = events + 1  # and the view of the log itself, recorded before the read
    assert f"of {total} events" in response.content.decode()


def test_each_page_of_the_whole_log_holds_the_right_events(
    coordinator: Any, client_for: Any, record: Any
) -> None:
    for n in range(119):
        record(actor=None, action="bulk_thing", summary=f"Bulk {n}")
    client = client_for(coordinator)
    # 119 + one view recorded per request: 120 events when the first page is read.
    first = client.get(LIST_URL)
    assert [e.id for e in first.context["events"]] == list(range(120, 70, -1))
    second = client.get(LIST_URL, {"page": "2"})  # 121 events now
    assert second.context["page"].number == 2
    assert [e.id for e in second.context["events"]] == list(range(71, 21, -1))
    assert "Showing 51 to 100 of 121 events" in second.content.decode()
    last = client.get(LIST_URL, {"page": "999999"})  # 122: the last page is the third
    assert last.context["page"].number == 3
    assert [e.id for e in last.context["events"]] == list(range(22, 0, -1))


def test_a_filtered_list_still_counts_what_matches(coordinator: Any, client_for: Any, record: Any) -> None:
    for n in range(5):
        record(actor=None, action="bulk_thing", summary=f"Bulk {n}")
    response = client_for(coordinator).get(LIST_URL, {"action": "bulk_thing"})
    assert "Showing 1 to 5 of 5 events" in response.content.decode()
