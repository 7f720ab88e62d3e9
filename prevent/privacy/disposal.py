"""Disposing of everything held about one person (issue 14, part 2).

`plan_disposal(person)` finds every row about them by walking the foreign
keys that point at the person, and at each row found, from Django's model
meta (as prevent/people's merge does): their concerns with the draft
answers, factors, attachments, addenda, questions, triage decisions and
referrals; gateway referrals and assessments; Channel cases with every
record under them; merged duplicates, search keys, restrictions. A domain
whose rows point at none of these but may still copy a person's details
adds an `Eraser` with `register_eraser` (a function given the plan, run in
the disposal's transaction).

`dispose(plan, ...)` then, in the caller's transaction:
1. writes a tombstone per concern, gateway referral and case (tombstones.py);
2. erases the personal fields of every audit event about those rows, or
   whose text holds the person's details (prevent/audit/erasure.py: the
   chain still verifies);
3. runs the erasers: notifications about the records, failed emails,
   free text elsewhere that names the person (`scrub_text`);
4. deletes the rows (constraints are checked before it returns);
5. removes the files on disk once the transaction has committed."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.urls import reverse

from prevent.audit.erasure import erase_personal_details
from prevent.audit.models import AuditEvent
from prevent.people.models import Person

from .models import Disposal, DisposedRecord, ReviewItem
from .tombstones import TOMBSTONES

# Never walked into, never deleted: the audit log (erased, not deleted), this
# app's own bookkeeping, and Django's and the accounts' tables.
NOT_WALKED = {"audit", "privacy", "auth", "contenttypes", "sessions", "accounts", "django_tasks_db"}
REMOVED = "[removed]"
MIN_STRING = 5


@dataclass
class DisposalPlan:
    person: Person
    rows: dict[type[models.Model], set[Any]] = field(default_factory=lambda: defaultdict(set))
    strings: list[str] = field(default_factory=list)
    references: set[str] = field(default_factory=set)
    links: set[str] = field(default_factory=set)
    files: list[str] = field(default_factory=list)

    def pks(self, model: type[models.Model]) -> set[Any]:
        return self.rows.get(model, set())

    def instances(self, model: type[models.Model]) -> list[Any]:
        return list(model._base_manager.filter(pk__in=self.pks(model)).order_by("pk"))

    @property
    def counts(self) -> dict[str, int]:
        return {m._meta.label_lower: len(pks) for m, pks in sorted(self.rows.items(), key=_label) if pks}


def _label(item: tuple[type[models.Model], Any]) -> str:
    return item[0]._meta.label_lower


Eraser = Callable[[DisposalPlan], int]
_ERASERS: list[Eraser] = []


def register_eraser(fn: Eraser) -> Eraser:
    """Add a step that removes copies of the person's details the walk does
    not reach; it returns how many rows it changed."""
    if fn not in _ERASERS:
        _ERASERS.append(fn)
    return fn


Finder = Callable[[Person], dict[type[models.Model], set[Any]]]
_FINDERS: list[Finder] = []


def register_finder(fn: Finder) -> Finder:
    """Add rows about the person that no foreign key leads to (a draft that
    names them); the walk starts from them too."""
    if fn not in _FINDERS:
        _FINDERS.append(fn)
    return fn


def _walked(model: type[models.Model]) -> bool:
    return model._meta.app_label not in NOT_WALKED and not model._meta.auto_created


def _reverse_relations(model: type[models.Model]) -> list[Any]:
    """Every relation pointing at `model`, the hidden ones (related_name "+") too."""
    return [
        f
        for f in model._meta.get_fields(include_hidden=True)
        if f.auto_created and not f.concrete and (f.one_to_many or f.one_to_one or f.many_to_many)
    ]


def plan_disposal(person: Person) -> DisposalPlan:
    """Every row about `person` (they and their merged duplicates included)."""
    plan = DisposalPlan(person=person)
    plan.rows[Person].add(person.pk)
    frontier: list[tuple[type[models.Model], set[Any]]] = [(Person, {person.pk})]
    for finder in _FINDERS:
        for model, pks in finder(person).items():
            if pks - plan.rows[model]:
                frontier.append((model, pks - plan.rows[model]))
                plan.rows[model] |= pks
    while frontier:
        model, pks = frontier.pop()
        for relation in _reverse_relations(model):
            child: Any = relation.related_model
            if not isinstance(child, type) or not _walked(child) or relation.many_to_many:
                continue
            manager: Any = child._base_manager  # type: ignore[attr-defined]
            found = (
                set(manager.filter(**{f"{relation.field.name}__in": pks}).values_list("pk", flat=True))
                - plan.rows[child]
            )
            if found:
                plan.rows[child] |= found
                frontier.append((child, found))
    _identify(plan)
    return plan


def _identify(plan: DisposalPlan) -> None:
    """The strings to look for elsewhere, the references and links of the
    records, and the files on disk."""
    strings: set[str] = set()
    for person in plan.instances(Person):
        strings |= {person.full_name, person.address, person.postcode}
        strings |= _other_names(person)
    for model, pks in plan.rows.items():
        label = model._meta.label_lower
        for obj in model._base_manager.filter(pk__in=pks):
            for f in model._meta.concrete_fields:
                if isinstance(f, models.FileField):
                    name = getattr(obj, f.attname)
                    if name:
                        plan.files.append(str(name))
            reference = getattr(obj, "reference", None)
            if label in LINKS and isinstance(reference, str) and reference:
                plan.references.add(reference)
            for route in LINKS.get(label, ()):
                plan.links.add(reverse(route, args=[obj.pk]))
            if label == "concerns.concern":
                concern: Any = obj
                strings |= {concern.person_name, concern.person_address, concern.person_postcode}
    plan.strings = sorted((s.strip() for s in strings if len(s.strip()) >= MIN_STRING), key=len, reverse=True)


# The pages of each record, whose links notifications carry.
LINKS: dict[str, tuple[str, ...]] = {
    "concerns.concern": ("concerns:detail",),
    "channel.gatewayreferral": ("channel:gateway-assess",),
    "channel.channelcase": ("channel:case-detail",),
}


def _audit_events(plan: DisposalPlan) -> list[int]:
    """Events about any of the rows, or whose words hold the person's details."""
    about = Q(pk__in=[])
    for model, pks in plan.rows.items():
        about |= Q(object_type=model._meta.label_lower, object_id__in=[str(pk) for pk in pks])
    mentions = Q(pk__in=[])
    for s in plan.strings:
        mentions |= Q(summary__icontains=s) | Q(changes_text__icontains=s)
    events = AuditEvent.objects.annotate(changes_text=Cast("changes", TextField())).filter(
        erased_at__isnull=True
    )
    return list(events.filter(about | mentions).values_list("pk", flat=True))


