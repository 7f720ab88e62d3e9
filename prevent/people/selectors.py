"""Reads of person records, within what the user may see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from prevent.policy import Action, scoped

from .models import Person, normalise_address, normalise_name, normalise_postcode

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
