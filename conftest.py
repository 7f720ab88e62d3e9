"""Shared fixtures: users with roles, and clients signed in with both factors."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from tests.factories import UserFactory, confirmed_totp_device

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def make_user(db: Any) -> Callable[..., Any]:
    def make(*roles: str, **kwargs: Any) -> Any:
        return UserFactory(roles=list(roles), **kwargs)

    return make


def sign_in(client: Client, user: Any) -> Client:
    """Sign a user in as if they had passed the password and the second factor."""
    device = confirmed_totp_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def client_for(db: Any) -> Callable[[Any], Client]:
    def make(user: Any) -> Client:
        return sign_in(Client(), user)

    return make
