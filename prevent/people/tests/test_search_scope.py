"""Search never answers outside the searcher's scope, for every role
(tests/builders.py World: every role, users of another organisation, users
with several roles, none, inactive). Every person of the world is searched
for, by name and by date of birth, as every user; each result must be in
that user's VIEW_PERSON scope, and everyone in scope whose exact name was
typed must be found."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse

from prevent.people.models import Person
from prevent.people.search import search_people
from prevent.people.selectors import people_visible_to
from prevent.policy import Action, can
from tests.builders import World, kept_for_the_module, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    with kept_for_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            built = World()
        yield built


USER_KEYS = [
    "practitioner",
    "spoc",
    "coordinator",
    "police",
    "chair",
    "member",
    "other_practitioner",
    "other_spoc",
    "outsider",
    "spoc_member",
    "coordinator_police",
    "no_roles",
]


@pytest.mark.parametrize("key", USER_KEYS)
def test_no_result_outside_the_searchers_scope(world: World, key: str) -> None:
    user = world.people[key]
    visible = set(people_visible_to(user).values_list("pk", flat=True))
    people = list(Person.objects.all())
    assert len(people) > 5
    for person in people:
        texts = [person.full_name]
        if person.date_of_birth:
            texts.append(person.date_of_birth.strftime("%d/%m/%Y"))
        for text in texts:
            found = {r.person.pk for r in search_people(user=user, text=text).results}
            assert found <= visible, f"{key} searching {text!r} found people outside their scope"
            if text == person.full_name and person.pk in visible:
                assert person.pk in found
    if key in {"spoc", "coordinator", "police", "chair", "member"}:
        assert visible, f"{key} should see someone in this world"


def test_channel_roles_find_the_people_of_the_cases_they_may_see(world: World) -> None:
    """The chair sees all Channel business; a member the cases on the agenda
    of meetings they sit on (Channel registers this with the people app)."""
    person = world.to_channel.concern.person
    assert person is not None
    for key in ("chair", "member"):
        found = {r.person.pk for r in search_people(user=world.people[key], text=person.full_name).results}
        assert person.pk in found, f"{key} should find the person of a Channel case they may see"
    assert person.pk not in {
        r.person.pk for r in search_people(user=world.people["outsider"], text=person.full_name).results
    }


@pytest.mark.parametrize("key", ["analyst", "admin"])
def test_roles_without_case_content_may_not_search(world: World, key: str) -> None:
    user = world.people[key]
    assert not can(user, Action.FIND_PEOPLE)
    assert sign_in(user).get(reverse("people:search"), {"q": "Zebedee"}).status_code == 403


def test_an_out_of_scope_search_looks_like_no_match(world: World) -> None:
    person = world.to_channel.concern.person
    assert person is not None
    name = person.full_name
    outsider = sign_in(world.people["outsider"])
    hidden = outsider.get(reverse("people:search"), {"q": name}).content.decode()
    nobody = outsider.get(reverse("people:search"), {"q": "Xerxes Vandelay"}).content.decode()
    assert "0 people found" in hidden and "0 people found" in nobody
    assert name not in hidden.replace(f'value="{name}"', "")
