"""Erasing an event's personal details (decision 0015): the fields go, the
hash and the chain hold, for events of both hash versions; anything else
done to the table is still refused or caught."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, transaction

from prevent.audit.erasure import AlteredEventError, erase_personal_details
from prevent.audit.models import ERASED_SUMMARY, GENESIS_HASH, AuditChainHead, AuditEvent
from prevent.audit.verify import event_holds, verify_chain
from prevent.core import clock

from .tamper import audit_triggers_disabled, raw_sql

pytestmark = pytest.mark.django_db

NAME = "Wilhelmina Scarrow-Pennant"


def erase(ids: list[int]) -> AuditEvent | None:
    with transaction.atomic():
        return erase_personal_details(actor=None, event_ids=ids, why="test")


def append_version_1(summary: str, changes: dict[str, Any]) -> AuditEvent:
    """An event as the code before decision 0015 wrote it (hash version 1)."""
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"last_event_id": 0, "last_hash": GENESIS_HASH}
        )
        event = AuditEvent(
            id=head.last_event_id + 1,
            occurred_at=clock.now(),
            action="test_action",
            summary=summary,
            changes=changes,
            previous_hash=head.last_hash,
        )
        event.hash = event.compute_hash()
        event.save(force_insert=True)
        head.last_event_id, head.last_hash = event.id, event.hash
        head.event_count += 1
        head.save()
    return AuditEvent.objects.get(pk=event.pk)


def test_new_events_hash_a_salted_digest_of_their_personal_fields(record: Any) -> None:
    one = record(summary=f"Searched for {NAME}")
    two = record(summary=f"Searched for {NAME}")
    assert one.hash_version == 2 and one.personal_salt and one.personal_salt != two.personal_salt
    assert one.personal_digest_now() != two.personal_digest_now()  # the same words, another digest


def test_erasing_removes_the_details_and_the_chain_still_verifies(record: Any) -> None:
    before = record(summary="Before")
    target = record(summary=f"Viewed {NAME}", changes={"query": {"before": None, "after": NAME}})
    after = record(summary="After")
    erasure = erase([target.pk])
    assert erasure is not None and erasure.action == "audit_details_erased"
    stored = AuditEvent.objects.get(pk=target.pk)
    assert stored.summary == ERASED_SUMMARY and stored.changes == {}
    assert stored.personal_salt is None and stored.erased_by_event_id == erasure.pk
    assert stored.hash == target.hash  # the hash is kept
    assert NAME not in str(AuditEvent.objects.values_list("summary", "changes"))
    assert event_holds(stored) and event_holds(AuditEvent.objects.get(pk=before.pk))
    report = verify_chain()
    assert report.ok, report.message
    assert report.checked == 4 and after.pk < erasure.pk
    assert erase([target.pk]) is None  # once only


def test_events_written_before_the_change_are_sealed_by_the_erasure(record: Any) -> None:
    old = append_version_1(f"Viewed {NAME}", {"name": {"before": None, "after": NAME}})
    record(summary="Later")
    assert old.hash_version is None and verify_chain().ok
    erasure = erase([old.pk])
    assert erasure is not None and str(old.pk) in erasure.changes["seals"]["after"]
    stored = AuditEvent.objects.get(pk=old.pk)
    assert NAME not in stored.summary + str(stored.changes)
    assert verify_chain().ok, verify_chain().message


def test_an_erased_event_altered_afterwards_is_caught(record: Any) -> None:
    old = append_version_1(f"Viewed {NAME}", {})
    new = record(summary=f"Viewed {NAME}")
    record(summary="Later")
    erase([old.pk, new.pk])
    for target in (old, new):
        with audit_triggers_disabled():
            raw_sql("UPDATE audit_auditevent SET object_id = %s WHERE id = %s", ["999", target.pk])
        report = verify_chain()
        assert not report.ok and report.broken_event_id == target.pk, report.message
        with audit_triggers_disabled():
            raw_sql("UPDATE audit_auditevent SET object_id = %s WHERE id = %s", ["", target.pk])
    assert verify_chain().ok


def test_an_erasure_no_erasure_event_vouches_for_is_caught(record: Any) -> None:
    target = record(summary=f"Viewed {NAME}")
    other = record(summary="Other")
    with transaction.atomic():
        # The trigger lets the erasing update through, but it names an event
        # that is no erasure.
        AuditEvent.objects.filter(pk=target.pk).update(
            summary=ERASED_SUMMARY,
            changes={},
            personal_salt=None,
            personal_digest=target.personal_digest_now(),
            erased_at=clock.now(),
            erased_by_event_id=other.pk,
        )
    report = verify_chain()
    assert not report.ok and report.broken_event_id == target.pk
    assert "no erasure event" in report.message


@pytest.mark.parametrize(
    ("sql", "params"),
    [
        ("UPDATE audit_auditevent SET summary = %s WHERE id = %s", ["Rewritten"]),
        ("UPDATE audit_auditevent SET action = %s, erased_at = CURRENT_TIMESTAMP WHERE id = %s", ["x"]),
        ("DELETE FROM audit_auditevent WHERE id = %s", []),
    ],
)
def test_the_table_still_refuses_every_other_change(record: Any, sql: str, params: list[Any]) -> None:
    event = record(summary="Kept")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw_sql(sql, [*params, event.pk])


def test_an_altered_event_is_not_erased(record: Any) -> None:
    event = record(summary="Kept")
    with audit_triggers_disabled():
        raw_sql("UPDATE audit_auditevent SET summary = %s WHERE id = %s", ["Rewritten", event.pk])
    with pytest.raises(AlteredEventError):
        erase([event.pk])
