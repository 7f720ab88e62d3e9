"""Reads of person records, within what the user may see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from prevent.policy import Action, scoped

from .models import Person, PersonMerge, normalise_address, normalise_name, normalise_postcode

if TYPE_CHECKING:
    from prevent.accounts.models import User


def people_visible_to(user: User, action: Action = Action.VIEW_PERSON) -> QuerySet[Person]:
    return scoped(user, action, Person.objects.all())


def _similar_names(a: str, b: str) -> bool:
    a, b = normalise_name(a), normalise_name(b)
    if not a or not b:
        return False
    if a == b:
        return True
    ta, tb = a.split(), b.split()
    # Same family name and same first initial ("Sam Smith" / "Samuel Smith").
    return ta[-1] == tb[-1] and ta[0][0] == tb[0][0]


def _names_of(name: str, other_names: str) -> list[str]:
    names = [name]
    names.extend(n for n in other_names.replace(";", ",").split(",") if n.strip())
    return names


def possible_matches(*, user: User, person: Person, action: Action = Action.LINK_PERSON) -> list[Person]:
    """Other people within the user's scope for `action` who may be
    `person`: same date of birth and a similar name or other name, or the
    same address and postcode. Two queries whatever the data size
    (candidates are found by indexed columns first)."""
    dob = person.date_of_birth
    postcode = normalise_postcode(person.postcode)
    address = normalise_address(person.address)[:300]
    candidate_q = Q(pk__in=[])
    if dob:
        candidate_q |= Q(date_of_birth=dob)
    if postcode and address:
        candidate_q |= Q(postcode_key=postcode, address_key=address)
    candidates = people_visible_to(user, action).filter(candidate_q).exclude(pk=person.pk)[:50]
    mine = _names_of(person.full_name, person.other_names)
    matches = []
    for candidate in candidates:
        theirs = _names_of(candidate.full_name, candidate.other_names)
        same_address = bool(postcode and address and candidate.postcode_key == postcode)
        same_address = same_address and candidate.address_key == address
        similar = dob is not None and candidate.date_of_birth == dob
        similar = similar and any(_similar_names(a, b) for a in mine for b in theirs)
        if same_address or similar:
            matches.append(candidate)
    return matches


def people_list(
    *, user: User, name: str = "", year_of_birth: int | None = None, open_only: bool = False
) -> QuerySet[Person]:
    """The people list: everyone the user may see, by name, filtered."""
    from .matching import canonical
    from .records import with_open_records

    people = people_visible_to(user)
    for word in canonical(name).split():
        people = people.filter(search_text__contains=word)
    if year_of_birth:
        people = people.filter(date_of_birth__year=year_of_birth)
    if open_only:
        people = people.filter(with_open_records(user))
    return people.order_by("full_name", "pk")


DUPLICATE_SCORE = 85.0


def possible_duplicates(*, user: User, limit: int = 100) -> list[tuple[Person, Person, float]]:
    """Pairs of people the user may merge who share a date of birth and
    have a similar name or other name (rapidfuzz, with transliterations and
    diacritics folded: matching.score both ways). Two queries: the dates of
    birth shared by more than one person, then those people."""
    from django.db.models import Count

    from .matching import score, split_names

    mergeable = people_visible_to(user, Action.MERGE_PEOPLE).filter(date_of_birth__isnull=False)
    shared = mergeable.values("date_of_birth").annotate(n=Count("pk")).filter(n__gt=1).values("date_of_birth")
    groups: dict[object, list[Person]] = {}
    for person in mergeable.filter(date_of_birth__in=shared).order_by("date_of_birth", "pk")[: limit * 10]:
        groups.setdefault(person.date_of_birth, []).append(person)
    pairs: list[tuple[Person, Person, float]] = []
    for group in groups.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                a_names, b_names = (
                    split_names(a.full_name, a.other_names),
                    split_names(b.full_name, b.other_names),
                )
                similar = max(score(n, b_names, b.phonetic_keys) for n in a_names)
                similar = min(similar, max(score(n, a_names, a.phonetic_keys) for n in b_names))
                if similar >= DUPLICATE_SCORE:
                    pairs.append((a, b, similar))
    pairs.sort(key=lambda t: (-t[2], t[0].pk, t[1].pk))
    return pairs[:limit]


def person_merges(*, user: User) -> QuerySet[PersonMerge]:
    """Merges the user may undo, newest first."""
    return scoped(
        user, Action.UNDO_PERSON_MERGE, PersonMerge.objects.select_related("kept", "merged", "merged_by")
    )
