"""Reads of the notification centre (bounded queries)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from prevent.core.models import FailedNotification
from prevent.policy import Action, parse_pk, require, scoped

from .models import EmailFrequency, Notification, NotificationPreference

if TYPE_CHECKING:
    from prevent.accounts.models import User


def notifications_for(*, actor: User) -> QuerySet[Notification]:
    """The actor's notifications, newest first."""
    require(actor, Action.VIEW_NOTIFICATIONS)
    return scoped(actor, Action.VIEW_NOTIFICATIONS).order_by("-created_at", "-pk")


def unread_notifications(*, actor: User) -> QuerySet[Notification]:
    return scoped(actor, Action.VIEW_NOTIFICATIONS).filter(read_at__isnull=True)


def unread_count(*, actor: User) -> int:
    return unread_notifications(actor=actor).count()


def email_frequency_of(*, actor: User) -> str:
    preference = NotificationPreference.objects.filter(user_id=actor.pk).first()
    return preference.email_frequency if preference else EmailFrequency.EACH


def failed_notifications(*, actor: User) -> QuerySet[FailedNotification]:
    require(actor, Action.MANAGE_FAILED_NOTIFICATIONS)
    return FailedNotification.objects.order_by("-failed_at", "-pk")


def access_failed_notification(actor: User, pk: object) -> FailedNotification:
    require(actor, Action.MANAGE_FAILED_NOTIFICATIONS)
    failed = FailedNotification.objects.filter(pk=parse_pk(pk)).first()
    if failed is None:
        raise Http404
    return failed
