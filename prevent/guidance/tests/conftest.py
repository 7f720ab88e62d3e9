"""Fixtures for the guidance tests: signed-in clients by role, and the
guidance data put back for tests that flush the database."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from prevent.accounts.roles import Role
from prevent.guidance.seed import load_guidance


@pytest.fixture
def guidance(db: Any) -> None:
    """The seeded guidance. The migration loads it; live-server tests flush
    the database between tests, so load it again (idempotent)."""
    load_guidance()


@pytest.fixture
def practitioner(make_user: Callable[..., Any]) -> Any:
    return make_user(Role.PRACTITIONER)


@pytest.fixture
def coordinator(make_user: Callable[..., Any]) -> Any:
    return make_user(Role.PREVENT_COORDINATOR)


@pytest.fixture
def practitioner_client(client_for: Callable[[Any], Client], practitioner: Any) -> Client:
    return client_for(practitioner)


@pytest.fixture
def coordinator_client(client_for: Callable[[Any], Client], coordinator: Any) -> Client:
    return client_for(coordinator)