def _delete(plan: DisposalPlan) -> None:
    for model, pks in plan.rows.items():
        if not pks:
            continue
        for m2m in model._meta.many_to_many:
            through: Any = m2m.remote_field.through
            through._base_manager.filter(**{f"{m2m.m2m_field_name()}__in": pks}).delete()
        for relation in _reverse_relations(model):
            if relation.many_to_many and getattr(relation, "through", None) is not None:
                through = relation.through
                source = relation.field.m2m_reverse_field_name()
                through._base_manager.filter(**{f"{source}__in": pks}).delete()
    # Foreign keys are checked when the transaction ends (both databases
    # defer them), so the order of the deletes does not matter; they are
    # checked at once below, so a row the walk missed fails here.
    for model, pks in plan.rows.items():
        if pks:
            query = model._base_manager.filter(pk__in=pks)
            query._raw_delete(query.db)
    connection.check_constraints()


def _remove_files(names: Iterable[str]) -> None:
    for name in names:
        if default_storage.exists(name):
            default_storage.delete(name)


def dispose(plan: DisposalPlan, *, actor: Any, requested_by: Any = None) -> Disposal:
    """Carry out the plan; inside the caller's transaction (which records
    the disposal's own audit event)."""
    person = plan.person
    disposal = Disposal.objects.create(subject_id=person.pk, disposed_by=actor, requested_by=requested_by)
    tombstones = []
    for label, make in TOMBSTONES.items():
        model = apps.get_model(label)
        for obj in plan.instances(model):
            made = make(obj)
            if made is None:
                continue
            record_type, created, closed, outcome, categories = made
            tombstones.append(
                DisposedRecord(
                    disposal=disposal,
                    record_type=record_type,
                    record_id=obj.pk,
                    created_on=created,
                    closed_on=closed,
                    outcome=outcome,
                    categories=categories,
                )
            )
    DisposedRecord.objects.bulk_create(tombstones)
    erasure = erase_personal_details(
        actor=actor, event_ids=_audit_events(plan), why=f"disposal {disposal.pk} of person {person.pk}"
    )
    for eraser in _ERASERS:
        eraser(plan)
    ReviewItem.objects.filter(person_id__in=plan.pks(Person)).update(person=None)
    _delete(plan)
    files = list(plan.files)
    transaction.on_commit(lambda: _remove_files(files))
    disposal.removed = plan.counts
    disposal.files_removed = len(files)
    disposal.audit_events_erased = len(erasure.changes["events erased"]["after"]) if erasure else 0
    disposal.save(update_fields=["removed", "files_removed", "audit_events_erased"])
    return disposal


