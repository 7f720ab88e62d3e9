"""Who may do what with accounts and roles (ADR 0007).

The engine (can, require, the rule registry, the Action type) is in
prevent/policy; each domain registers its own rules in its rules.py.
Organisations and local area settings: prevent/core/rules.py. The home
page: prevent/home/rules.py. The audit log: prevent/audit."""

from __future__ import annotations

from django.db.models import Q

from prevent.policy import Action, access, require, rule, scope

from .models import RoleGrantRequest, User
from .roles import CASE_ROLES, Role

_NONE = Q(pk__in=[])


def is_administrator(user: User) -> bool:
    return user.has_role(Role.ADMINISTRATOR)


def holds_case_role(user: User) -> bool:
    """Whether the user holds a role that sees case content (ADR 0007)."""
    return user.has_role(*CASE_ROLES)


@rule(Action.VIEW_OWN_ACCOUNT)
def _view_own_account(user: User, obj: User | None) -> bool:
    return obj is None or obj.pk == user.pk


# Users (administrators' pages) ---------------------------------------------


@rule(Action.MANAGE_USERS)
def _manage_users(user: User, obj: User | None) -> bool:
    return is_administrator(user)


@scope(Action.MANAGE_USERS, "accounts.User")
def _users_managed(user: User) -> Q:
    return Q() if is_administrator(user) else _NONE


def access_user(user: User, pk: object, action: Action = Action.MANAGE_USERS) -> User:
    """One user an administrator manages, joined for the user pages, else 404."""
    users = User.objects.select_related("organisation").prefetch_related("role_assignments")
    return access(user, action, pk, users)


@rule(Action.CHANGE_USER_ROLES)
def _change_user_roles(user: User, obj: User | None) -> bool:
    """Nobody changes their own roles. Roles in CASE_ROLES are only ever
    requested here; DECIDE_ROLE_GRANT_REQUEST says who may grant them."""
    if obj is None or obj.pk == user.pk:
        return False
    return is_administrator(user)


# Role grant requests ----------------------------------------------------------


@rule(Action.VIEW_ROLE_GRANT_REQUESTS)
def _view_role_grant_requests(user: User, obj: None) -> bool:
    """Administrators (who request) and anyone who may decide some request."""
    return user.has_role(Role.ADMINISTRATOR, *CASE_ROLES)


def _sees_every_request(user: User) -> bool:
    return user.has_role(Role.ADMINISTRATOR, Role.PREVENT_COORDINATOR)


@rule(Action.VIEW_ROLE_GRANT_REQUEST)
def _view_role_grant_request(user: User, obj: RoleGrantRequest | None) -> bool:
    """Administrators and Prevent Coordinators see every request; anyone
    else who may see the list, those for roles they hold (the ones they may
    decide)."""
    if obj is None or not _view_role_grant_requests(user, None):
        return False
    return _sees_every_request(user) or obj.role in user.roles


@scope(Action.VIEW_ROLE_GRANT_REQUEST, "accounts.RoleGrantRequest")
def _role_grant_requests_seen(user: User) -> Q:
    if not _view_role_grant_requests(user, None):
        return _NONE
    return Q() if _sees_every_request(user) else Q(role__in=sorted(user.roles))


def access_role_grant_request(
    user: User, pk: object, action: Action = Action.VIEW_ROLE_GRANT_REQUEST
) -> RoleGrantRequest:
    """One request the user may see (and then act on with `action`), else 404."""
    requests = RoleGrantRequest.objects.select_related(
        "user", "user__organisation", "requested_by", "decided_by"
    )
    grant = access(user, Action.VIEW_ROLE_GRANT_REQUEST, pk, requests)
    if action != Action.VIEW_ROLE_GRANT_REQUEST:
        require(user, action, grant)
    return grant


@rule(Action.DECIDE_ROLE_GRANT_REQUEST)
def _decide_role_grant_request(user: User, obj: RoleGrantRequest | None) -> bool:
    """A second person: not the requester, not the person receiving the
    role, and someone who holds that role or is a Prevent Coordinator."""
    if obj is None:
        return False
    if obj.requested_by_id == user.pk:
        return False
    if obj.user_id == user.pk:
        return False
    return user.has_role(obj.role, Role.PREVENT_COORDINATOR)


@scope(Action.DECIDE_ROLE_GRANT_REQUEST, "accounts.RoleGrantRequest")
def _role_grant_requests_to_decide(user: User) -> Q:
    roles = Q() if user.has_role(Role.PREVENT_COORDINATOR) else Q(role__in=sorted(user.roles))
    return roles & ~Q(requested_by_id=user.pk) & ~Q(user_id=user.pk)


@rule(Action.WITHDRAW_ROLE_GRANT_REQUEST)
def _withdraw_role_grant_request(user: User, obj: RoleGrantRequest | None) -> bool:
    if obj is None:
        return False
    return obj.requested_by_id == user.pk or is_administrator(user)
