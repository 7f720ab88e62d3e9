"""Reads of users for the administrators' pages.

Every queryset joins the organisation and prefetches the role assignments,
so a list page costs the same number of queries whatever its length."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import User
from .policy import Action, can


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
