"""Unlocking an account django-axes locked after repeated failed sign-ins
(prevent/accounts/lockouts.py), for someone who proved who they are to an
administrator before the lock ends by itself."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.core.exceptions import ValidationError
from django.db import transaction

from prevent.audit.services import record_event
from prevent.policy import Action, require

from ..lockouts import lockout_of
from ..models import User


def user_unlock(*, actor: User, user: User) -> User:
    """Forget the user's failed sign-ins so they may try again now. Their
    password and second factor stay as they are: if they forgot the
    password they use "I have forgotten my password"; if the app is lost,
    reset the second factor."""
    require(actor, Action.MANAGE_USERS, user)
    with transaction.atomic():
        user = User.objects.select_for_update(of=("self",)).get(pk=user.pk)
        lockout = lockout_of(user)
        if lockout is None:
            raise ValidationError(f"The account of {user.full_name or user.email} is not locked")
        AccessAttempt.objects.filter(username=user.email).delete()
        record_event(
            actor=actor,
            action="user_unlocked",
            summary=f"Unlocked the account of {user.email} after repeated failed sign-ins",
            obj=user,
            changes={"failed_sign_ins": {"before": lockout.failed_attempts, "after": 0}},
        )
        return user
