"""Who may do what with accounts, organisations and settings (the audit log: prevent/audit).

The engine (can, require, the rule registry, the Action type) is in
prevent/policy; each domain registers its own rules in its rules.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prevent.policy import Action, rule

from .roles import CASE_ROLES, Role

if TYPE_CHECKING:
    from .models import User


@rule(Action.VIEW_HOME)
def _view_home(user: User, obj: Any) -> bool:
    return True


@rule(Action.VIEW_OWN_ACCOUNT)
def _view_own_account(user: User, obj: Any) -> bool:
    return obj is None or obj == user


@rule(Action.MANAGE_USERS)
def _manage_users(user: User, obj: Any) -> bool:
    return user.has_role(Role.ADMINISTRATOR)


@rule(Action.CHANGE_USER_ROLES)
def _change_user_roles(user: User, obj: Any) -> bool:
    """Nobody changes their own roles. Roles in CASE_ROLES are only ever
    requested here; DECIDE_ROLE_GRANT_REQUEST says who may grant them."""
    if obj is None or obj.pk == user.pk:
        return False
    return user.has_role(Role.ADMINISTRATOR)


@rule(Action.VIEW_ROLE_GRANT_REQUESTS)
def _view_role_grant_requests(user: User, obj: Any) -> bool:
    """Administrators (who request) and anyone who may decide some request."""
    return user.has_role(Role.ADMINISTRATOR, *CASE_ROLES)


@rule(Action.DECIDE_ROLE_GRANT_REQUEST)
def _decide_role_grant_request(user: User, obj: Any) -> bool:
    """A second person: not the requester, not the person receiving the
    role, and someone who holds that role or is a Prevent Coordinator."""
    if obj is None:
        return False
    if obj.requested_by_id == user.pk:
        return False
    if obj.user_id == user.pk:
        return False
    return user.has_role(obj.role, Role.PREVENT_COORDINATOR)


@rule(Action.WITHDRAW_ROLE_GRANT_REQUEST)
def _withdraw_role_grant_request(user: User, obj: Any) -> bool:
    if obj is None:
        return False
    return obj.requested_by_id == user.pk or user.has_role(Role.ADMINISTRATOR)


@rule(Action.MANAGE_ORGANISATIONS)
def _manage_organisations(user: User, obj: Any) -> bool:
    return user.has_role(Role.ADMINISTRATOR)


@rule(Action.EDIT_LOCAL_AREA_SETTINGS)
def _edit_local_area_settings(user: User, obj: Any) -> bool:
    return user.has_role(Role.ADMINISTRATOR)


@rule(Action.VIEW_CASE_CONTENT)
def _view_case_content(user: User, obj: Any) -> bool:
    return bool(user.roles & CASE_ROLES)
