"""Search (issue 10, item 1) against a fixture of people with look-alike
names (lookalikes.PEOPLE), each recorded in a submitted concern of one
school: the school's SPOC may see all of them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.concerns.models import Concern
from prevent.concerns.tests.conftest import make_submitted
from prevent.people.search import search_people
from prevent.people.tests.lookalikes import PEOPLE, VARIANTS, born
from tests.builders import kept_for_the_module, make_user, sign_in
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


class Fixture:
    def __init__(self) -> None:
        self.school = OrganisationFactory(name="Cherwell School")
        self.practitioner = make_user(Role.PRACTITIONER, organisation=self.school, full_name="Pat Teacher")
        self.spoc = make_user(Role.SPOC, organisation=self.school, full_name="Sam Spoc")
        self.concerns: dict[str, Concern] = {}
        for i, (name, other_names, postcode) in enumerate(PEOPLE):
            self.concerns[name] = make_submitted(
                self.practitioner,
                person={
                    "person_name": name,
                    "person_other_names": other_names,
                    "person_date_of_birth": born(i),
                    "person_postcode": postcode,
                },
            )
        self.people = {name: c.person for name, c in self.concerns.items() if c.person}


@pytest.fixture(scope="module")
def fx(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Fixture]:
    with kept_for_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            fixture = Fixture()
        yield fixture


def _top(fx: Fixture, text: str, n: int = 3) -> list[str]:
    return [r.person.full_name for r in search_people(user=fx.spoc, text=text).results[:n]]


def test_the_fixture_has_at_least_forty_people(fx: Fixture) -> None:
    assert len(fx.people) == len(PEOPLE) >= 40
    assert len({n for n, _, _ in PEOPLE}) == len(PEOPLE)


@pytest.mark.parametrize(("kind", "typed", "wanted"), VARIANTS, ids=[f"{k}-{t}" for k, t, _ in VARIANTS])
def test_each_spelling_variant_finds_its_person_in_the_top_three(
    fx: Fixture, kind: str, typed: str, wanted: str
) -> None:
    assert wanted in _top(fx, typed), f"{kind}: {typed!r} should find {wanted!r}"


def test_an_unrelated_name_finds_nobody(fx: Fixture) -> None:
    assert _top(fx, "Xerxes Vandelay") == []


def test_date_of_birth_exact_and_year(fx: Fixture) -> None:
    index = [n for n, _, _ in PEOPLE].index("Mehmet Yilmaz")
    dob = born(index)
    assert _top(fx, dob.strftime("%d/%m/%Y"), 50) == ["Mehmet Yilmaz"]
    assert _top(fx, dob.isoformat(), 50) == ["Mehmet Yilmaz"]
    assert _top(fx, f"{dob.day} {dob.strftime('%B')} {dob.year}", 50) == ["Mehmet Yilmaz"]
    same_year = {n for i, (n, _, _) in enumerate(PEOPLE) if born(i).year == dob.year}
    assert set(_top(fx, str(dob.year), 50)) == same_year and len(same_year) > 1
    # A name with the year: the person born that year first.
    assert _top(fx, f"John Smith {born(5).year}", 1) == ["John Smith"]
    # A name with a date of birth chooses between look-alikes.
    assert _top(fx, f"Ayesha Begum {born(18).strftime('%d/%m/%Y')}", 1) == ["Aisha Begum"]


def test_postcode_full_or_outward(fx: Fixture) -> None:
    assert _top(fx, "ox16 2bb", 50) == ["Jon Smyth"]
    assert set(_top(fx, "OX16", 50)) == {"John Smith", "Jon Smyth", "Joan Smith", "Jonathan Smithson"}


def test_a_reference_goes_to_the_record_the_user_may_open(fx: Fixture) -> None:
    concern = fx.concerns["Oliver Twist"]
    client = sign_in(fx.spoc)
    response = client.get(reverse("people:search"), {"q": f" {str(concern.reference).lower()} "})
    assert response.status_code == 302
    assert response["Location"] == reverse("concerns:detail", kwargs={"pk": concern.pk})


def test_a_reference_out_of_scope_looks_like_no_reference_at_all(fx: Fixture) -> None:
    other = make_user(Role.SPOC, organisation=OrganisationFactory(), full_name="Other Spoc")
    client = sign_in(other)
    hidden = client.get(reverse("people:search"), {"q": str(fx.concerns["Oliver Twist"].reference)})
    missing = client.get(reverse("people:search"), {"q": "PH-1999-99999"})
    assert hidden.status_code == missing.status_code == 200
    assert hidden.content.decode().replace(str(fx.concerns["Oliver Twist"].reference), "X") == (
        missing.content.decode().replace("PH-1999-99999", "X")
    )
    assert "Oliver" not in hidden.content.decode()


def test_the_results_page_shows_name_date_of_birth_organisation_and_status(fx: Fixture) -> None:
    body = sign_in(fx.spoc).get(reverse("people:search"), {"q": "Oliver Twsit"}).content.decode()
    person = fx.people["Oliver Twist"]
    assert "Oliver Twist" in body and born(41).strftime("%-d %B %Y") in body
    assert "Cherwell School" in body and "Concern: Awaiting triage" in body
    assert reverse("home:person-chronology", kwargs={"pk": person.pk}) in body


def test_a_search_is_audited_with_what_was_typed_kept_out_of_the_summary(fx: Fixture) -> None:
    client = sign_in(fx.spoc)
    client.get(reverse("people:search"), {"q": "Mohamed Ali"})
    event = AuditEvent.objects.filter(action="people_searched").latest("id")
    assert event.actor_id == fx.spoc.pk
    assert event.changes["query"]["after"] == "Mohamed Ali"
    assert fx.people["Muhammad Ali"].pk in event.changes["people shown"]["after"]
    assert "Mohamed" not in event.summary and "Ali" not in event.summary


def test_an_empty_box_searches_nothing_and_records_nothing(fx: Fixture) -> None:
    before = AuditEvent.objects.count()
    response = sign_in(fx.spoc).get(reverse("people:search"), {"q": "   "})
    assert response.status_code == 200 and AuditEvent.objects.count() == before


def test_a_too_long_search_is_refused_next_to_the_box_keeping_what_was_typed(fx: Fixture) -> None:
    typed = "Smith " * 40
    body = sign_in(fx.spoc).get(reverse("people:search"), {"q": typed}).content.decode()
    assert "Search must be 200 characters or fewer" in body and "govuk-error-message" in body
    assert typed.strip()[:50] in body


def test_a_search_costs_a_bounded_number_of_queries(fx: Fixture, django_assert_max_num_queries: Any) -> None:
    client = sign_in(fx.spoc)
    client.get(reverse("people:search"), {"q": "warm up"})
    # 19: one of them finds the restricted records hidden from the searcher
    # (issue 14), once per request whatever the data.
    with django_assert_max_num_queries(19) as few:
        client.get(reverse("people:search"), {"q": "Smith"})
    # Many more look-alikes: the same number of queries.
    for i in range(30):
        make_submitted(
            fx.practitioner, person={"person_name": f"Sam Smith{'e' * (i % 3)}", "person_other_names": ""}
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("people:search"), {"q": "Smith"})
    assert response.status_code == 200
