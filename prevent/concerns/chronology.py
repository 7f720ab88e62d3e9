"""Concerns' entries on a person's chronology: the concern recorded, the
SPOC's questions and the practitioner's answers, addenda, triage decisions,
referrals and what happened to them.

Only concerns the user may see contribute (`visible_concerns_q`, the scope
of VIEW_CONCERN), so every entry links to a page the reader may open. A
fixed number of queries (one per kind of record) whatever the number of
records. The entry shape (`ChronologyEntry`) is shared by every domain's
chronology; prevent/home/chronology.py merges them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

# The one GOV.UK date and time formatter, re-exported for the chronologies.
from prevent.core.templatetags.govuk_time import govuk_moment as govuk_moment
from prevent.policy import Action, can, scoped

from .models import (
    Concern,
    ConcernAddendum,
    ConcernStatus,
    InformationRequest,
    Referral,
    ReferralStatus,
    ReferralUpdate,
    TriageDecision,
)
from .rules import visible_concerns_q

if TYPE_CHECKING:
    from prevent.accounts.models import User
    from prevent.people.models import Person


# The kinds of entry this domain gives, in the order of the path, with the
# name the chronology's filter shows.
KINDS: dict[str, str] = {
    "concern": "Concern recorded",
    "question": "Questions and answers",
    "addendum": "Addenda",
    "triage": "Triage decisions",
    "referral": "Referrals and their outcomes",
}


@dataclass(frozen=True)
class ChronologyEntry:
    """One thing that happened, as the chronology shows it.

    `kind` is a key of a domain's KINDS (the filter); `title` names the
    event ("Question asked"); `text` says what happened in words the reader
    may see; `who` the person who did it; `href` the record's page, or ""
    when the reader may not open it; `reference` the record's reference."""

    when: datetime | date
    kind: str
    title: str
    text: str
    href: str
    reference: str
    who: str = ""
    # When the record of a day (`when` a date) was made, if that day: it
    # places the entry among the others of its day.
    made_at: datetime | None = None

    @property
    def when_text(self) -> str:
        return govuk_moment(self.when)

    @property
    def moment(self) -> datetime:
        """For sorting: a date is the moment its record was made that day,
        or else the start of the day (service time zone)."""
        value = self.when
        made = self.made_at
        if not isinstance(value, datetime) and made is not None and timezone.localdate(made) == value:
            return made
        if isinstance(value, datetime):
            return value if timezone.is_aware(value) else timezone.make_aware(value)
        return timezone.make_aware(datetime(value.year, value.month, value.day))


def _short(text: str, words: int = 25) -> str:
    return Truncator(" ".join(text.split())).words(words)


def _name(user: object) -> str:
    return str(getattr(user, "full_name", "") or "")


def chronology(*, user: User, person: Person) -> list[ChronologyEntry]:
    """Every visible concern of the person (drafts left out) with its
    questions and answers, addenda, decisions, referrals and referral
    updates, oldest first. Six queries, whatever the number of records."""
    scope = visible_concerns_q(user, "concern__")
    entries: list[ChronologyEntry] = []
    concerns = (
        scoped(user, Action.VIEW_CONCERN, Concern.objects.all())
        .filter(person=person)
        .exclude(status=ConcernStatus.DRAFT)
        .select_related("organisation", "raised_by", "concern_type")
    )
    page: dict[int, str] = {}
    for c in concerns:
        # They come from VIEW_CONCERN's scope; the rule is asked too (it
        # reads only the concern: no query).
        page[c.pk] = reverse("concerns:detail", args=[c.pk]) if can(user, Action.VIEW_CONCERN, c) else ""
        kind = f" ({c.concern_type.label})" if c.concern_type else ""
        closed = (
            ". Closed with no further action" if c.status == ConcernStatus.CLOSED_NO_FURTHER_ACTION else ""
        )
        entries.append(
            ChronologyEntry(
                c.submitted_at or c.created_at,
                "concern",
                "Concern recorded",
                f"Concern{kind} recorded by {c.organisation.name}{closed}",
                page[c.pk],
                c.label,
                _name(c.raised_by),
            )
        )

    def href(concern_id: int, anchor: str) -> str:
        return page[concern_id] + anchor if page.get(concern_id) else ""

    questions = InformationRequest.objects.filter(scope, concern__person=person).select_related(
        "concern", "asked_by", "answered_by"
    )
    for q in questions:
        link, label = href(q.concern_id, f"#request-{q.pk}"), q.concern.label
        entries.append(
            ChronologyEntry(
                q.asked_at,
                "question",
                "Question asked",
                f"The SPOC asked for more information: {_short(q.question)}",
                link,
                label,
                _name(q.asked_by),
            )
        )
        if q.answered_at:
            entries.append(
                ChronologyEntry(
                    q.answered_at,
                    "question",
                    "Question answered",
                    f"The practitioner answered: {_short(q.answer)}",
                    link,
                    label,
                    _name(q.answered_by),
                )
            )
    addenda = ConcernAddendum.objects.filter(scope, concern__person=person).select_related(
        "concern", "added_by"
    )
    for a in addenda:
        entries.append(
            ChronologyEntry(
                a.added_at,
                "addendum",
                "Addendum added",
                f"Addendum to the concern: {_short(a.text)}",
                href(a.concern_id, f"#addendum-{a.pk}"),
                a.concern.label,
                _name(a.added_by),
            )
        )
    decisions = TriageDecision.objects.filter(scope, concern__person=person).select_related(
        "concern", "decided_by"
    )
    for d in decisions:
        entries.append(
            ChronologyEntry(
                d.decided_at,
                "triage",
                "Triage decision",
                f"SPOC decision: Prevent pyramid level {d.pyramid_level}",
                href(d.concern_id, f"#decision-{d.pk}"),
                d.concern.label,
                _name(d.decided_by),
            )
        )
    referrals = Referral.objects.filter(scope, concern__person=person).select_related("concern", "created_by")
    for r in referrals:
        to = r.get_destination_display() + (f": {r.destination_detail}" if r.destination_detail else "")
        entries.append(
            ChronologyEntry(
                r.sent_on,
                "referral",
                "Referral sent",
                f"Referred to {to}",
                href(r.concern_id, f"#referral-{r.pk}"),
                r.concern.label,
                _name(r.created_by),
                r.created_at,
            )
        )
    updates = ReferralUpdate.objects.filter(
        visible_concerns_q(user, "referral__concern__"), referral__concern__person=person
    ).select_related("referral__concern", "changed_by")
    for u in updates:
        r = u.referral
        outcome = u.to_status == ReferralStatus.OUTCOME_RECEIVED
        text = f"{r.get_destination_display()}: {u.get_to_status_display().lower()}"
        if outcome and r.outcome:
            text += f": {_short(r.outcome)}"
        entries.append(
            ChronologyEntry(
                u.changed_at,
                "referral",
                "Referral outcome" if outcome else "Referral update",
                text,
                href(r.concern_id, f"#referral-{r.pk}"),
                r.concern.label,
                _name(u.changed_by),
            )
        )
    entries.sort(key=lambda e: e.moment)
    return entries
