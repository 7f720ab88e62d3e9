"""Accounts locked by repeated failed sign-ins: listed on the
administrator's home, unlocked by an administrator through a service that
asks the policy and writes its audit event; the person may then sign in."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from prevent.accounts.lockouts import locked_users, lockout_of
from prevent.accounts.roles import Role
from prevent.accounts.services.lockouts import user_unlock
from prevent.audit.models import AuditEvent
from tests.factories import DEFAULT_PASSWORD, confirmed_totp_device

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign-in")


def _lock(user: Any) -> None:
    client = Client()
    for _ in range(5):
        client.post(SIGN_IN, {"email": user.email, "password": "wrong"})
    assert client.post(SIGN_IN, {"email": user.email, "password": DEFAULT_PASSWORD}).status_code == 429


def test_a_locked_account_is_on_the_administrators_home_and_leads_to_unlocking(
    make_user: Any, client_for: Any
) -> None:
    admin = make_user(Role.ADMINISTRATOR)
    locked = make_user(Role.PRACTITIONER, full_name="Lou Locked")
    confirmed_totp_device(locked)
    other = make_user(Role.PRACTITIONER, full_name="Ollie Fine")
    Client().post(SIGN_IN, {"email": other.email, "password": "wrong"})  # one failure: not locked
    _lock(locked)
    assert list(locked_users()) == [locked]

    client = client_for(admin)
    home = client.get(reverse("home:home")).content.decode()
    assert "Locked accounts" in home
    assert f"Lou Locked ({locked.email})" in home
    assert "Ollie Fine" not in home.split("Locked accounts")[1]
    unlock_url = reverse("users:unlock", args=[locked.pk])
    assert unlock_url in home

    page = client.get(unlock_url).content.decode()
    assert "Are you sure you want to unlock this account?" in page
    failures = lockout_of(locked).failed_attempts  # type: ignore[union-attr]
    assert failures >= 5
    assert f"after {failures} failed attempts" in page
    detail = client.get(reverse("users:detail", args=[locked.pk])).content.decode()
    assert unlock_url in detail and "Locked" in detail

    response = client.post(unlock_url)
    assert response["Location"] == reverse("users:detail", args=[locked.pk])
    assert lockout_of(locked) is None
    event = AuditEvent.objects.get(action="user_unlocked")
    assert event.actor_id == admin.pk and event.changes["failed_sign_ins"] == {"before": failures, "after": 0}
    assert "No account is locked." in client.get(reverse("home:home")).content.decode()
    # They may sign in again with their password.
    again = Client().post(SIGN_IN, {"email": locked.email, "password": DEFAULT_PASSWORD})
    assert again.status_code == 302


def test_only_an_administrator_unlocks_and_only_a_locked_account(make_user: Any, client_for: Any) -> None:
    admin = make_user(Role.ADMINISTRATOR)
    coordinator = make_user(Role.PREVENT_COORDINATOR)
    locked = make_user(Role.PRACTITIONER)
    _lock(locked)
    with pytest.raises(PermissionDenied):
        user_unlock(actor=coordinator, user=locked)
    assert client_for(coordinator).post(reverse("users:unlock", args=[locked.pk])).status_code == 403
    assert lockout_of(locked) is not None
    fine = make_user(Role.PRACTITIONER)
    with pytest.raises(ValidationError, match="is not locked"):
        user_unlock(actor=admin, user=fine)
    page = client_for(admin).get(reverse("users:unlock", args=[fine.pk])).content.decode()
    assert "This account is not locked" in page
    assert not AuditEvent.objects.filter(action="user_unlocked").exists()
    assert client_for(admin).get(reverse("users:unlock", args=[999999])).status_code == 404


def test_a_lock_past_its_cool_off_is_not_listed(make_user: Any, time_machine: Any) -> None:
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    locked = make_user(Role.PRACTITIONER)
    _lock(locked)
    assert lockout_of(locked) is not None
    time_machine.move_to(start + dt.timedelta(minutes=29), tick=False)
    assert lockout_of(locked) is not None
    time_machine.move_to(start + dt.timedelta(minutes=31), tick=False)
    assert lockout_of(locked) is None


def test_five_failures_for_one_email_from_different_addresses_lock_that_account(make_user: Any) -> None:
    """The lock is on the account, whatever address the attempts come from
    (they were recorded with no email address, so only one client address
    was ever locked)."""
    user = make_user(Role.PRACTITIONER)
    for n in range(5):
        Client(REMOTE_ADDR=f"192.0.2.{n + 1}").post(SIGN_IN, {"email": user.email.upper(), "password": "x"})
    assert lockout_of(user) is not None
    fresh = Client(REMOTE_ADDR="198.51.100.7")
    assert fresh.post(SIGN_IN, {"email": user.email, "password": DEFAULT_PASSWORD}).status_code == 429
