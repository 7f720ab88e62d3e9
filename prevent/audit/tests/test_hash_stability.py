"""An event's hash must hold after a round trip through the database, on
SQLite and PostgreSQL alike: datetimes, JSON and IP addresses each come back
in the database's own form. These run on whichever database the suite uses."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from prevent.audit import context
from prevent.audit.models import AuditEvent, canonical_ip, canonical_json
from prevent.audit.verify import verify_chain

pytestmark = pytest.mark.django_db

AWKWARD_CHANGES: dict[str, Any] = {
    "text": {"before": "café ✓ \u2013 \u201cquoted\u201d", "after": "with\x00nul"},
    "numbers": {"before": 1.0, "after": 1e16},
    "more_numbers": {"before": -0.0, "after": 0.1},
    "small": {"before": 1.5e-7, "after": 123456789012345678},
    "not_finite": {"before": float("nan"), "after": float("inf")},
    "decimal": {"before": Decimal("10.50"), "after": Decimal("0")},
    "when": {
        "before": dt.date(2026, 3, 29),
        "after": dt.datetime(2026, 6, 1, 10, 30, tzinfo=ZoneInfo("Europe/London")),
    },
    "nested": {"before": {2: ["a", None, True]}, "after": {"b": {"c": [1, 2.5]}, "a": []}},
    "ids": {"before": uuid.UUID(int=7), "after": {"x", "y"}},
    "bool": {"before": False, "after": True},
}


def _stored(event: AuditEvent) -> AuditEvent:
    return AuditEvent.objects.get(pk=event.pk)


def test_awkward_json_values_hash_the_same_after_a_round_trip(record: Any) -> None:
    event = record(changes=AWKWARD_CHANGES)
    stored = _stored(event)
    assert stored.changes == event.changes
    assert stored.compute_hash() == event.hash
    assert stored.changes["numbers"] == {"before": 1, "after": 10**16}
    assert stored.changes["text"]["after"] == "withnul"
    assert stored.changes["when"]["after"] == "2026-06-01T09:30:00+00:00"
    assert verify_chain().ok


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("198.51.100.7", "198.51.100.7"),
        ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
        ("::ffff:192.0.2.1", "::ffff:192.0.2.1"),
        (" 203.0.113.1 ", "203.0.113.1"),
        ("unknown", None),
        ("198.51.100.7:4431", None),
        ("", None),
    ],
)
def test_ip_addresses_are_stored_in_one_form_and_hash_the_same(
    record: Any, given: str, stored: str | None
) -> None:
    token = context.set_current(context.RequestContext(request_id="r-12345678", ip_address=given))
    try:
        event = record()
    finally:
        context.reset(token)
    reloaded = _stored(event)
    assert canonical_ip(reloaded.ip_address) == stored
    assert reloaded.compute_hash() == event.hash
    assert verify_chain().ok


def test_the_time_hashes_the_same_in_any_zone(record: Any) -> None:
    event = _stored(record())
    in_london = event.occurred_at.astimezone(ZoneInfo("Europe/London"))
    in_utc = event.occurred_at.astimezone(dt.UTC)
    event.occurred_at = in_london
    london_hash = event.compute_hash()
    event.occurred_at = in_utc
    assert london_hash == event.compute_hash() == event.hash


def test_the_time_keeps_its_microseconds(record: Any) -> None:
    event = record()
    assert _stored(event).occurred_at == event.occurred_at


def test_canonical_json_is_stable_when_applied_again() -> None:
    once = canonical_json(AWKWARD_CHANGES)
    assert canonical_json(once) == once


def test_the_hash_covers_every_recorded_field(record: Any) -> None:
    event = _stored(record(changes={"a": {"before": 1, "after": 2}}))
    for field, value in [
        ("summary", "changed"),
        ("actor_label", "someone else"),
        ("action", "other_action"),
        ("object_id", "999"),
        ("changes", {"a": {"before": 1, "after": 3}}),
        ("ip_address", "192.0.2.99"),
        ("request_id", "forged"),
        ("previous_hash", "f" * 64),
        ("occurred_at", event.occurred_at + dt.timedelta(microseconds=1)),
        ("actor_roles", ["administrator"]),
    ]:
        original = getattr(event, field)
        setattr(event, field, value)
        assert event.compute_hash() != event.hash, field
        setattr(event, field, original)
    assert event.compute_hash() == event.hash
