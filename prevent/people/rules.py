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
from django.http import Http404

from prevent.accounts.roles import CASE_ROLES, Role
from prevent.core import clock
from prevent.policy import Action, access, can, guard, parse_pk, rule, scope

from .models import BreakGlassAccess, Person, PersonMerge, PersonRestriction

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


# Restricted records (issue 14, ADR 0017).
#
# A restricted person, and every record about them, is out of scope for
# everyone but the users the coordinator named and those holding an active
# break-glass access. The rule is one function here (`hidden_people`); each
# domain names, in its rules.py, how its models reach a person
# (`restricted_through("concerns.Referral", "concern__person")`), and the
# policy engine adds the condition to every scope on that model and every
# rule asked about one of its records (prevent/policy/engine.py `guard`), so
# the 404 is the same as for any record out of scope.

_generation = 0


def restrictions_changed() -> None:
    """Called by the services that restrict, name users or break glass: a
    user object already asked (in this process) asks again."""
    global _generation
    _generation += 1


def hidden_people(user: User) -> frozenset[int]:
    """The restricted people this user may not see now. Kept on the user
    object (one request) until a restriction changes or a break-glass
    access it counted expires: one query, two when a restriction exists."""
    now = clock.now()
    memo = getattr(user, "_prevent_hidden_people", None)
    if memo is not None and memo[0] == _generation and (memo[1] is None or now < memo[1]):
        return memo[2]
    restricted = set(
        PersonRestriction.objects.exclude(allowed_users=user.pk).values_list("person_id", flat=True)
    )
    until = None
    if restricted:
        glass = BreakGlassAccess.objects.filter(
            user=user.pk, person_id__in=restricted, granted_at__lte=now, expires_at__gt=now
        ).values_list("person_id", "expires_at")
        for person_id, expires_at in glass:
            restricted.discard(person_id)
            until = expires_at if until is None else min(until, expires_at)
    hidden = frozenset(restricted)
    setattr(user, "_prevent_hidden_people", (_generation, until, hidden))  # noqa: B010 - a memo, not a field
    return hidden


def _person_id(obj: object, path: str) -> int | None:
    if path == "pk":
        return getattr(obj, "pk", None)
    *through, last = path.split("__")
    for name in through:
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id", None)


def unrestricted_q(user: User, path: str = "person") -> Q:
    """Records whose person (at `path`) is not hidden from the user: for a
    domain's read that does not go through `scoped()` (the same condition
    the guards add)."""
    hidden = hidden_people(user)
    if not hidden:
        return Q()
    return ~Q(**{f"{path}__in": sorted(hidden)})


def restricted_through(model_label: str, path: str = "person") -> None:
    """Records of `model_label` are about the person at `path` ("pk" for a
    Person itself): hidden, for every action, when that person is hidden
    from the user."""

    def q(user: User) -> Q:
        return unrestricted_q(user, path)

    def check(user: User, obj: object) -> bool:
        hidden = hidden_people(user)
        return not hidden or _person_id(obj, path) not in hidden

    q.__qualname__ = check.__qualname__ = f"restricted_through({model_label!r}, {path!r})"
    guard(model_label, q=q, check=check)


restricted_through("people.Person", "pk")
restricted_through("people.PersonMerge", "kept")


def restricted_but_visible_by_role(user: User) -> Q:
    """People hidden from the user whose role would otherwise see them: the
    ones search tells about ("a restricted record exists") and the ones the
    user may break glass to see."""
    hidden = hidden_people(user)
    if not hidden:
        return Q(pk__in=[])
    return _visible(user) & Q(pk__in=sorted(hidden))


@scope(Action.RESTRICT_PERSON, "people.Person")
def _restrict_person_scope(user: User) -> Q:
    return _visible(user) if user.has_role(Role.PREVENT_COORDINATOR) else Q(pk__in=[])


@rule(Action.RESTRICT_PERSON)
def _restrict_person(user: User, obj: Person | None) -> bool:
    """A Prevent Coordinator who may see the person (named, or through
    break-glass once it is restricted)."""
    return user.has_role(Role.PREVENT_COORDINATOR) and _in(_visible(user), obj)


@rule(Action.BREAK_GLASS)
def _break_glass(user: User, obj: PersonRestriction | None) -> bool:
    """obj: a restriction. Only a user whose role would see the person, and
    from whom the person is hidden."""
    if not isinstance(obj, PersonRestriction) or obj.person_id not in hidden_people(user):
        return False
    return Person.objects.filter(_visible(user), pk=obj.person_id).exists()


@rule(Action.VIEW_BREAK_GLASS_REPORT)
def _view_break_glass_report(user: User, obj: None) -> bool:
    return user.has_role(Role.PREVENT_COORDINATOR)


def access_restriction(user: User, person_pk: object) -> PersonRestriction:
    """The restriction of person `person_pk` if the user may break glass
    to see them (404 otherwise: missing, not restricted, or not a person
    their role would see)."""
    restriction = (
        PersonRestriction.objects.filter(person_id=parse_pk(person_pk)).select_related("person").first()
    )
    if restriction is None or not can(user, Action.BREAK_GLASS, restriction):
        raise Http404
    return restriction


def access_person(user: User, pk: object, action: Action = Action.VIEW_PERSON) -> Person:
    """The person `pk` if the user may (404 when missing or out of scope)."""
    return access(user, action, pk, Person.objects.all())


def access_merge(user: User, pk: object) -> PersonMerge:
    """The merge `pk` if the user may undo it (404 otherwise)."""
    return access(user, Action.UNDO_PERSON_MERGE, pk, PersonMerge.objects.select_related("kept", "merged"))
