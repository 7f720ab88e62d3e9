"""verify_audit at speed (decision 0029): the streamed walk serialises each
stored row exactly as `AuditEvent.compute_hash` does, reports its speed and
the bare SHA-256 ratio, leaves checkpoints and walks on from them, and still
catches tampering before and after a checkpoint."""

from __future__ import annotations

import hashlib
import re
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from prevent.audit.erasure import erase_personal_details
from prevent.audit.models import AuditCheckpoint, AuditEvent
from prevent.audit.verify import _stream, row_bytes, verify_chain

from .tamper import audit_triggers_disabled, raw_sql
from .test_erasure import append_version_1

pytestmark = pytest.mark.django_db

AWKWARD_CHANGES: list[dict[str, Any]] = [
    {},
    {"name": {"before": "Zoë O'Brien-Łukasz", "after": 'He said "no" \\ \t\n'}},
    {"n": {"before": 1.5, "after": 10**18}, "flag": {"before": True, "after": None}},
    {"list": {"before": [3, 1, 2], "after": ["\u03b2", "\u03b1"]}, "empty": {"before": "", "after": {}}},
    {"emoji": {"before": "🙂", "after": "\u2028 line separator"}, "z": 1, "a": 2},
]


def command(*args: str) -> str:
    out = StringIO()
    call_command("verify_audit", *args, stdout=out)
    return out.getvalue()


def test_the_fast_serialisation_is_the_models_for_every_kind_of_event(record: Any, make_user: Any) -> None:
    actor = make_user("spoc")
    for n, changes in enumerate(AWKWARD_CHANGES):
        record(
            actor=actor if n % 2 else None,
            action="thing_done",
            summary=f"Évènement {n} \x01",
            changes=changes,
        )
    append_version_1("An old event about Zoë", {"old": {"before": "ä", "after": 2}})
    rows = list(_stream(0, 2))
    assert len(rows) == AuditEvent.objects.count() == len(AWKWARD_CHANGES) + 1
    for row in rows:
        event = AuditEvent.objects.get(pk=row[0])
        outer, _inner = row_bytes(row)
        assert hashlib.sha256(outer).hexdigest() == event.compute_hash() == event.hash
    assert verify_chain(batch_size=2).ok


def test_a_stored_value_that_only_the_model_canonicalises_is_judged_by_the_model(record: Any) -> None:
    """1.0 is stored where 1 was hashed: the fast bytes differ, the model's
    canonical form (whole floats become ints) still holds, and so does the chain."""
    event = record(
        actor=None, action="thing_done", summary="Counted", changes={"n": {"before": 1, "after": 2}}
    )
    with audit_triggers_disabled():
        raw_sql(
            "UPDATE audit_auditevent SET changes = %s WHERE id = %s",
            ['{"n": {"before": 1.0, "after": 2}}', event.pk],
        )
    outer, _inner = row_bytes(next(_stream(0, 10)))
    assert hashlib.sha256(outer).hexdigest() != event.hash
    assert verify_chain().ok


def test_the_command_reports_speed_and_the_bare_sha256_ratio(record: Any) -> None:
    for n in range(30):
        record(
            actor=None, action="thing_done", summary=f"Event {n}", changes={"n": {"before": n, "after": n}}
        )
    out = command("--measure", "--batch-size", "7")
    assert "Audit chain intact: 30 events verified." in out
    assert re.search(r"Walked in [\d.]+ s: [\d,]+ events/s, [\d,.]+ MB/s\.", out)
    assert re.search(r"Bare SHA-256 over the same [\d,.]+ MB: [\d,]+ events/s", out)
    assert re.search(r"Ratio: the walk runs at \d+ % of reading the rows and SHA-256 alone", out)


def test_a_walk_that_holds_leaves_a_checkpoint_and_the_next_walks_on_from_it(record: Any) -> None:
    events = [record(actor=None, action="thing_done", summary=f"Event {n}") for n in range(4)]
    command()
    checkpoint = AuditCheckpoint.objects.get()
    assert (checkpoint.last_event_id, checkpoint.last_hash, checkpoint.events_checked) == (
        events[-1].pk,
        events[-1].hash,
        4,
    )
    more = [record(actor=None, action="thing_done", summary=f"Later {n}") for n in range(3)]
    out = command("--from-checkpoint")
    assert f"Audit chain intact: 3 events verified after the checkpoint at event #{events[-1].pk}." in out
    assert AuditCheckpoint.objects.order_by("-last_event_id").first().last_event_id == more[-1].pk  # type: ignore[union-attr]


