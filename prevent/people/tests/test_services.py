"""The people services: each writes through the policy and the audit log."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.concerns.tests.conftest import make_submitted
from prevent.people.models import Person
from prevent.people.rules import access_person
from prevent.people.selectors import people_visible_to
from prevent.people.services import person_create, person_link, person_update
from prevent.policy import Action
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_person_create_keeps_the_details_and_their_keys_and_audits_without_them(practitioner: Any) -> None:
    with_dob = dt.date(2009, 3, 27)
    person = person_create(
        actor=practitioner, full_name="Jo O'Neil-Smith", date_of_birth=with_dob, postcode="ox1 1aa"
    )
    person.refresh_from_db()
    assert (person.full_name, person.date_of_birth, person.created_by) == (
        "Jo O'Neil-Smith",
        with_dob,
        practitioner,
    )
    assert (person.name_key, person.postcode_key) == ("jo oneil smith", "OX11AA")
    event = AuditEvent.objects.get(action="person_created", object_id=str(person.pk))
    assert event.object_type == "people.person" and "Jo" not in event.summary


def test_person_create_is_refused_without_a_role_that_records_people(
    make_user: Any, practitioner: Any
) -> None:
    administrator = make_user(Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        person_create(actor=administrator, full_name="Jo Bloggs")
    with pytest.raises(ValidationError) as error:
        person_create(actor=practitioner, full_name="  ")
    assert error.value.message_dict == {"full_name": ["Enter the person's full name"]}
    assert not Person.objects.exists()


def test_person_update_corrects_the_details_and_names_the_fields_changed(
    practitioner: Any, spoc: Any
) -> None:
    concern = make_submitted(practitioner)
    assert concern.person is not None
    person = person_update(
        actor=spoc, person=concern.person, full_name="Alexandra Example", postcode="OX16 0AA"
    )
    assert (person.full_name, person.name_key, person.postcode_key) == (
        "Alexandra Example",
        "alexandra example",
        "OX160AA",
    )
    event = AuditEvent.objects.get(action="person_updated")
    assert "full_name" in str(event.changes) and "Alexandra" not in str(event.changes)


def test_person_update_is_refused_to_the_practitioner_and_out_of_scope(
    practitioner: Any, spoc: Any, make_user: Any
) -> None:
    concern = make_submitted(practitioner)
    assert concern.person is not None
    with pytest.raises(Http404):
        person_update(actor=practitioner, person=concern.person, full_name="Changed")
    elsewhere = make_user(Role.SPOC, organisation=OrganisationFactory(name="Elsewhere"))
    with pytest.raises(Http404):
        person_update(actor=elsewhere, person=concern.person, full_name="Changed")
    concern.person.refresh_from_db()
    assert concern.person.full_name == "Alex Example"


def test_person_link_points_the_record_at_the_person(practitioner: Any, spoc: Any) -> None:
    first, second = make_submitted(practitioner), make_submitted(practitioner)
    assert first.person is not None
    linked = person_link(actor=spoc, record=second, person=first.person)
    assert linked.person_id == first.person_id
    event = AuditEvent.objects.get(action="person_linked")
    assert event.object_id == str(second.pk) and event.changes["person"]["after"] == first.person_id


def test_person_link_is_refused_to_the_practitioner_and_for_unlinkable_records(
    practitioner: Any, spoc: Any
) -> None:
    first, second = make_submitted(practitioner), make_submitted(practitioner)
    assert first.person is not None
    with pytest.raises(Http404):
        person_link(actor=practitioner, record=second, person=first.person)
    with pytest.raises(ValueError, match="not linked to people"):
        person_link(actor=spoc, record=spoc, person=first.person)
    second.refresh_from_db()
    assert second.person_id != first.person_id


def test_a_person_is_visible_through_a_visible_concern_only(
    practitioner: Any, spoc: Any, make_user: Any
) -> None:
    concern = make_submitted(practitioner)
    assert concern.person is not None
    assert access_person(spoc, concern.person_id) == concern.person
    assert access_person(practitioner, concern.person_id) == concern.person
    elsewhere = make_user(Role.SPOC, organisation=OrganisationFactory(name="Elsewhere"))
    with pytest.raises(Http404):
        access_person(elsewhere, concern.person_id)
    with pytest.raises(Http404):
        access_person(spoc, "12x")
    assert list(people_visible_to(elsewhere)) == []
    assert list(people_visible_to(spoc, Action.LINK_PERSON)) == [concern.person]
    assert list(people_visible_to(practitioner, Action.LINK_PERSON)) == []
