"""The unread count in the header: one query, only when a page shows it,
and at most once per request."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def _count(request: HttpRequest) -> int:
    cached = getattr(request, "_unread_notifications", None)
    if cached is None:
        from prevent.accounts.models import User

        from .selectors import unread_count

        user = getattr(request, "user", None)
        cached = unread_count(actor=user) if isinstance(user, User) and user.is_authenticated else 0
        request._unread_notifications = cached  # type: ignore[attr-defined]
    return cached


def notifications(request: HttpRequest) -> dict[str, Any]:
    """Context processor (settings TEMPLATES): `unread_notifications`."""
    return {"unread_notifications": SimpleLazyObject(lambda: _count(request))}
