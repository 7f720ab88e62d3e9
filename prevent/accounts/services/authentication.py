"""Signing in and out, the second factor and password resets.

Each function runs in one transaction and records its audit event there."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import authenticate, login, logout
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticToken

from prevent.audit.services import record_event

from ..models import User, new_session_token
from ..two_factor import (
    RECOVERY_CODE_COUNT,
    RECOVERY_DEVICE_NAME,
    TOTP_DEVICE_NAME,
    StaticDevice,
    TOTPDevice,
    second_factor_required,
)

if TYPE_CHECKING:
    from django.contrib.auth.forms import SetPasswordForm


@dataclass(frozen=True)
class SignInResult:
    user: User | None
    locked_out: bool = False
    needs_second_factor: bool = False


def sign_in_with_password(*, request: HttpRequest, email: str, password: str) -> SignInResult:
    """First step: email and password. django-axes counts failures and locks
    the account after AXES_FAILURE_LIMIT of them."""
    email = email.strip().lower()
    user = authenticate(request, username=email, password=password)
    with transaction.atomic():
        if not isinstance(user, User):
            locked = bool(getattr(request, "axes_locked_out", False))
            record_event(
                actor=None,
                actor_label=email,
                action="locked_out" if locked else "sign_in_failed",
                summary=(
                    f"Sign-in refused: account {email} is locked after repeated failures"
                    if locked
                    else f"Sign-in failed for {email}"
                ),
                object_type="accounts.user",
            )
            return SignInResult(user=None, locked_out=locked)
        login(request, user)
        needs = second_factor_required(user)
        record_event(
            actor=user,
            action="password_accepted" if needs else "signed_in",
            summary=(
                "Password accepted; second factor to follow"
                if needs
                else "Signed in (demo mode: no second factor)"
            ),
            obj=user,
        )
        return SignInResult(user=user, needs_second_factor=needs)


def two_factor_verify(*, request: HttpRequest, user: User, token: str) -> bool:
    """Second step: a code from the authenticator app, or a recovery code."""
    token = token.replace(" ", "").strip()
    with transaction.atomic():
        device = match_token(user, token)
        if device is None or not getattr(device, "confirmed", False):
            record_event(
                actor=user, action="two_factor_failed", summary="Second factor code refused", obj=user
            )
            return False
        otp_login(request, device)
        used_recovery = isinstance(device, StaticDevice)
        record_event(
            actor=user,
            action="signed_in",
            summary="Signed in with a recovery code"
            if used_recovery
            else "Signed in with an authenticator app",
            obj=user,
        )
        return True


def two_factor_begin_enrolment(*, user: User) -> TOTPDevice:
    """An unconfirmed authenticator device for the set-up page (reused on reload)."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
        return device


def two_factor_confirm_enrolment(
    *, request: HttpRequest, user: User, device: TOTPDevice, token: str
) -> list[str] | None:
    """Confirm the app by a code from it; returns new recovery codes, shown once."""
    token = token.replace(" ", "").strip()
    with transaction.atomic():
        if device.user_id != user.pk or not device.verify_token(token):
            record_event(actor=user, action="two_factor_failed", summary="Set-up code refused", obj=user)
            return None
        TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        StaticDevice.objects.filter(user=user).delete()
        recovery = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=recovery, token=c) for c in codes)
        otp_login(request, device)
        record_event(
            actor=user,
            action="two_factor_enrolled",
            summary="Set up an authenticator app and new recovery codes",
            obj=user,
        )
        return codes


def sign_out(*, request: HttpRequest) -> None:
    user = request.user
    with transaction.atomic():
        if isinstance(user, User) and user.is_authenticated:
            record_event(actor=user, action="signed_out", summary="Signed out", obj=user)
        logout(request)


def sign_out_everywhere(*, request: HttpRequest, user: User) -> None:
    """End every session of the user, on every device, this one included."""
    with transaction.atomic():
        user.session_token = new_session_token()
        user.save(update_fields=["session_token"])
        record_event(
            actor=user, action="signed_out_everywhere", summary="Signed out on every device", obj=user
        )
        logout(request)


def password_reset_requested(*, email: str) -> None:
    with transaction.atomic():
        record_event(
            actor=None,
            actor_label=email.strip().lower(),
            action="password_reset_requested",
            summary=f"Password reset requested for {email.strip().lower()}",
            object_type="accounts.user",
        )


def password_reset_complete(*, form: SetPasswordForm) -> User:
    """Set the new password (which also ends the user's other sessions)."""
    with transaction.atomic():
        user = form.save()
        if not isinstance(user, User):  # AUTH_USER_MODEL is User: never happens
            raise TypeError("password reset for an account that is not a User")
        record_event(actor=user, action="password_reset", summary="Password reset by email link", obj=user)
        return user
