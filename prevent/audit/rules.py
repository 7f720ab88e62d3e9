"""Who may read the audit log: Prevent Coordinators, every event."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from prevent.accounts.roles import Role
from prevent.policy import Action, access, rule, scope

from .models import AuditEvent

if TYPE_CHECKING:
    from prevent.accounts.models import User
    from prevent.policy.engine import AnyUser


@rule(Action.VIEW_AUDIT_LOG)
def _view_audit_log(user: User, obj: AuditEvent | None) -> bool:
    return user.has_role(Role.PREVENT_COORDINATOR)


@scope(Action.VIEW_AUDIT_LOG, "audit.AuditEvent")
def _audit_events(user: User) -> Q:
    return Q() if user.has_role(Role.PREVENT_COORDINATOR) else Q(pk__in=[])


def access_audit_event(user: AnyUser, pk: object) -> AuditEvent:
    """The event if the user may read the audit log; 404 otherwise."""
    return access(user, Action.VIEW_AUDIT_LOG, pk)
