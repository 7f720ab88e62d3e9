"""Accounts django-axes has locked after repeated failed sign-ins (five for
the same email address within AXES_COOLOFF_TIME: config/settings/base.py).

Axes keeps its failures in `axes.AccessAttempt` (one row per email address,
client address and browser) and refuses the address while their sum reaches
AXES_FAILURE_LIMIT within the cool-off after the latest one; the lock ends
by itself when that time has passed, or when an administrator unlocks the
account (services/lockouts.py). Addresses locked by client IP alone are not
accounts and are not listed here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import IntegerField, Max, OuterRef, QuerySet, Subquery, Sum
from django.http import HttpRequest

from prevent.core import clock

from .models import User


def axes_username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str | None:
    """The email address axes counts failures against (AXES_USERNAME_CALLABLE).

    Sign-in calls authenticate(username=email), so the failed-login signal
    carries "username", while axes' own check carries the user model's
    USERNAME_FIELD ("email"): without this, failures were recorded with no
    email address and only the client address was ever locked."""
    given = credentials or {}
    value = given.get("username") or given.get("email")
    if value is None and request is not None:
        value = getattr(request, "POST", {}).get("email")
    return str(value).strip().lower() or None if value else None


@dataclass(frozen=True)
class Lockout:
    failed_attempts: int
    last_failure: dt.datetime
    locked_until: dt.datetime | None


def _recent_attempts() -> QuerySet[AccessAttempt]:
    attempts = AccessAttempt.objects.all()
    cool_off = get_cool_off()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=clock.now() - cool_off)
    return attempts


def locked_users() -> QuerySet[User]:
    """The accounts locked now, the most recently locked first, each with
    `failed_attempts` and `last_failure` (one query)."""
    per_user = _recent_attempts().filter(username=OuterRef("email")).order_by().values("username")
    return (
        User.objects.annotate(
            failed_attempts=Subquery(
                per_user.annotate(n=Sum("failures_since_start")).values("n"), output_field=IntegerField()
            ),
            last_failure=Subquery(per_user.annotate(t=Max("attempt_time")).values("t")),
        )
        .filter(failed_attempts__gte=settings.AXES_FAILURE_LIMIT)
        .select_related("organisation")
        .order_by("-last_failure", "pk")
    )


def lockout_of(user: User) -> Lockout | None:
    """The user's lock, or None when their account is not locked (one query)."""
    found = locked_users().filter(pk=user.pk).first()
    if found is None:
        return None
    return lockout_from(found)


def lockout_from(user: User) -> Lockout:
    """The lock of a user from locked_users()."""
    last: dt.datetime = user.last_failure  # type: ignore[attr-defined]
    cool_off = get_cool_off()
    return Lockout(
        failed_attempts=user.failed_attempts,  # type: ignore[attr-defined]
        last_failure=last,
        locked_until=last + cool_off if cool_off is not None else None,
    )
