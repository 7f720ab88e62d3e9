"""Who may do what with retention, disposal, subject access and access
history: Prevent Coordinators, the partnership's data protection leads;
everyone signed in sees their own access history. A person's export and
the list of who looked need the person visible too (404 otherwise)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prevent.accounts.roles import Role
from prevent.people.rules import access_person
from prevent.policy import Action, can, require, rule

if TYPE_CHECKING:
    from prevent.accounts.models import User
    from prevent.people.models import Person
    from prevent.policy.engine import AnyUser


def _coordinator(user: User) -> bool:
    return user.has_role(Role.PREVENT_COORDINATOR)


@rule(Action.MANAGE_RETENTION)
def _manage_retention(user: User, obj: None) -> bool:
    return _coordinator(user)


@rule(Action.REVIEW_RETENTION)
def _review_retention(user: User, obj: None) -> bool:
    return _coordinator(user)


@rule(Action.EXPORT_SUBJECT_ACCESS)
def _export_subject_access(user: User, obj: Person | None) -> bool:
    return _coordinator(user) and (obj is None or can(user, Action.VIEW_PERSON, obj))


@rule(Action.VIEW_PERSON_ACCESS)
def _view_person_access(user: User, obj: Person | None) -> bool:
    return _coordinator(user) and (obj is None or can(user, Action.VIEW_PERSON, obj))


@rule(Action.VIEW_OWN_ACCESS_HISTORY)
def _view_own_access_history(user: User, obj: None) -> bool:
    return True


def access_person_for(user: AnyUser, pk: object, action: Action) -> Person:
    """The person, if the user may see them and do `action`; 404 otherwise
    (whether the record exists is not told)."""
    # access_person refuses anyone not signed in.
    person = access_person(user, pk)  # type: ignore[arg-type]
    require(user, action, person, hide=True)
    return person