def test_no_checkpoint_writes_nothing(record: Any) -> None:
    record(actor=None, action="thing_done", summary="Event")
    command("--no-checkpoint")
    assert not AuditCheckpoint.objects.exists()


def test_a_broken_chain_leaves_no_checkpoint(record: Any) -> None:
    events = [record(actor=None, action="thing_done", summary=f"Event {n}") for n in range(3)]
    with audit_triggers_disabled():
        raw_sql("UPDATE audit_auditevent SET summary = %s WHERE id = %s", ["Changed", events[1].pk])
    with pytest.raises(CommandError, match=rf"Event #{events[1].pk} has been altered"):
        command()
    assert not AuditCheckpoint.objects.exists()


def test_tampering_after_the_checkpoint_is_caught_from_the_checkpoint(record: Any) -> None:
    before = [record(actor=None, action="thing_done", summary=f"Event {n}") for n in range(3)]
    command()
    after = [record(actor=None, action="thing_done", summary=f"Later {n}") for n in range(3)]
    with audit_triggers_disabled():
        raw_sql("UPDATE audit_auditevent SET summary = %s WHERE id = %s", ["Changed", after[1].pk])
    with pytest.raises(CommandError, match=rf"Event #{after[1].pk} has been altered"):
        command("--from-checkpoint")
    report = verify_chain(from_checkpoint=True)
    assert (report.broken_event_id, report.from_event_id) == (after[1].pk, before[-1].pk)


def test_a_deletion_after_the_checkpoint_is_caught_from_the_checkpoint(record: Any) -> None:
    [record(actor=None, action="thing_done", summary=f"Event {n}") for n in range(3)]
    command()
    after = [record(actor=None, action="thing_done", summary=f"Later {n}") for n in range(3)]
    with audit_triggers_disabled():
        raw_sql("DELETE FROM audit_auditevent WHERE id = %s", [after[0].pk])
    with pytest.raises(CommandError, match=rf"Event #{after[0].pk} is missing"):
        command("--from-checkpoint")


def test_tampering_with_the_checkpointed_event_itself_is_caught(record: Any) -> None:
    events = [record(actor=None, action="thing_done", summary=f"Event {n}") for n in range(3)]
    command()
    with audit_triggers_disabled():
        raw_sql("UPDATE audit_auditevent SET summary = %s WHERE id = %s", ["Changed", events[-1].pk])
    with pytest.raises(CommandError, match=rf"Event #{events[-1].pk} is not the event last verified"):
        command("--from-checkpoint")


def test_tampering_before_the_checkpoint_is_caught_by_the_whole_walk(record: Any) -> None:
    """A walk from the checkpoint trusts what it verified before; the whole
    walk (the default, and what a restore runs) catches what changed since."""
    events = [record(actor=None, action="thing_done", summary=f"Event {n}") for n in range(4)]
    command()
    record(actor=None, action="thing_done", summary="Later")
    with audit_triggers_disabled():
        raw_sql("UPDATE audit_auditevent SET summary = %s WHERE id = %s", ["Changed", events[1].pk])
    assert verify_chain(from_checkpoint=True).ok
    with pytest.raises(CommandError, match=rf"Event #{events[1].pk} has been altered"):
        command()


def test_an_erasure_after_the_checkpoint_still_verifies_both_ways(record: Any) -> None:
    events = [record(actor=None, action="thing_done", summary=f"About Zoë {n}") for n in range(3)]
    old = append_version_1("An old event about Zoë", {"name": {"before": None, "after": "Zoë"}})
    command()
    with transaction.atomic():
        erase_personal_details(actor=None, event_ids=[events[0].pk, old.pk], why="test")
    assert verify_chain(from_checkpoint=True).ok
    assert verify_chain().ok, verify_chain().message
