"""The home app's writes: the audit events of opening a person's chronology
and of downloading it as a PDF (reads of a person's record)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from prevent.audit.services import record_event
from prevent.policy import Action, require

if TYPE_CHECKING:
    from prevent.accounts.models import User

    from .chronology import PersonChronology


def _shown(chronology: PersonChronology) -> str:
    filters = chronology.filters
    if not filters.active:
        return f"{len(chronology.entries)} records across concerns and Channel"
    parts = []
    if filters.kinds:
        parts.append("kinds " + ", ".join(sorted(filters.kinds)))
    if filters.since:
        parts.append(f"from {filters.since.isoformat()}")
    if filters.until:
        parts.append(f"to {filters.until.isoformat()}")
    return f"{len(chronology.entries)} of {chronology.total} records; filtered by {'; '.join(parts)}"


def person_chronology_viewed(*, actor: User, chronology: PersonChronology) -> None:
    """Record that the actor opened the person's chronology (a read of a
    person's record). The summary names the record by its id only."""
    require(actor, Action.VIEW_PERSON_CHRONOLOGY, chronology, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="person_chronology_viewed",
            summary=f"Viewed the chronology of person {chronology.person.pk} ({_shown(chronology)})",
            obj=chronology.person,
        )


def person_chronology_exported(*, actor: User, chronology: PersonChronology) -> None:
    """Record that the actor downloaded the person's chronology as a PDF
    (an export of a person's record), before the file is sent."""
    require(actor, Action.VIEW_PERSON_CHRONOLOGY, chronology, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="person_chronology_exported",
            summary=f"Downloaded the chronology of person {chronology.person.pk} as a PDF "
            f"({_shown(chronology)})",
            obj=chronology.person,
        )
