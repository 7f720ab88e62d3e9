"""Reads of users and role grant requests for the administrators' pages.

Every list is the policy's scope (prevent/accounts/rules.py) of the action,
so "may see this one" and "which ones" are one definition. Each queryset
joins what its page shows, so a list costs the same number of queries
whatever its length."""

from __future__ import annotations

from django.db.models import QuerySet

from prevent.policy import Action, can, scoped

from .models import RoleGrantRequest, RoleGrantRequestStatus, User


def users_for_admin(
    *, actor: User, organisation_id: int | None = None, role: str = "", active: bool | None = None
) -> QuerySet[User]:
    """Users an administrator manages (all of them), optionally filtered."""
    users = scoped(
        actor,
        Action.MANAGE_USERS,
        User.objects.select_related("organisation").prefetch_related("role_assignments"),
    )
    if organisation_id is not None:
        users = users.filter(organisation_id=organisation_id)
    if role:
        users = users.filter(role_assignments__role=role)
    if active is not None:
        users = users.filter(is_active=active)
    return users.order_by("full_name", "email")


# Role grant requests (ADR 0007) ---------------------------------------------


def role_grant_requests_pending(*, actor: User) -> tuple[list[RoleGrantRequest], list[RoleGrantRequest]]:
    """Pending requests the actor may see, in two lists: those they may
    decide, and the rest (for example the ones they asked for). One query."""
    pending = scoped(
        actor,
        Action.VIEW_ROLE_GRANT_REQUEST,
        RoleGrantRequest.objects.select_related("user", "user__organisation", "requested_by", "decided_by"),
    ).filter(status=RoleGrantRequestStatus.PENDING)
    to_decide: list[RoleGrantRequest] = []
    others: list[RoleGrantRequest] = []
    for request in pending.order_by("requested_at", "pk"):
        (to_decide if can(actor, Action.DECIDE_ROLE_GRANT_REQUEST, request) else others).append(request)
    return to_decide, others


def pending_role_grant_requests(*, actor: User, user: User) -> list[RoleGrantRequest]:
    """The requests waiting for a user, for the administrators' user pages."""
    if not can(actor, Action.MANAGE_USERS, user):
        return []
    return list(
        RoleGrantRequest.objects.filter(user=user, status=RoleGrantRequestStatus.PENDING)
        .select_related("requested_by")
        .order_by("requested_at", "pk")
    )
