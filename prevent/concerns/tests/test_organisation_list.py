"""The SPOC's list of every concern of their organisation (issue 10, item
3): names shown, filters, sort, pagination, one audited read per page, a
bounded number of queries; the triage queue shows names too."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.concerns import services
from tests.factories import OrganisationFactory

from .conftest import make_submitted

pytestmark = pytest.mark.django_db


def _concerns(practitioner: Any, n: int, name: str = "Alex Example") -> list[Any]:
    return [make_submitted(practitioner, person={"person_name": f"{name} {i}"}) for i in range(n)]


def test_the_spoc_sees_every_concern_of_their_organisation_with_names(
    practitioner: Any, spoc: Any, client_for: Callable[..., Any], make_user: Callable[..., Any]
) -> None:
    ours = _concerns(practitioner, 2)
    services.triage_close_no_further_action(actor=spoc, concern=ours[0], reason="Not a Prevent matter")
    elsewhere = make_submitted(
        make_user(Role.PRACTITIONER, organisation=OrganisationFactory()), person={"person_name": "Zed Other"}
    )
    body = client_for(spoc).get("/concerns/organisation/").content.decode()
    assert "Alex Example 0" in body and "Alex Example 1" in body  # closed ones too
    assert ours[0].reference in body
    assert "Zed Other" not in body and str(elsewhere.reference) not in body
    event = AuditEvent.objects.filter(action="concern_list_viewed").latest("pk")
    assert event.actor_id == spoc.pk and "Alex" not in event.summary


def test_the_filters_and_sort(practitioner: Any, spoc: Any, client_for: Callable[..., Any]) -> None:
    first, second = _concerns(practitioner, 2)
    services.triage_close_no_further_action(actor=spoc, concern=first, reason="Not a Prevent matter")
    client = client_for(spoc)
    closed = client.get("/concerns/organisation/", {"status": "closed_no_further_action"}).content.decode()
    assert first.reference in closed and second.reference not in closed
    named = client.get("/concerns/organisation/", {"person": "example 1"}).content.decode()
    assert second.reference in named and first.reference not in named
    by_name = client.get("/concerns/organisation/", {"sort": "person"}).content.decode()
    assert by_name.index("Alex Example 0") < by_name.index("Alex Example 1")
    newest = client.get("/concerns/organisation/", {"sort": "newest"}).content.decode()
    assert newest.index(str(second.reference)) < newest.index(str(first.reference))
    recorded = client.get("/concerns/organisation/", {"recorded_by": str(practitioner.pk)}).content.decode()
    assert first.reference in recorded and second.reference in recorded
    unknown = client.get("/concerns/organisation/", {"recorded_by": str(spoc.pk)}).content.decode()
    assert "govuk-error-message" in unknown


def test_a_bad_date_filter_is_explained_next_to_the_field(spoc: Any, client_for: Callable[..., Any]) -> None:
    body = client_for(spoc).get(
        "/concerns/organisation/",
        {"submitted_from_day": "31", "submitted_from_month": "2", "submitted_from_year": "2026"},
    )
    assert body.status_code == 200
    assert 'id="id_submitted_from-error"' in body.content.decode()
    assert 'value="31"' in body.content.decode()  # what was typed stays


def test_pagination_and_bounded_queries(
    practitioner: Any, spoc: Any, client_for: Callable[..., Any], django_assert_max_num_queries: Any
) -> None:
    client = client_for(spoc)
    _concerns(practitioner, 3)
    with django_assert_max_num_queries(20) as small:
        client.get("/concerns/organisation/")
    _concerns(practitioner, 30, name="Sam Sample")
    with django_assert_max_num_queries(20) as large:
        body = client.get("/concerns/organisation/").content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)
    assert 'aria-label="Page 2"' in body
    page_two = client.get("/concerns/organisation/", {"page": "2"}).content.decode()
    assert page_two.count('class="govuk-table__row"') == 33 - 25 + 1  # the rest, and the header
    assert client.get("/concerns/organisation/", {"page": "x"}).status_code == 200


def test_the_triage_queue_shows_names_and_records_a_read(
    practitioner: Any, spoc: Any, client_for: Callable[..., Any]
) -> None:
    concern = make_submitted(practitioner, person={"person_name": "Robin Named"})
    body = client_for(spoc).get("/concerns/triage/").content.decode()
    assert "Robin Named" in body and concern.reference in body
    assert AuditEvent.objects.filter(action="concern_list_viewed", actor_id=spoc.pk).count() == 1


def test_drafts_are_told_apart_by_the_name_or_what_was_typed(
    practitioner: Any, client_for: Callable[..., Any]
) -> None:
    from prevent.concerns import steps as S

    from .conftest import make_draft

    make_draft(practitioner, person={"person_name": "Jamie Drafted"})
    typed = services.concern_create_draft(actor=practitioner, emergency="no")
    services.concern_save_step(
        actor=practitioner,
        concern=typed,
        step=S.CONCERN,
        answers={},
        cleaned={
            "what_happened": "Left leaflets in the library",
            "observed_on": None,
            "location": "",
            "how_came_to_notice": "",
        },
    )
    body = client_for(practitioner).get("/concerns/").content.decode()
    assert "Draft about Jamie Drafted" in body
    assert "Draft: Left leaflets in the library" in body
    assert AuditEvent.objects.filter(action="concern_list_viewed", actor_id=practitioner.pk).count() == 1
