"""A person's chronology: every record about them that the user may see,
from every domain, in time order, filtered by kind and date.

Each domain gives its own entries from its own scoped reads, in the entry
shape of prevent/concerns/chronology.py, and names its kinds (KINDS); this
module only lists the sources, merges them and filters. Home may import
every domain, so the sources are listed here rather than registered. A fixed
number of queries per source, whatever the number of records."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.http import Http404
from django.utils import timezone

from prevent.channel import chronology as channel
from prevent.concerns import chronology as concerns
from prevent.concerns.chronology import ChronologyEntry
from prevent.people.models import Person
from prevent.policy import Action, parse_pk, require

if TYPE_CHECKING:
    from prevent.accounts.models import User

Source = Callable[..., list[ChronologyEntry]]

# (kinds, entries) of each domain, in the order of the path.
SOURCES: tuple[tuple[dict[str, str], Source], ...] = (
    (concerns.KINDS, concerns.chronology),
    (channel.KINDS, channel.channel_chronology),
)

KINDS: dict[str, str] = {key: label for kinds, _ in SOURCES for key, label in kinds.items()}


@dataclass(frozen=True)
class Filters:
    """Which entries to show: kinds (none chosen means every kind) and an
    inclusive date range (either end may be open)."""

    kinds: frozenset[str] = frozenset()
    since: date | None = None
    until: date | None = None

    @property
    def active(self) -> bool:
        return bool(self.kinds or self.since or self.until)

    def keep(self, entry: ChronologyEntry) -> bool:
        if self.kinds and entry.kind not in self.kinds:
            return False
        day = timezone.localdate(entry.moment)
        if self.since and day < self.since:
            return False
        return not (self.until and day > self.until)


@dataclass(frozen=True)
class PersonChronology:
    person: Person
    entries: list[ChronologyEntry]
    # How many entries the user may see before filtering.
    total: int = 0
    filters: Filters = field(default_factory=Filters)


def merged(*parts: list[ChronologyEntry]) -> list[ChronologyEntry]:
    """The entries of every part in one list, oldest first (stable: entries
    at the same moment keep the order their domain gave them)."""
    entries = [entry for part in parts for entry in part]
    entries.sort(key=lambda entry: entry.moment)
    return entries


def person_chronology(*, user: User, pk: object, filters: Filters | None = None) -> PersonChronology:
    """The chronology of person `pk`, or 404 when the person does not exist
    or the user may see nothing about them (existence does not leak, and a
    filter that leaves nothing does not turn a visible person into 404)."""
    person = Person.objects.filter(pk=parse_pk(pk)).first()
    if person is None:
        raise Http404
    everything = merged(*(entries(user=user, person=person) for _, entries in SOURCES))
    seen = PersonChronology(person=person, entries=everything, total=len(everything))
    require(user, Action.VIEW_PERSON_CHRONOLOGY, seen, hide=True)
    filters = filters or Filters()
    return PersonChronology(
        person=person,
        entries=[e for e in everything if filters.keep(e)],
        total=len(everything),
        filters=filters,
    )
