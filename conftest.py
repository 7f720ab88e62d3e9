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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """With PREVENT_TEST_REPLICA=1 (.ci/run) the "replica" alias is a TEST
    MIRROR of default and statistics reads are routed to it outside
    transactions (config/routers.py): every test that may use default may
    read through its mirror."""
    from django.conf import settings

    if "replica" not in settings.DATABASES:
        return
    for item in items:
        marker = item.get_closest_marker("django_db")
        uses_db = {"db", "transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
        if marker is None and not uses_db:
            continue
        kwargs = dict(marker.kwargs) if marker else {}
        if kwargs.get("databases") in (None, ["default"], ("default",), {"default"}):
            kwargs["databases"] = ["default", "replica"]
            item.add_marker(pytest.mark.django_db(*(marker.args if marker else ()), **kwargs), append=False)


@pytest.fixture(autouse=True, scope="session")
def _replica_mirror_closed(request: pytest.FixtureRequest) -> Any:
    """Close the replica mirror's connection before the test database is dropped."""
    from django.conf import settings

    if "replica" not in settings.DATABASES:
        yield
        return
    request.getfixturevalue("django_db_setup")
    yield
    from django.db import connections

    connections["replica"].close()