# The finders and erasers of the domains this app knows. ---------------------------------------


@register_finder
def drafts_about_the_person(person: Person) -> dict[type[models.Model], set[Any]]:
    """Drafts not yet submitted (so not linked to a person) that name them:
    the same name, and the same date of birth or none."""
    from prevent.concerns.models import Concern, ConcernStatus

    names = [n for n in {person.full_name.strip(), *_other_names(person)} if n]
    same = Q(pk__in=[])
    for name in names:
        same |= Q(person_name__iexact=name)
    born = Q(person_date_of_birth__isnull=True)
    if person.date_of_birth is not None:
        born |= Q(person_date_of_birth=person.date_of_birth)
    drafts = Concern.objects.filter(same, born, status=ConcernStatus.DRAFT, person__isnull=True)
    return {Concern: set(drafts.values_list("pk", flat=True))}


def _other_names(person: Person) -> set[str]:
    return {name.strip() for name in re.split(r"[,;|]", person.other_names) if name.strip()}


@register_eraser
def notifications_about_the_records(plan: DisposalPlan) -> int:
    """In-service notifications and failed emails about the records (their
    reference or link): they hold no details, but would point at nothing."""
    from prevent.core.models import FailedNotification
    from prevent.notifications.models import Notification

    about = Q(reference__in=plan.references)
    for link in plan.links:
        about |= Q(link_path__startswith=link)
    removed, _ = Notification.objects.filter(about).delete()
    failed = Q(pk__in=[])
    for text in [*plan.references, *plan.links, *plan.strings]:
        failed |= Q(body__contains=text) | Q(subject__contains=text)
    gone, _ = FailedNotification.objects.filter(failed).delete()
    return removed + gone


# The apps whose free text may name a person; accounts and reference data
# (staff, organisations, guidance) are left alone.
SCRUBBED_APPS = ("people", "concerns", "channel", "notifications", "self_assessment", "training", "core")


def _scrubbed(value: Any, pattern: re.Pattern[str]) -> Any:
    if isinstance(value, str):
        return pattern.sub(REMOVED, value)
    if isinstance(value, list):
        return [_scrubbed(v, pattern) for v in value]
    if isinstance(value, dict):
        return {k: _scrubbed(v, pattern) for k, v in value.items()}
    return value


@register_eraser
def scrub_text(plan: DisposalPlan) -> int:
    """Free text and JSON (a draft's answers as typed) in any other row that
    names the person (their name, other names, address or postcode, as
    whole strings, in any case): replaced with [removed]."""
    if not plan.strings:
        return 0
    pattern = re.compile("|".join(re.escape(s) for s in plan.strings), re.IGNORECASE)
    changed = 0
    for model in apps.get_models():
        if model._meta.app_label not in SCRUBBED_APPS:
            continue
        text_fields: list[Any] = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField)) and not f.choices and not f.primary_key
        ]
        json_fields: list[Any] = [f for f in model._meta.concrete_fields if isinstance(f, models.JSONField)]
        if not text_fields and not json_fields:
            continue
        rows = model._base_manager.annotate(
            **{f"_text_{f.name}": Cast(f.name, TextField()) for f in json_fields}
        )
        where = Q(pk__in=[])
        for s in plan.strings:
            for f in text_fields:
                where |= Q(**{f"{f.name}__icontains": s})
            for f in json_fields:
                where |= Q(**{f"_text_{f.name}__icontains": s})
        for row in rows.filter(where).exclude(pk__in=plan.pks(model)):
            updates: dict[str, Any] = {}
            for f in text_fields:
                value = getattr(row, f.attname)
                if isinstance(value, str) and pattern.search(value):
                    updates[f.attname] = pattern.sub(REMOVED, value)[: f.max_length or None]
            for f in json_fields:
                value = getattr(row, f.attname)
                scrubbed = _scrubbed(value, pattern)
                if scrubbed != value:
                    updates[f.attname] = scrubbed
            if updates:
                model._base_manager.filter(pk=row.pk).update(**updates)
                changed += 1
    return changed
