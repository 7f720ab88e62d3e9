"""Coordinator changes to the guidance wording (Action.EDIT_GUIDANCE).

A Prevent Coordinator may reword a vulnerability factor, a key question, an
influence or a type of concern, and retire or restore one. Entries are never
deleted: records made with them keep pointing at them, and a retired entry is
only left out of the form and the pages. The one exception: a type of concern
a coordinator added (types are data they can extend, concern_types.py) may
be deleted while no record uses it, for one added by mistake; one in use,
or an official category, is retired instead. Each service checks the policy, runs
in one transaction and records its audit event with before/after values."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, ProtectedError
from django.utils.text import slugify

from prevent.audit.services import changes_between, record_event
from prevent.core import clock
from prevent.core.versioning import save_versioned
from prevent.policy import Action, require

from .concern_types import is_official_concern_type
from .models import ConcernType, GuidanceEntry, Influence, KeyQuestion, VulnerabilityFactor
from .selectors import entry_uses

if TYPE_CHECKING:
    from prevent.accounts.models import User

# What each entry is called in messages and audit summaries.
ENTRY_NAMES: dict[type[GuidanceEntry], str] = {
    VulnerabilityFactor: "vulnerability factor",
    KeyQuestion: "key question",
    Influence: "influence",
    ConcernType: "type of concern",
}


def _locked[Entry: GuidanceEntry](entry: Entry) -> Entry:
    return type(entry).objects.select_for_update().get(pk=entry.pk)  # type: ignore[return-value]


def _clean_text(value: str, *, field: str, max_length: int | None, required: str, too_long: str) -> str:
    """One line of wording: runs of spaces and line breaks become one space."""
    value = " ".join(value.split())
    if not value:
        raise ValidationError({field: required})
    if max_length is not None and len(value) > max_length:
        raise ValidationError({field: too_long})
    return value


def _update[Entry: GuidanceEntry](
    *,
    actor: User,
    entry: Entry,
    values: dict[str, str],
    action: str,
    description: str,
    version: int | None = None,
) -> Entry:
    """Write changed wording and audit it; unchanged wording writes nothing.
    `version`: the one the form was loaded with; wording saved by someone
    else since raises EditConflict (prevent/core/versioning.py)."""
    with transaction.atomic():
        entry = _locked(entry)
        before: dict[str, Any] = {name: getattr(entry, name) for name in values}
        changes = changes_between(before, values)
        if not changes:
            return entry
        loaded = entry.version if version is None else version
        for name, value in values.items():
            setattr(entry, name, value)
        entry.full_clean()
        save_versioned(entry, loaded_version=loaded, values=values)
        record_event(
            actor=actor,
            action=action,
            summary=f"Reworded the {ENTRY_NAMES[type(entry)]} {description}",
            obj=entry,
            changes=changes,
        )
    return entry


def vulnerability_factor_update(
    *, actor: User, factor: VulnerabilityFactor, text: str, version: int | None = None
) -> VulnerabilityFactor:
    require(actor, Action.EDIT_GUIDANCE)
    text = _clean_text(
        text,
        field="text",
        max_length=VulnerabilityFactor._meta.get_field("text").max_length,
        required="Enter the wording of the vulnerability factor",
        too_long="The wording must be 500 characters or fewer",
    )
    return _update(
        actor=actor,
        entry=factor,
        values={"text": text},
        action="guidance_factor_changed",
        version=version,
        description=f"#{factor.pk} ({factor.area.name})",
    )


def key_question_update(
    *, actor: User, key_question: KeyQuestion, text: str, version: int | None = None
) -> KeyQuestion:
    require(actor, Action.EDIT_GUIDANCE)
    text = _clean_text(
        text,
        field="text",
        max_length=2000,
        required="Enter the wording of the key question",
        too_long="The wording must be 2000 characters or fewer",
    )
    return _update(
        actor=actor,
        entry=key_question,
        values={"text": text},
        action="guidance_key_question_changed",
        version=version,
        description=f"#{key_question.pk} ({key_question.area.name})",
    )


def influence_update(
    *, actor: User, influence: Influence, name: str, description: str, version: int | None = None
) -> Influence:
    require(actor, Action.EDIT_GUIDANCE)
    name = _clean_text(
        name,
        field="name",
        max_length=Influence._meta.get_field("name").max_length,
        required="Enter the name of the influence",
        too_long="The name must be 100 characters or fewer",
    )
    description = description.strip()
    if len(description) > 5000:
        raise ValidationError({"description": "The description must be 5000 characters or fewer"})
    return _update(
        actor=actor,
        entry=influence,
        values={"name": name, "description": description},
        action="guidance_influence_changed",
        version=version,
        description=f"'{influence.code}'",
    )


def concern_type_update(
    *, actor: User, concern_type: ConcernType, label: str, version: int | None = None
) -> ConcernType:
    require(actor, Action.EDIT_GUIDANCE)
    label = _concern_type_label(label)
    same = ConcernType.objects.filter(label__iexact=label).exclude(pk=concern_type.pk).first()
    if same is not None:
        raise ValidationError({"label": f"There is already a type of concern called '{same.label}'"})
    return _update(
        actor=actor,
        entry=concern_type,
        values={"label": label},
        action="guidance_concern_type_changed",
        version=version,
        description=f"'{concern_type.code}'",
    )


def _concern_type_label(label: str) -> str:
    return _clean_text(
        label,
        field="label",
        max_length=ConcernType._meta.get_field("label").max_length,
        required="Enter the name of the type of concern",
        too_long="The name must be 200 characters or fewer",
    )


def _unused_code(label: str) -> str:
    base = (slugify(label) or "type")[:50]
    taken = set(ConcernType.objects.filter(code__startswith=base).values_list("code", flat=True))
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    return code


def concern_type_add(*, actor: User, label: str) -> ConcernType:
    """A local type of concern, offered after the others. In the national
    return it counts as "Other"."""
    require(actor, Action.EDIT_GUIDANCE)
    label = _concern_type_label(label)
    with transaction.atomic():
        same = ConcernType.objects.filter(label__iexact=label).first()
        if same is not None:
            restore = " (retired): restore it instead" if same.retired_at else ""
            raise ValidationError(
                {"label": f"There is already a type of concern called '{same.label}'{restore}"}
            )
        last = ConcernType.objects.aggregate(last=Max("order"))["last"] or 0
        concern_type = ConcernType.objects.create(code=_unused_code(label), label=label, order=last + 10)
        record_event(
            actor=actor,
            action="guidance_concern_type_added",
            summary=f"Added the type of concern '{concern_type.code}'",
            obj=concern_type,
            changes={"label": {"before": None, "after": label}},
        )
    return concern_type


def concern_type_deletable(concern_type: ConcernType, uses: int) -> str:
    """Why this type of concern cannot be deleted ("" when it can)."""
    if is_official_concern_type(concern_type.code):
        return (
            f"'{concern_type.label}' is a category of the official Prevent statistics, so it cannot be "
            "deleted. Retire it if it should no longer be offered."
        )
    if uses:
        records = "1 record uses it" if uses == 1 else f"{uses} records use it"
        return (
            f"'{concern_type.label}' cannot be deleted because {records}. Retire it instead: it will "
            "no longer be offered, and the records keep it."
        )
    return ""


def concern_type_delete(*, actor: User, concern_type: ConcernType) -> None:
    """Delete a type of concern a coordinator added by mistake, while no
    record uses it. A type in use, or an official category, is refused
    with the reason (retire it instead); it is never deleted."""
    require(actor, Action.EDIT_GUIDANCE)
    with transaction.atomic():
        concern_type = _locked(concern_type)
        reason = concern_type_deletable(concern_type, entry_uses(concern_type))
        if reason:
            raise ValidationError(reason)
        record_event(
            actor=actor,
            action="guidance_concern_type_deleted",
            summary=f"Deleted the unused type of concern '{concern_type.code}'",
            obj=concern_type,
            changes={"label": {"before": concern_type.label, "after": None}},
        )
        try:
            with transaction.atomic():
                concern_type.delete()
        except (ProtectedError, IntegrityError) as error:  # a record took it meanwhile
            raise ValidationError(concern_type_deletable(concern_type, 1)) from error


def guidance_entry_retire[Entry: GuidanceEntry](*, actor: User, entry: Entry) -> Entry:
    """Leave the entry out of the form and the pages from now on. Records
    that already use it keep it."""
    require(actor, Action.EDIT_GUIDANCE)
    with transaction.atomic():
        entry = _locked(entry)
        if entry.retired_at is not None:
            raise ValidationError(f"This {ENTRY_NAMES[type(entry)]} is already retired")
        entry.retired_at = clock.now()
        entry.save(update_fields=["retired_at"])
        record_event(
            actor=actor,
            action="guidance_entry_retired",
            summary=f"Retired the {ENTRY_NAMES[type(entry)]} '{entry}'",
            obj=entry,
            changes={"retired_at": {"before": None, "after": entry.retired_at.isoformat()}},
        )
    return entry


def guidance_entry_restore[Entry: GuidanceEntry](*, actor: User, entry: Entry) -> Entry:
    require(actor, Action.EDIT_GUIDANCE)
    with transaction.atomic():
        entry = _locked(entry)
        if entry.retired_at is None:
            raise ValidationError(f"This {ENTRY_NAMES[type(entry)]} is not retired")
        retired_at = entry.retired_at
        entry.retired_at = None
        entry.save(update_fields=["retired_at"])
        record_event(
            actor=actor,
            action="guidance_entry_restored",
            summary=f"Restored the {ENTRY_NAMES[type(entry)]} '{entry}'",
            obj=entry,
            changes={"retired_at": {"before": retired_at.isoformat(), "after": None}},
        )
    return entry
