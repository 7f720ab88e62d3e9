"""The people list (issue 10, item 2): what the user may see, filtered,
paginated, audited, at a bounded number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.concerns import services as concern_services
from prevent.concerns.tests.conftest import make_submitted
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _record(user: Any, name: str, born: dt.date | None = None) -> Any:
    return make_submitted(user, person={"person_name": name, "person_date_of_birth": born})


def test_the_list_shows_the_people_the_user_may_see_with_their_records(
    practitioner: Any, spoc: Any, make_user: Any, client_for: Any
) -> None:
    mine = _record(practitioner, "Ada Lovelace", dt.date(2010, 1, 2))
    other_practitioner = make_user(Role.PRACTITIONER, organisation=OrganisationFactory())
    _record(other_practitioner, "Grace Hopper")
    body = client_for(spoc).get(reverse("people:list")).content.decode()
    assert "Ada Lovelace" in body and "2 January 2010" in body
    assert "Grace Hopper" not in body
    assert reverse("home:person-chronology", kwargs={"pk": mine.person_id}) in body
    event = AuditEvent.objects.filter(action="people_list_viewed").latest("id")
    assert event.changes["people shown"]["after"] == [mine.person_id] and "Ada" not in event.summary


def test_filters_by_name_year_and_open_records(practitioner: Any, spoc: Any, client_for: Any) -> None:
    _record(practitioner, "Ada Lovelace", dt.date(2010, 1, 2))
    _record(practitioner, "Ada Byron", dt.date(2011, 1, 2))
    closed = _record(practitioner, "Alan Turing", dt.date(2010, 3, 4))
    concern_services.triage_close_no_further_action(
        actor=spoc, concern=closed, reason="Not a Prevent concern"
    )
    client = client_for(spoc)

    def names(**params: str) -> list[str]:
        body = client.get(reverse("people:list"), params).content.decode()
        return [n for n in ("Ada Lovelace", "Ada Byron", "Alan Turing") if n in body]

    assert names(name="ada") == ["Ada Lovelace", "Ada Byron"]
    assert names(year_of_birth="2010") == ["Ada Lovelace", "Alan Turing"]
    assert names(open_only="on") == ["Ada Lovelace", "Ada Byron"]
    refused = client.get(reverse("people:list"), {"year_of_birth": "soon"}).content.decode()
    assert "Year of birth must be a number, like 2010" in refused and 'value="soon"' in refused


def test_the_list_is_paginated_at_a_bounded_number_of_queries(
    practitioner: Any, spoc: Any, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    for i in range(3):
        _record(practitioner, f"Person {chr(65 + i)}")
    client = client_for(spoc)
    client.get(reverse("people:list"))
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("people:list"))
    for i in range(30):
        _record(practitioner, f"Person {chr(65 + i % 26)}{i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        first = client.get(reverse("people:list")).content.decode()
    assert 'aria-label="Page 2"' in first
    second = client.get(reverse("people:list"), {"page": "2"}).content.decode()
    assert "33 people" in second and client.get(reverse("people:list"), {"page": "x"}).status_code == 200


@pytest.mark.parametrize("role", [Role.PARTNERSHIP_ANALYST, Role.ADMINISTRATOR])
def test_roles_without_case_content_cannot_reach_people(make_user: Any, client_for: Any, role: Role) -> None:
    client = client_for(make_user(role))
    assert client.get(reverse("people:list")).status_code == 403
    assert client.get(reverse("people:search"), {"q": "Ada"}).status_code == 403
    assert 'id="header-search"' not in client.get(reverse("home:home")).content.decode()


def test_the_header_search_box_is_shown_to_case_roles(practitioner: Any, client_for: Any) -> None:
    body = client_for(practitioner).get(reverse("home:home")).content.decode()
    assert 'id="header-search"' in body and 'action="/people/search/"' in body
