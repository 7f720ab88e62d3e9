"""A person's chronology: every record about them that the user may see,
from every domain, in time order. Each domain gives its own entries from its
own scoped reads (prevent.concerns.selectors.chronology,
prevent.channel.chronology.channel_chronology); this module only merges
them. One query per kind of record, whatever the number of records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.http import Http404
from django.utils import timezone

from prevent.channel.chronology import channel_chronology
from prevent.concerns.selectors import ChronologyEntry, chronology
from prevent.people.models import Person
from prevent.policy import Action, parse_pk, require

if TYPE_CHECKING:
    from prevent.accounts.models import User


@dataclass(frozen=True)
class PersonChronology:
    person: Person
    entries: list[ChronologyEntry]


def _moment(value: datetime | date) -> datetime:
    """Dates sort as the start of their day, in the service's time zone."""
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(datetime(value.year, value.month, value.day))


def merged(*parts: list[ChronologyEntry]) -> list[ChronologyEntry]:
    """The entries of every part in one list, oldest first (stable: entries
    at the same moment keep the order their domain gave them)."""
    entries = [entry for part in parts for entry in part]
    entries.sort(key=lambda entry: _moment(entry.when))
    return entries


def person_chronology(*, user: User, pk: object) -> PersonChronology:
    """The chronology of person `pk`, or 404 when the person does not exist
    or the user may see nothing about them (existence does not leak)."""
    person = Person.objects.filter(pk=parse_pk(pk)).first()
    if person is None:
        raise Http404
    result = PersonChronology(
        person=person,
        entries=merged(
            chronology(user=user, person=person),
            channel_chronology(user=user, person=person),
        ),
    )
    require(user, Action.VIEW_PERSON_CHRONOLOGY, result, hide=True)
    return result
