"""Reads that are audited: pages that show a person's details."""

from __future__ import annotations

from django.db import transaction

from prevent.accounts.models import User
from prevent.audit.services import record_event
from prevent.people.models import Person
from prevent.policy import Action, require

from ..models import Concern, ConcernAttachment


def concern_viewed(*, actor: User, concern: Concern) -> None:
    require(actor, Action.VIEW_CONCERN, concern, hide=True)
    with transaction.atomic():
        record_event(actor=actor, action="concern_viewed", summary=f"Viewed concern {concern}", obj=concern)


def concern_draft_viewed(*, actor: User, concern: Concern, page: str) -> None:
    """A page of the user's own draft that shows the person's details (the
    person step, check your answers)."""
    require(actor, Action.EDIT_CONCERN_DRAFT, concern, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="concern_draft_viewed",
            summary=f"Viewed {page} of draft concern {concern.pk}",
            obj=concern,
        )


def person_matches_viewed(*, actor: User, concern: Concern, matches: list[Person]) -> None:
    """The link-person page: the person the concern names and the person
    records that may be the same person."""
    require(actor, Action.LINK_CONCERN_PERSON, concern, hide=True)
    ids = ", ".join(str(p.pk) for p in matches) or "none"
    with transaction.atomic():
        record_event(
            actor=actor,
            action="person_matches_viewed",
            summary=f"Viewed the possible person records for concern {concern} (persons: {ids})",
            obj=concern,
        )


def attachment_downloaded(*, actor: User, attachment: ConcernAttachment) -> None:
    require(actor, Action.VIEW_CONCERN, attachment.concern, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="concern_attachment_downloaded",
            summary=f"Downloaded attachment {attachment.pk} of concern {attachment.concern}",
            obj=attachment,
        )


def person_viewed(*, actor: User, person: Person) -> None:
    require(actor, Action.VIEW_PERSON, person, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="person_viewed",
            summary=f"Viewed the chronology of person {person.pk}",
            obj=person,
        )


def concern_list_viewed(*, actor: User, concerns: list[Concern], page: str) -> None:
    """A list that shows each person's name (the organisation's concerns,
    the triage queue): one audited read per page view, naming the concerns
    shown by reference (no personal data), after access is granted."""
    require(actor, Action.VIEW_TRIAGE_QUEUE)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="concern_list_viewed",
            summary=f"Viewed {page} ({len(concerns)} shown)",
            object_type=Concern._meta.label_lower,
            changes={"concerns_shown": {"before": None, "after": [c.label for c in concerns]}},
        )


def own_concerns_viewed(*, actor: User, concerns: list[Concern]) -> None:
    """ "Your concerns" names the person of each of the user's own drafts (to
    tell drafts apart): one audited read per page view when it does."""
    require(actor, Action.RECORD_CONCERN)
    named = [c for c in concerns if c.is_draft and c.person_name]
    if not named:
        return
    with transaction.atomic():
        record_event(
            actor=actor,
            action="concern_list_viewed",
            summary=f"Viewed their own concerns ({len(named)} draft(s) named)",
            object_type=Concern._meta.label_lower,
            changes={"drafts_shown": {"before": None, "after": [c.pk for c in named]}},
        )
