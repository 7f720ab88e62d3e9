"""Writes for person records: create, correct, link.

Concerns and Channel call these instead of writing Person rows themselves.
Each checks the policy and records its audit event in one transaction; the
audit log names the person by id and the fields changed, never their
details."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from prevent.accounts.models import User
from prevent.audit.services import record_event
from prevent.core import clock
from prevent.policy import Action, require

from .models import Person

if TYPE_CHECKING:
    from .models import PersonMerge

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
        person.save_keys()
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
        person.save_keys()
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


# Search, list and merge (issue 10). Reads that show people are audited:
# who looked, and (for a search) what they typed, in the event's changes,
# never in its summary, since what was typed is usually a name.


def people_searched(*, actor: User, text: str, result_ids: list[int]) -> None:
    """Record a search: the text as typed and the people it showed."""
    require(actor, Action.FIND_PEOPLE)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="people_searched",
            summary=f"Searched for people ({len(result_ids)} shown)",
            object_type="people.person",
            changes={
                "query": {"before": None, "after": text},
                "people shown": {"before": None, "after": result_ids},
            },
        )


def people_list_viewed(*, actor: User, filters: dict[str, str], result_ids: list[int], page: int) -> None:
    require(actor, Action.FIND_PEOPLE)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="people_list_viewed",
            summary=f"Viewed the people list, page {page} ({len(result_ids)} shown)",
            object_type="people.person",
            changes={
                "filters": {"before": None, "after": filters},
                "people shown": {"before": None, "after": result_ids},
            },
        )


def person_duplicates_viewed(*, actor: User, result_ids: list[int]) -> None:
    require(actor, Action.MERGE_PEOPLE)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="person_duplicates_viewed",
            summary=f"Viewed possible duplicate people ({len(result_ids)} shown)",
            object_type="people.person",
            changes={"people shown": {"before": None, "after": result_ids}},
        )


def person_merge_viewed(*, actor: User, keep: Person, merge: Person) -> None:
    require(actor, Action.MERGE_PEOPLE, keep, hide=True)
    require(actor, Action.MERGE_PEOPLE, merge, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="person_merge_viewed",
            summary=f"Viewed people {keep.pk} and {merge.pk} to merge them",
            obj=keep,
            changes={"people shown": {"before": None, "after": [keep.pk, merge.pk]}},
        )


def person_merge_record_viewed(*, actor: User, record: PersonMerge) -> None:
    require(actor, Action.UNDO_PERSON_MERGE, record, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="person_merge_record_viewed",
            summary=f"Viewed the merge of person {record.merged_id} into person {record.kept_id}",
            obj=record,
        )


def _person_relations() -> list[tuple[type[models.Model], str, bool]]:
    """Every foreign key (or one-to-one) to Person from any model, found
    from Django's model meta, so a domain added later is merged too: (model,
    field name, unique). The people app's own bookkeeping is left out."""
    from .models import PersonKey, PersonMerge

    found = []
    for relation in Person._meta.related_objects:
        model = relation.related_model
        if not isinstance(model, type) or model in (Person, PersonMerge, PersonKey):
            continue
        if relation.many_to_many:
            raise NotImplementedError(f"{model._meta.label} relates to Person many-to-many")
        found.append((model, relation.field.name, bool(relation.one_to_one)))
    return found


def _reason(reason: str, field: str = "reason") -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({field: "Enter why these are the same person"})
    return reason


def person_merge(*, actor: User, keep: Person, merge: Person, reason: str) -> PersonMerge:
    """Merge `merge` into `keep`: every record about `merge`, in every
    domain, now points at `keep`; `merge` stays, marked as merged (nothing
    is deleted) and the merge record says exactly what moved, for undo."""
    from .models import PersonMerge

    require(actor, Action.MERGE_PEOPLE, keep, hide=True)
    require(actor, Action.MERGE_PEOPLE, merge, hide=True)
    reason = _reason(reason)
    if keep.pk == merge.pk:
        raise ValidationError({"keep": "Choose two different people"})
    with transaction.atomic():
        locked = {p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[keep.pk, merge.pk])}
        keep, merge = locked[keep.pk], locked[merge.pk]
        if keep.merged_into_id or merge.merged_into_id:
            raise ValidationError({"keep": "One of these people has already been merged"})
        moved: dict[str, dict[str, list[Any]]] = {}
        for model, name, unique in _person_relations():
            manager = model._base_manager
            pks = list(manager.filter(**{name: merge}).order_by("pk").values_list("pk", flat=True))
            if not pks:
                continue
            if unique and manager.filter(**{name: keep}).exists():
                raise ValidationError(
                    {"keep": f"Both people have a {model._meta.verbose_name}: they cannot be merged"}
                )
            manager.filter(pk__in=pks).update(**{name: keep})
            moved.setdefault(model._meta.label_lower, {})[name] = pks
        merge.merged_into = keep
        merge.save(update_fields=["merged_into"])
        record = PersonMerge.objects.create(
            kept=keep, merged=merge, reason=reason, moved=moved, merged_by=actor
        )
        record_event(
            actor=actor,
            action="person_merged",
            summary=f"Merged person {merge.pk} into person {keep.pk} ({record.moved_count} records moved)",
            obj=record,
            changes={
                "reason": {"before": None, "after": reason},
                "records moved": {"before": None, "after": moved},
            },
        )
    return record


def person_merge_undo(*, actor: User, merge_record: PersonMerge, reason: str) -> PersonMerge:
    """Put back exactly the records the merge moved, and the merged person."""
    from .models import PersonMerge

    require(actor, Action.UNDO_PERSON_MERGE, merge_record, hide=True)
    reason = _reason(reason)
    with transaction.atomic():
        record = PersonMerge.objects.select_for_update().get(pk=merge_record.pk)
        require(actor, Action.UNDO_PERSON_MERGE, record, hide=True)
        relations = {(m._meta.label_lower, name): m for m, name, _ in _person_relations()}
        restored: dict[str, dict[str, list[Any]]] = {}
        for label, fields in record.moved.items():
            for name, pks in fields.items():
                model = relations.get((label, name))
                if model is None:
                    continue
                rows = model._base_manager.filter(pk__in=pks, **{f"{name}_id": record.kept_id})
                back = list(rows.order_by("pk").values_list("pk", flat=True))
                rows.update(**{name: record.merged_id})
                restored.setdefault(label, {})[name] = back
        Person.objects.filter(pk=record.merged_id).update(merged_into=None)
        record.undone_at = clock.now()
        record.undone_by = actor
        record.undo_reason = reason
        record.save(update_fields=["undone_at", "undone_by", "undo_reason"])
        record_event(
            actor=actor,
            action="person_merge_undone",
            summary=f"Undid the merge of person {record.merged_id} into person {record.kept_id}",
            obj=record,
            changes={
                "reason": {"before": None, "after": reason},
                "records restored": {"before": None, "after": restored},
            },
        )
    return record


def can_merge(user: User) -> bool:
    from prevent.policy import can

    return can(user, Action.MERGE_PEOPLE)
