"""Who may see which notifications, and the emails that failed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from prevent.accounts.roles import Role
from prevent.policy import Action, access, rule, scope

from .models import Notification

if TYPE_CHECKING:
    from prevent.accounts.models import User


@rule(Action.VIEW_NOTIFICATIONS)
def _view_notifications(user: User, obj: Notification | None) -> bool:
    """Everyone signed in has a notification centre; each notification is
    its recipient's alone."""
    return obj is None or obj.recipient_id == user.pk


@scope(Action.VIEW_NOTIFICATIONS, "notifications.Notification")
def _notifications_seen(user: User) -> Q:
    return Q(recipient_id=user.pk)


def access_notification(user: User, pk: object) -> Notification:
    """One of the user's own notifications, else 404."""
    return access(user, Action.VIEW_NOTIFICATIONS, pk)


@rule(Action.CHANGE_NOTIFICATION_PREFERENCES)
def _change_notification_preferences(user: User, obj: None) -> bool:
    return True


@rule(Action.MANAGE_FAILED_NOTIFICATIONS)
def _manage_failed_notifications(user: User, obj: None) -> bool:
    return user.has_role(Role.ADMINISTRATOR)
