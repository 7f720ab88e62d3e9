"""The home app's one write: the audit event of opening a person's chronology."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from prevent.audit.services import record_event
from prevent.policy import Action, require

if TYPE_CHECKING:
    from prevent.accounts.models import User

    from .chronology import PersonChronology


def person_chronology_viewed(*, actor: User, chronology: PersonChronology) -> None:
    """Record that the actor opened the person's chronology (a read of a
    person's record). The summary names the record by its id only."""
    require(actor, Action.VIEW_PERSON_CHRONOLOGY, chronology, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="person_chronology_viewed",
            summary=f"Viewed the chronology of person {chronology.person.pk} "
            f"({len(chronology.entries)} records across concerns and Channel)",
            obj=chronology.person,
        )
