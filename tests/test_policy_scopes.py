"""A rule and its scope are one definition: for every action that has a
scope, a record passes the rule for a user exactly when it is in that
user's scope.

Generic on purpose: it walks `registered_scopes()`, so a scope added in any
app's rules.py is checked here without touching this file, on the records
of tests/builders.py (World: every role alone, users of other
organisations, users with several roles, a user with none, an inactive
user; drafts, submitted and referred concerns of two organisations, Channel
cases on and off a member's agenda, information requests to two agencies in
each status, meetings with and without the member, decisions pending,
confirmed and superseded, reviews due and done, self-assessments of two
organisations locked and unlocked, a role grant request...). A scope on a
model the world has no records of fails: add them to World."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from prevent.policy import Action, can, registered_rules, registered_scopes, scoped
from tests.builders import World, kept_for_the_module

# Scopes known to disagree with their rule: action -> why (strict: fixing it
# makes the test fail until the entry goes).
KNOWN_DISAGREEMENTS: dict[Action, str] = {}

SCOPED = sorted(registered_scopes())


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    """Built once for the module, inside a transaction rolled back at the end."""
    with kept_for_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            world = World()
        yield world


def _state(obj: Any) -> str:
    parts = [
        f"{name}={getattr(obj, name)!r}"
        for name in ("status", "organisation_id", "agency_id")
        if hasattr(obj, name)
    ]
    return ", ".join(parts)


def test_every_action_has_a_rule() -> None:
    missing = sorted(set(Action) - set(registered_rules()))
    assert not missing, f"Actions without a rule (refused to everyone): {missing}"


def test_every_scope_is_an_action_with_a_rule() -> None:
    assert set(registered_scopes()) <= set(registered_rules())


@pytest.mark.parametrize(
    "action",
    [
        pytest.param(a, marks=pytest.mark.xfail(strict=True, reason=KNOWN_DISAGREEMENTS[a]))
        if a in KNOWN_DISAGREEMENTS
        else a
        for a in SCOPED
    ],
    ids=[str(a) for a in SCOPED],
)
@pytest.mark.django_db
def test_scope_equals_rule(world: World, action: Action) -> None:
    definition = registered_scopes()[action]
    model = definition.model
    records = list(model._default_manager.all())
    assert records, (
        f"{action}: no {definition.model_label} records generated; add them to tests/builders.py World"
    )
    users: dict[str, Any] = {**world.users(), "anonymous": AnonymousUser()}
    disagreements: list[str] = []
    allowed = 0
    for key, user in users.items():
        in_scope = set(scoped(user, action).values_list("pk", flat=True))
        assert in_scope <= {r.pk for r in records}
        for record in records:
            by_rule = can(user, action, record)
            allowed += by_rule
            by_scope = record.pk in in_scope
            if by_rule != by_scope:
                roles = ", ".join(sorted(getattr(user, "roles", ()))) or "no roles"
                disagreements.append(
                    f"{key} ({roles}) {definition.model_label} pk={record.pk} [{_state(record)}]: "
                    f"rule {'allows' if by_rule else 'refuses'}, "
                    f"scope {'includes' if by_scope else 'excludes'}"
                )
    assert not disagreements, f"{action}: rule and scope disagree:\n" + "\n".join(disagreements)
    assert allowed, (
        f"{action}: no generated user may act on any {definition.model_label}; "
        "the data in tests/builders.py World does not exercise this scope"
    )


@pytest.mark.django_db
def test_the_world_covers_every_role_and_state(world: World) -> None:
    """The data the scopes are checked on is what the docstring says."""
    from prevent.accounts.roles import Role

    users = world.users()
    singles = {frozenset(u.roles) for u in users.values() if len(u.roles) == 1}
    assert singles == {frozenset({r}) for r in Role}
    assert any(len(u.roles) > 1 and u.is_active for u in users.values())
    assert any(not u.is_active for u in users.values())
    assert len({u.organisation_id for u in users.values()}) >= 4
    assert world.draft.status != world.to_channel.concern.status
    assert world.other_draft.organisation_id != world.draft.organisation_id
    assert world.assessment_locked.is_locked and not world.assessment_draft.is_locked
    assert world.request.status != world.other_request.status
    assert world.request.agency_id != world.other_request.agency_id
    member = users["member"]
    assert world.meeting.members.filter(pk=member.pk).exists()
    assert not world.other_meeting.members.filter(pk=member.pk).exists()
    assert world.superseded_decision.superseded_at is not None
    assert world.completed_review.completed_at is not None and world.review.completed_at is None
