"""Who may see, create, update and link person records.

A person is visible to a user when a record about them is: each domain that
holds records about people (concerns, Channel) registers, in its own
rules.py, a `(user) -> Q` on Person with `@person_visible_through`. The
people app imports no domain; VIEW_PERSON's scope is the union of what the
domains registered, and its rule asks that scope about the one person, so
the two cannot drift."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db.models import Q

from prevent.accounts.roles import CASE_ROLES, Role
from prevent.policy import Action, access, can, rule, scope

from .models import Person, PersonMerge

if TYPE_CHECKING:
    from prevent.accounts.models import User

PersonScope = Callable[["User"], Q]

_VISIBLE_THROUGH: list[PersonScope] = []

# The roles that decide about people once a concern has reached them:
# they may correct a person's details and link a record to a person.
PERSON_DECIDERS = (Role.SPOC, Role.PREVENT_COORDINATOR, Role.POLICE_PREVENT_OFFICER)


def person_visible_through(fn: PersonScope) -> PersonScope:
    """Register the people a domain's records make visible to a user."""
    if fn not in _VISIBLE_THROUGH:
        _VISIBLE_THROUGH.append(fn)
    return fn


def _visible(user: User) -> Q:
    q = Q(pk__in=[])
    for through in _VISIBLE_THROUGH:
        q |= through(user)
    # A record merged into another has no records left: it is found as the
    # person it was merged into.
    return q & Q(merged_into__isnull=True)


def _in(q: Q, person: Person | None) -> bool:
    return person is not None and person.pk is not None and Person.objects.filter(q, pk=person.pk).exists()


@scope(Action.VIEW_PERSON, "people.Person")
def _view_person_scope(user: User) -> Q:
    return _visible(user)


@rule(Action.VIEW_PERSON)
def _view_person(user: User, obj: Person | None) -> bool:
    return _in(_visible(user), obj)


@rule(Action.CREATE_PERSON)
def _create_person(user: User, obj: None) -> bool:
    """Whoever may record something that is about a new person."""
    return can(user, Action.RECORD_CONCERN) or can(user, Action.LOG_EXTERNAL_REFERRAL)


def _decider(user: User) -> bool:
    return user.has_role(*PERSON_DECIDERS)


@scope(Action.UPDATE_PERSON, "people.Person")
def _update_person_scope(user: User) -> Q:
    return _visible(user) if _decider(user) else Q(pk__in=[])


@rule(Action.UPDATE_PERSON)
def _update_person(user: User, obj: Person | None) -> bool:
    return _decider(user) and _in(_visible(user), obj)


@scope(Action.LINK_PERSON, "people.Person")
def _link_person_scope(user: User) -> Q:
    return _visible(user) if _decider(user) else Q(pk__in=[])


@rule(Action.LINK_PERSON)
def _link_person(user: User, obj: Person | None) -> bool:
    """obj: the existing person record another record is linked to. The
    record's own domain decides, with its own action, who may re-link it
    (see services.person_link)."""
    return _decider(user) and _in(_visible(user), obj)


# People search and list (issue 10).

# The roles that merge two person records found to be one person.
PERSON_MERGERS = (Role.SPOC, Role.PREVENT_COORDINATOR)


@rule(Action.FIND_PEOPLE)
def _find_people(user: User, obj: None) -> bool:
    """The search box and the people list: every case role (each sees only
    the people its records make visible)."""
    return user.has_role(*CASE_ROLES)


def _merger(user: User) -> bool:
    return user.has_role(*PERSON_MERGERS)


@scope(Action.MERGE_PEOPLE, "people.Person")
def _merge_people_scope(user: User) -> Q:
    return _visible(user) if _merger(user) else Q(pk__in=[])


@rule(Action.MERGE_PEOPLE)
def _merge_people(user: User, obj: Person | None) -> bool:
    """Without obj: the possible duplicates page. With obj: a person the
    user may merge (SPOC or coordinator who sees them)."""
    if obj is None:
        return _merger(user)
    return _merger(user) and _in(_visible(user), obj)


@scope(Action.UNDO_PERSON_MERGE, "people.PersonMerge")
def _undo_person_merge_scope(user: User) -> Q:
    if not _merger(user):
        return Q(pk__in=[])
    return Q(undone_at__isnull=True, kept__in=Person.objects.filter(_visible(user)))


@rule(Action.UNDO_PERSON_MERGE)
def _undo_person_merge(user: User, obj: PersonMerge | None) -> bool:
    """A merge not yet undone, of a person the user may merge."""
    if obj is None or obj.undone_at is not None:
        return False
    return _merger(user) and Person.objects.filter(_visible(user), pk=obj.kept_id).exists()


def access_person(user: User, pk: object, action: Action = Action.VIEW_PERSON) -> Person:
    """The person `pk` if the user may (404 when missing or out of scope)."""
    return access(user, action, pk, Person.objects.all())


def access_merge(user: User, pk: object) -> PersonMerge:
    """The merge `pk` if the user may undo it (404 otherwise)."""
    return access(user, Action.UNDO_PERSON_MERGE, pk, PersonMerge.objects.select_related("kept", "merged"))
