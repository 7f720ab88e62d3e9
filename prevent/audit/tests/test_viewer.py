"""The audit viewer at /audit/: Prevent Coordinators only; filters by who,
action, record and dates; GOV.UK errors; pagination that keeps the filters;
and every page view is itself audited."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from prevent.accounts.roles import Role
from prevent.audit import actions
from prevent.audit.models import AuditEvent
from tests.factories import OrganisationFactory

from .tamper import audit_triggers_disabled, raw_sql

pytestmark = pytest.mark.django_db

LIST_URL = reverse("audit:event-list")


def at(when: dt.datetime) -> Any:
    """Record events as if at `when` (UTC)."""
    return mock.patch.object(timezone, "now", return_value=when)


@pytest.fixture
def practitioner(make_user: Any) -> Any:
    return make_user(
        Role.PRACTITIONER,
        full_name="Priya Practitioner",
        email="priya@school.example",
        organisation=OrganisationFactory(name="Cheney School"),
    )


@pytest.fixture
def some_events(record: Any, practitioner: Any, make_user: Any) -> dict[str, AuditEvent]:
    admin = make_user(Role.ADMINISTRATOR, full_name="Alex Admin", email="alex@county.example")
    organisation = OrganisationFactory(name="Banbury Academy")
    with at(dt.datetime(2026, 5, 31, 22, 30, tzinfo=dt.UTC)):  # 31 May, 23:30 in London
        created = record(
            actor=admin,
            action="organisation_created",
            summary="Added organisation Banbury Academy",
            obj=organisation,
            changes={"name": {"before": None, "after": "Banbury Academy"}},
        )
    with at(dt.datetime(2026, 5, 31, 23, 30, tzinfo=dt.UTC)):  # 1 June, 00:30 in London
        signed_in = record(
            actor=practitioner, action="signed_in", summary="Signed in with an authenticator app"
        )
    with at(dt.datetime(2026, 6, 2, 9, 0, tzinfo=dt.UTC)):
        updated = record(
            actor=admin,
            action="organisation_updated",
            summary="Changed the details of organisation Banbury Academy",
            obj=organisation,
            changes={"district": {"before": "cherwell", "after": "county_wide"}},
        )
    return {"created": created, "signed_in": signed_in, "updated": updated}


def summaries(response: Any) -> list[str]:
    """The summary column of the results table, in order."""
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", response.content.decode(), re.S)
    cells = [re.findall(r"<td class=\"govuk-table__cell\">(.*?)</td>", row, re.S) for row in rows]
    return [c[-1] for c in cells if c]


def listed(client: Any, **params: str) -> list[str]:
    response = client.get(LIST_URL, params)
    assert response.status_code == 200
    return [s for s in summaries(response) if not s.startswith("Viewed the audit log")]


def test_a_coordinator_sees_the_events_newest_first(
    coordinator: Any, client_for: Any, some_events: dict[str, AuditEvent]
) -> None:
    response = client_for(coordinator).get(LIST_URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert summaries(response) == [
        "Viewed the audit log, page 1 (no filters)",
        "Changed the details of organisation Banbury Academy",
        "Signed in with an authenticator app",
        "Added organisation Banbury Academy",
    ]
    assert "Priya Practitioner &lt;priya@school.example&gt;" in body
    assert "Cheney School" in body  # the actor's organisation
    assert "Organisation updated" in body  # the action, in words
    assert f"core.organisation {some_events['updated'].object_id}" in body
    assert "1 Jun 2026, 00:30:00" in body  # Europe/London (BST), not UTC
    assert reverse("audit:event-detail", args=[some_events["updated"].pk]) in body
    assert 'href="/audit/"' in body and "Audit log" in body


@pytest.mark.parametrize("role", [r for r in Role if r != Role.PREVENT_COORDINATOR], ids=lambda r: r.value)
def test_other_roles_are_refused_and_nothing_is_recorded(
    role: Role, make_user: Any, client_for: Any, some_events: dict[str, AuditEvent]
) -> None:
    client = client_for(make_user(role))
    assert client.get(LIST_URL).status_code == 403
    assert client.get(reverse("audit:event-detail", args=[some_events["created"].pk])).status_code == 403
    assert not AuditEvent.objects.filter(action="audit_log_viewed").exists()


def test_filter_by_who_matches_name_or_email_in_any_case(
    coordinator: Any, client_for: Any, some_events: dict[str, AuditEvent]
) -> None:
    client = client_for(coordinator)
    assert listed(client, who="priya PRACT") == ["Signed in with an authenticator app"]
    assert listed(client, who="alex@county") == [
        "Changed the details of organisation Banbury Academy",
        "Added organisation Banbury Academy",
    ]
    assert listed(client, who="nobody") == []
    assert "No events match these filters." in client.get(LIST_URL, {"who": "nobody"}).content.decode()


def test_filter_by_action_offers_every_registered_action_grouped_by_domain(
    coordinator: Any, client_for: Any, some_events: dict[str, AuditEvent]
) -> None:
    client = client_for(coordinator)
    body = client.get(LIST_URL).content.decode()
    assert '<option value="signed_in">Signed in</option>' in body
    assert '<option value="organisation_created">Organisation created</option>' in body
    # Issue 9, point 7: registered actions are offered before they happen.
    assert '<option value="password_reset">Password reset</option>' in body
    for domain, group in actions.by_domain():
        assert f'<optgroup label="{domain}">' in body
        for action in group:
            assert f'<option value="{action.name}">{escape(action.label)}</option>' in body
    assert listed(client, action="signed_in") == ["Signed in with an authenticator app"]
    assert listed(client, action="password_reset") == []


def test_an_action_no_longer_registered_is_still_offered_for_old_events(
    coordinator: Any, client_for: Any, record: Any
) -> None:
    actions.register("Tests", {"retired_thing": "Retired thing"})
    record(action="retired_thing", summary="Long ago")
    actions._ACTIONS.pop("retired_thing")
    client = client_for(coordinator)
    body = client.get(LIST_URL).content.decode()
    assert '<optgroup label="No longer recorded">' in body
    assert '<option value="retired_thing">Retired thing</option>' in body
    assert listed(client, action="retired_thing") == ["Long ago"]


def test_filter_by_record(coordinator: Any, client_for: Any, some_events: dict[str, AuditEvent]) -> None:
    client = client_for(coordinator)
    record_id = some_events["created"].object_id
    assert listed(client, object_type="core.organisation", object_id=record_id) == [
        "Changed the details of organisation Banbury Academy",
        "Added organisation Banbury Academy",
    ]
    assert listed(client, object_id="999999") == []


def test_filter_by_dates_in_uk_time(
    coordinator: Any, client_for: Any, some_events: dict[str, AuditEvent]
) -> None:
    client = client_for(coordinator)
    may_31 = {"date_to_day": "31", "date_to_month": "5", "date_to_year": "2026"}
    june_1 = {"date_from_day": "1", "date_from_month": "6", "date_from_year": "2026"}
    assert listed(client, **may_31) == ["Added organisation Banbury Academy"]
    assert listed(client, **june_1, date_to_day="1", date_to_month="June", date_to_year="2026") == [
        "Signed in with an authenticator app"
    ]
    assert listed(client, date_from_day="2", date_from_month="6", date_from_year="2026") == [
        "Changed the details of organisation Banbury Academy"
    ]


@pytest.mark.parametrize(
    ("params", "message", "anchor"),
    [
        (
            {"date_from_day": "1", "date_from_year": "2026"},
            "From date must include a month",
            "id_date_from-month",
        ),
        ({"date_from_day": "1"}, "From date must include a month and year", "id_date_from-month"),
        (
            {"date_to_day": "31", "date_to_month": "2", "date_to_year": "2026"},
            "To date must be a real date",
            "id_date_to-day",
        ),
        (
            {"date_from_day": "x", "date_from_month": "2", "date_from_year": "2026"},
            "From date must be a real date",
            "id_date_from-day",
        ),
        (
            {"date_from_day": "1", "date_from_month": "2", "date_from_year": "26"},
            "Year of the from date must include 4 numbers",
            "id_date_from-year",
        ),
        # Issue 8, point 10: dates far out of range used to be taken.
        (
            {"date_from_day": "01", "date_from_month": "01", "date_from_year": "0001"},
            "From date must be the same as or after 1 January 2000",
            "id_date_from-day",
        ),
        (
            {"date_to_day": "31", "date_to_month": "12", "date_to_year": "1999"},
            "To date must be the same as or after 1 January 2000",
            "id_date_to-day",
        ),
        (
            {"date_from_day": "31", "date_from_month": "12", "date_from_year": "9999"},
            "From date must be today or in the past",
            "id_date_from-day",
        ),
        (
            {"date_to_day": "31", "date_to_month": "12", "date_to_year": "9999"},
            "To date must be today or in the past",
            "id_date_to-day",
        ),
        (
            {
                "date_from_day": "2",
                "date_from_month": "6",
                "date_from_year": "2026",
                "date_to_day": "1",
                "date_to_month": "6",
                "date_to_year": "2026",
            },
            "To date must be the same as or after the from date",
            "id_date_to-day",
        ),
    ],
)
def test_date_errors_use_govuk_messages(
    coordinator: Any,
    client_for: Any,
    some_events: dict[str, AuditEvent],
    params: dict[str, str],
    message: str,
    anchor: str,
) -> None:
    response = client_for(coordinator).get(LIST_URL, params)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<title>Error: Audit log" in body
    assert f'<li><a href="#{anchor}">{message}</a></li>' in body  # error summary
    assert f'<span class="govuk-visually-hidden">Error:</span> {message}</p>' in body  # by the field
    assert f'id="{anchor}"' in body and "govuk-input--error" in body
    assert summaries(response) == []  # no results while the filters are wrong
    assert not AuditEvent.objects.filter(action="audit_log_viewed").exists()
    for name, value in params.items():  # what was typed is kept
        assert f'name="{name}" type="text"' in body
        assert f'value="{value}"' in body


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"action": "no_such_action"}, "Select an action from the list"),
        ({"object_type": "no.such"}, "Select a record type from the list"),
        ({"who": "x" * 201}, "Who must be 200 characters or fewer"),
        ({"object_id": "9" * 65}, "Record ID must be 64 characters or fewer"),
    ],
)
def test_other_filter_errors_use_govuk_messages(
    coordinator: Any,
    client_for: Any,
    some_events: dict[str, AuditEvent],
    params: dict[str, str],
    message: str,
) -> None:
    response = client_for(coordinator).get(LIST_URL, params)
    body = response.content.decode()
    assert f"{message}</a></li>" in body
    assert summaries(response) == []


def test_pagination_keeps_the_filters(coordinator: Any, client_for: Any, record: Any) -> None:
    for n in range(60):
        record(actor=None, action="bulk_thing", summary=f"Bulk {n}")
    record(actor=None, action="other_thing", summary="Other")
    client = client_for(coordinator)

    first = client.get(LIST_URL, {"action": "bulk_thing", "who": ""})
    body = first.content.decode()
    assert summaries(first)[0] == "Bulk 59" and len(summaries(first)) == 50
    assert "Showing 1 to 50 of 60 events" in body
    assert '<nav class="govuk-pagination" aria-label="Pagination">' in body
    next_link = re.search(r'href="(\?[^"]*)" rel="next"', body)
    assert next_link is not None
    assert next_link.group(1) == "?action=bulk_thing&amp;page=2"
    assert 'aria-label="Page 1" aria-current="page"' in body

    second = client.get(LIST_URL, {"action": "bulk_thing", "page": "2"})
    assert summaries(second) == [f"Bulk {n}" for n in range(9, -1, -1)]
    assert "Showing 51 to 60 of 60 events" in second.content.decode()
    assert 'href="?action=bulk_thing&amp;page=1" rel="prev"' in second.content.decode()


def test_viewing_the_log_is_audited_once_per_page_view(
    coordinator: Any, client_for: Any, some_events: dict[str, AuditEvent]
) -> None:
    client = client_for(coordinator)
    client.get(LIST_URL, {"action": "signed_in", "who": "priya"})
    client.get(LIST_URL, {"page": "2"})
    views = list(AuditEvent.objects.filter(action="audit_log_viewed").order_by("id"))
    assert len(views) == 2
    assert views[0].actor_id == coordinator.pk
    assert views[0].summary == "Viewed the audit log, page 1 (who contains 'priya'; action is signed_in)"
    assert views[1].summary == "Viewed the audit log, page 2 (no filters)"
    assert views[0].object_type == "audit.auditevent"


def test_the_detail_page_shows_every_field_and_is_audited(
    coordinator: Any, client_for: Any, some_events: dict[str, AuditEvent]
) -> None:
    event = some_events["updated"]
    response = client_for(coordinator).get(reverse("audit:event-detail", args=[event.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    for shown in [
        "Organisation updated",
        "Alex Admin &lt;alex@county.example&gt;",
        "Administrator",
        "2 June 2026, 10:00:00",
        "core.organisation",
        event.object_id,
        event.hash,
        event.previous_hash,
        '<th scope="row" class="govuk-table__header">district</th>',
        '<td class="govuk-table__cell">cherwell</td>',
        '<td class="govuk-table__cell">county_wide</td>',
        '<strong class="govuk-tag govuk-tag--green">Yes</strong>',
    ]:
        assert shown in body, shown
    viewed = AuditEvent.objects.get(action="audit_log_viewed")
    assert (viewed.object_type, viewed.object_id) == ("audit.auditevent", str(event.pk))


def test_the_detail_page_shows_the_request_id_and_ip(coordinator: Any, client_for: Any) -> None:
    client = client_for(coordinator)
    client.get(LIST_URL, REMOTE_ADDR="192.0.2.44")
    viewed = AuditEvent.objects.get(action="audit_log_viewed")
    assert viewed.request_id
    body = client.get(reverse("audit:event-detail", args=[viewed.pk])).content.decode()
    assert f"<code>{viewed.request_id}</code>" in body
    assert "192.0.2.44" in body


def test_the_detail_page_flags_an_altered_event(
    coordinator: Any, client_for: Any, some_events: dict[str, AuditEvent]
) -> None:
    event = some_events["signed_in"]
    with audit_triggers_disabled():
        raw_sql("UPDATE audit_auditevent SET summary = %s WHERE id = %s", ["Nothing happened", event.id])
    body = client_for(coordinator).get(reverse("audit:event-detail", args=[event.pk])).content.decode()
    assert "No: this event has been altered" in body


def test_an_unknown_event_is_not_found(coordinator: Any, client_for: Any) -> None:
    assert client_for(coordinator).get(reverse("audit:event-detail", args=[424242])).status_code == 404


def test_the_list_costs_the_same_queries_for_2_or_60_events(
    coordinator: Any, client_for: Any, record: Any, make_user: Any
) -> None:
    client = client_for(coordinator)
    actors = [make_user(Role.SPOC) for _ in range(3)]

    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST_URL).status_code == 200
        return len(captured)

    for n in range(2):
        record(actor=actors[n % 3], summary=f"Event {n}")
    with_two = queries_for_list()
    for n in range(58):
        record(
            actor=actors[n % 3],
            action=f"action_{n % 7}",
            summary=f"Event {n}",
            object_type="x.y",
            object_id=n,
        )
    assert queries_for_list() == with_two


@pytest.mark.parametrize("odd", ["²", "٢", "9" * 5000, "0", "-3", "1e3", "2.5", "%00"])
def test_an_odd_page_number_shows_the_first_page(
    odd: str, coordinator: Any, client_for: Any, record: Any
) -> None:
    """Issue 8, point 6: `?page=²` and 5,000 digits used to be a 500."""
    for n in range(60):
        record(actor=None, action="bulk_thing", summary=f"Bulk {n}")
    client = client_for(coordinator)
    client.raise_request_exception = False
    response = client.get(LIST_URL, {"action": "bulk_thing", "page": odd})
    assert response.status_code == 200
    assert response.context["page"].number == 1
    assert "Showing 1 to 50 of 60 events" in response.content.decode()
    viewed = AuditEvent.objects.filter(action="audit_log_viewed").latest("id")
    assert viewed.summary.startswith("Viewed the audit log, page 1 ")


def test_a_page_past_the_end_shows_the_last_page(coordinator: Any, client_for: Any, record: Any) -> None:
    for n in range(60):
        record(actor=None, action="bulk_thing", summary=f"Bulk {n}")
    response = client_for(coordinator).get(LIST_URL, {"action": "bulk_thing", "page": "999999"})
    assert response.status_code == 200
    assert response.context["page"].number == 2
    assert "Showing 51 to 60 of 60 events" in response.content.decode()


def test_the_date_filters_render_as_govuk_date_inputs(coordinator: Any, client_for: Any) -> None:
    body = client_for(coordinator).get(LIST_URL).content.decode()
    for name in ("date_from", "date_to"):
        assert f'<div class="govuk-date-input" id="id_{name}">' in body
        for part, width in (("day", 2), ("month", 2), ("year", 4)):
            assert f'id="id_{name}-{part}" name="{name}_{part}" type="text"' in body
            assert f"govuk-input--width-{width}" in body


def test_the_first_and_last_dates_in_range_are_taken(
    coordinator: Any, client_for: Any, some_events: dict[str, AuditEvent]
) -> None:
    today = timezone.localdate()
    response = client_for(coordinator).get(
        LIST_URL,
        {
            "date_from_day": "1",
            "date_from_month": "1",
            "date_from_year": "2000",
            "date_to_day": str(today.day),
            "date_to_month": str(today.month),
            "date_to_year": str(today.year),
        },
    )
    assert response.status_code == 200
    assert "govuk-error-summary" not in response.content.decode()
