"""Reads for the audit viewer. Each is scoped by the policy: someone who may
not view the audit log gets nothing. The event carries its own copies of the
actor's name and organisation, so listing costs no joins per row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet

from prevent.policy import Action, scoped

from . import actions
from .models import AuditEvent

if TYPE_CHECKING:
    from prevent.policy.engine import AnyUser

# Dates in the filters are days in the partnership's own time zone.
LOCAL_ZONE = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class AuditFilters:
    who: str = ""
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    date_from: date | None = None
    date_to: date | None = None


def start_of_day(day: date) -> datetime:
    """Midnight at the start of `day` in Europe/London (aware)."""
    return datetime.combine(day, time.min, tzinfo=LOCAL_ZONE)


def audit_events_visible_to(user: AnyUser) -> QuerySet[AuditEvent]:
    return scoped(user, Action.VIEW_AUDIT_LOG, AuditEvent.objects.all())


def audit_event_list(*, user: AnyUser, filters: AuditFilters) -> QuerySet[AuditEvent]:
    """Events matching the filters, newest first (chain order)."""
    events = audit_events_visible_to(user)
    if filters.who:
        # The label kept on the event ("Name <email>", as it was then), or
        # the person's current name or email.
        events = events.filter(
            Q(actor_label__icontains=filters.who)
            | Q(actor__full_name__icontains=filters.who)
            | Q(actor__email__icontains=filters.who)
        )
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.object_type:
        events = events.filter(object_type=filters.object_type)
    if filters.object_id:
        events = events.filter(object_id=filters.object_id)
    if filters.date_from:
        events = events.filter(occurred_at__gte=start_of_day(filters.date_from))
    if filters.date_to:
        events = events.filter(occurred_at__lt=start_of_day(filters.date_to + timedelta(days=1)))
    return events.order_by("-id")


def audit_actions_present(*, user: AnyUser) -> list[str]:
    """The distinct actions recorded so far."""
    return list(audit_events_visible_to(user).order_by("action").values_list("action", flat=True).distinct())


ActionChoices = list[tuple[str, list[tuple[str, str]]]]


def audit_action_choices(*, user: AnyUser) -> ActionChoices:
    """The filter's actions: every registered action, grouped by domain, then
    any name in the log that is no longer registered (one query)."""
    groups: ActionChoices = [
        (domain, [(a.name, a.label) for a in group]) for domain, group in actions.by_domain()
    ]
    retired = [name for name in audit_actions_present(user=user) if not actions.is_registered(name)]
    if retired:
        groups.append(("No longer recorded", [(name, actions.label(name)) for name in retired]))
    return groups


def audit_object_types_present(*, user: AnyUser) -> list[str]:
    return list(
        audit_events_visible_to(user)
        .exclude(object_type="")
        .order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )
