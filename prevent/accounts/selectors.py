"""Reads of users for the administrators' pages.

Every queryset joins the organisation and prefetches the role assignments,
so a list page costs the same number of queries whatever its length."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from prevent.policy import Action, can

from .models import RoleGrantRequest, RoleGrantRequestStatus, User
from .roles import Role


def users_for_admin(
    *, actor: Any, organisation_id: int | None = None, role: str = "", active: bool | None = None
) -> QuerySet[User]:
    """Users an administrator manages (all of them), optionally filtered."""
    if not can(actor, Action.MANAGE_USERS):
        return User.objects.none()
    users = User.objects.select_related("organisation").prefetch_related("role_assignments")
    if organisation_id is not None:
        users = users.filter(organisation_id=organisation_id)
    if role:
        users = users.filter(role_assignments__role=role)
    if active is not None:
        users = users.filter(is_active=active)
    return users.order_by("full_name", "email")


def user_for_admin(*, actor: Any, pk: int) -> User:
    """One user, or 404."""
    return get_object_or_404(users_for_admin(actor=actor), pk=pk)


# Role grant requests (ADR 0007) ---------------------------------------------


def _role_grant_requests_visible(actor: Any) -> QuerySet[RoleGrantRequest]:
    """Requests the actor may see: administrators (who make them) and
    Prevent Coordinators see all; anyone else those for roles they hold,
    which are the ones they may decide (the policy says which exactly)."""
    if not can(actor, Action.VIEW_ROLE_GRANT_REQUESTS):
        return RoleGrantRequest.objects.none()
    requests = RoleGrantRequest.objects.select_related(
        "user", "user__organisation", "requested_by", "decided_by"
    )
    if not actor.has_role(Role.ADMINISTRATOR, Role.PREVENT_COORDINATOR):
        requests = requests.filter(role__in=actor.roles)
    return requests


def role_grant_requests_pending(*, actor: Any) -> tuple[list[RoleGrantRequest], list[RoleGrantRequest]]:
    """Pending requests the actor may see, in two lists: those they may
    decide, and the rest (for example the ones they asked for). One query."""
    pending = _role_grant_requests_visible(actor).filter(status=RoleGrantRequestStatus.PENDING)
    to_decide: list[RoleGrantRequest] = []
    others: list[RoleGrantRequest] = []
    for request in pending.order_by("requested_at", "pk"):
        (to_decide if can(actor, Action.DECIDE_ROLE_GRANT_REQUEST, request) else others).append(request)
    return to_decide, others


def role_grant_request_for(*, actor: Any, pk: int) -> RoleGrantRequest:
    """One request the actor may see, or 404."""
    return get_object_or_404(_role_grant_requests_visible(actor), pk=pk)


def pending_role_grant_requests(*, actor: Any, user: User) -> list[RoleGrantRequest]:
    """The requests waiting for a user, for the administrators' user pages."""
    if not can(actor, Action.MANAGE_USERS):
        return []
    return list(
        RoleGrantRequest.objects.filter(user=user, status=RoleGrantRequestStatus.PENDING)
        .select_related("requested_by")
        .order_by("requested_at", "pk")
    )
