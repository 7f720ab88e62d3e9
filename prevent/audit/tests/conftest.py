"""Fixtures for the audit tests: people of each kind, and a way to append
events the way services do (inside their own transaction)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import transaction

from prevent.accounts.roles import Role
from prevent.audit import actions
from prevent.audit.models import AuditEvent
from prevent.audit.services import record_event
from tests.factories import OrganisationFactory

# Made-up actions these tests record (real services record registered ones).
TEST_ACTIONS = {
    "test_action": "Test action",
    "thing_done": "Thing done",
    "other_thing": "Other thing",
    "bulk_thing": "Bulk thing",
    "forged": "Forged",
    **{f"action_{n}": f"Action {n}" for n in range(7)},
}


@pytest.fixture(autouse=True)
def test_actions() -> Iterator[None]:
    """Register TEST_ACTIONS for the test, then forget them again."""
    known = set(actions.registered())
    actions.register("Tests", TEST_ACTIONS)
    yield
    for name in set(actions.registered()) - known:
        actions._ACTIONS.pop(name, None)


@pytest.fixture
def coordinator(make_user: Callable[..., Any]) -> Any:
    return make_user(
        Role.PREVENT_COORDINATOR,
        full_name="Casey Coordinator",
        email="casey.coordinator@county.example",
        organisation=OrganisationFactory(name="Oxfordshire County Council"),
    )


@pytest.fixture
def record() -> Callable[..., AuditEvent]:
    """record(actor=..., action=..., summary=...) in its own transaction."""

    def append(**kwargs: Any) -> AuditEvent:
        kwargs.setdefault("actor", None)
        kwargs.setdefault("action", "test_action")
        kwargs.setdefault("summary", "Something happened")
        with transaction.atomic():
            return record_event(**kwargs)

    return append
