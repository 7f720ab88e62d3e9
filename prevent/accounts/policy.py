"""The one place that answers "may this user do this (to this object)?".

Views and services ask `can()` or `require()`; nothing else decides access.
Rules are one function per action, one condition per line, and fail closed:
an action with no rule is refused.

Access to a person's record outside the user's scope answers 404 (not 403)
so that its existence does not leak: use `require(..., hide=True)`.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .roles import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from .models import User


class Action(StrEnum):
    VIEW_HOME = "view_home"
    VIEW_OWN_ACCOUNT = "view_own_account"
    MANAGE_USERS = "manage_users"
    MANAGE_ORGANISATIONS = "manage_organisations"
    EDIT_LOCAL_AREA_SETTINGS = "edit_local_area_settings"
    VIEW_AUDIT_LOG = "view_audit_log"
    # Case content (concerns, referrals, Channel cases). Object-level rules
    # arrive with the issues that build those records; until then only the
    # roles that may ever see case content pass the role gate.
    VIEW_CASE_CONTENT = "view_case_content"


CASE_ROLES = frozenset(
    {
        Role.PRACTITIONER,
        Role.SPOC,
        Role.PREVENT_COORDINATOR,
        Role.POLICE_PREVENT_OFFICER,
        Role.CHANNEL_CHAIR,
        Role.CHANNEL_MEMBER,
    }
)

Rule = Callable[["User", Any], bool]
_RULES: dict[Action, Rule] = {}


def rule(action: Action) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        _RULES[action] = fn
        return fn

    return register


def _signed_in(user: User | AnonymousUser | None) -> bool:
    return user is not None and user.is_authenticated and user.is_active


@rule(Action.VIEW_HOME)
def _view_home(user: User, obj: Any) -> bool:
    return True


@rule(Action.VIEW_OWN_ACCOUNT)
def _view_own_account(user: User, obj: Any) -> bool:
    return obj is None or obj == user


@rule(Action.MANAGE_USERS)
def _manage_users(user: User, obj: Any) -> bool:
    return user.has_role(Role.ADMINISTRATOR)


@rule(Action.MANAGE_ORGANISATIONS)
def _manage_organisations(user: User, obj: Any) -> bool:
    return user.has_role(Role.ADMINISTRATOR)


@rule(Action.EDIT_LOCAL_AREA_SETTINGS)
def _edit_local_area_settings(user: User, obj: Any) -> bool:
    return user.has_role(Role.ADMINISTRATOR)


@rule(Action.VIEW_AUDIT_LOG)
def _view_audit_log(user: User, obj: Any) -> bool:
    return user.has_role(Role.PREVENT_COORDINATOR)


@rule(Action.VIEW_CASE_CONTENT)
def _view_case_content(user: User, obj: Any) -> bool:
    return bool(user.roles & CASE_ROLES)


def can(user: User | AnonymousUser | None, action: Action, obj: Any = None) -> bool:
    if not _signed_in(user):
        return False
    check = _RULES.get(action)
    if check is None:
        return False
    return bool(check(user, obj))  # type: ignore[arg-type]


def require(
    user: User | AnonymousUser | None, action: Action, obj: Any = None, *, hide: bool = False
) -> None:
    """Raise unless the user may: 404 when `hide` (records about people), else 403."""
    if can(user, action, obj):
        return
    if hide:
        raise Http404
    raise PermissionDenied
