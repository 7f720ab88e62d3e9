"""Writes for person records: create, correct, link.

Concerns and Channel call these instead of writing Person rows themselves.
Each checks the policy and records its audit event in one transaction; the
audit log names the person by id and the fields changed, never their
details."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models, transaction

from prevent.accounts.models import User
from prevent.audit.services import record_event
from prevent.core import clock
from prevent.policy import Action, require

from .models import Person

# The record types that may be linked to a person, and the action (of the
# record's own domain) that says who may re-link one. Filled by each
# domain's AppConfig.ready() with `linkable(...)`.
_LINKABLE: dict[str, Action] = {}

_DETAILS = ("full_name", "other_names", "date_of_birth", "address", "postcode")


def linkable(model_label: str, action: Action) -> None:
    """Let records of `model_label` ("concerns.Concern") be linked to a
    person by whoever may do `action` to the record."""
    _LINKABLE[model_label.lower()] = action


def _check(full_name: str) -> None:
    if not full_name.strip():
        raise ValidationError({"full_name": "Enter the person's full name"})


def person_create(
    *,
    actor: User,
    full_name: str,
    other_names: str = "",
    date_of_birth: date | None = None,
    address: str = "",
    postcode: str = "",
) -> Person:
    """A new person record with the details as reported. Call it inside
    the caller's transaction, so the person exists only if its record does."""
    require(actor, Action.CREATE_PERSON)
    _check(full_name)
    with transaction.atomic():
        person = Person(
            full_name=full_name,
            other_names=other_names,
            date_of_birth=date_of_birth,
            address=address,
            postcode=postcode,
            created_by=actor,
        )
        person.set_keys()
        person.save()
        record_event(actor=actor, action="person_created", summary=f"Created person {person.pk}", obj=person)
    return person


def person_update(
    *,
    actor: User,
    person: Person,
    full_name: str,
    other_names: str = "",
    date_of_birth: date | None = None,
    address: str = "",
    postcode: str = "",
) -> Person:
    """Correct a person's details (all of them, as the form shows them)."""
    require(actor, Action.UPDATE_PERSON, person, hide=True)
    _check(full_name)
    after = {
        "full_name": full_name,
        "other_names": other_names,
        "date_of_birth": date_of_birth,
        "address": address,
        "postcode": postcode,
    }
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        changed = [name for name in _DETAILS if getattr(person, name) != after[name]]
        if not changed:
            return person
        for name in changed:
            setattr(person, name, after[name])
        person.set_keys()
        person.save()
        record_event(
            actor=actor,
            action="person_updated",
            summary=f"Corrected the details of person {person.pk}",
            obj=person,
            changes={"fields changed": {"before": None, "after": changed}},
        )
    return person


def person_link[R: models.Model](*, actor: User, record: R, person: Person) -> R:
    """Point `record` (a concern, ...) at an existing person record: a
    match found by the user. Needs the record's own link action and
    LINK_PERSON on the person."""
    action = _LINKABLE.get(record._meta.label_lower)
    if action is None:
        raise ValueError(f"{record._meta.label} records are not linked to people")
    require(actor, action, record, hide=True)
    require(actor, Action.LINK_PERSON, person, hide=True)
    model = type(record)
    with transaction.atomic():
        locked = model._default_manager.select_for_update().get(pk=record.pk)
        before = getattr(locked, "person_id", None)
        setattr(locked, "person", person)  # noqa: B010  (any linkable model)
        fields = ["person"]
        if hasattr(locked, "updated_at"):
            setattr(locked, "updated_at", clock.now())  # noqa: B010
            fields.append("updated_at")
        locked.save(update_fields=fields)
        record_event(
            actor=actor,
            action="person_linked",
            summary=f"Linked {record._meta.verbose_name} {locked} to person {person.pk}",
            obj=locked,
            changes={"person": {"before": before, "after": person.pk}},
        )
    return locked
