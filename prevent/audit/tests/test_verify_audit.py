"""`manage.py verify_audit` passes on an intact chain and names the first
broken event after tampering with raw SQL (triggers switched off first)."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from prevent.audit.models import AuditEvent
from prevent.audit.verify import verify_chain

from .tamper import audit_triggers_disabled, raw_sql

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_events(record: Any, make_user: Any) -> list[AuditEvent]:
    actor = make_user("spoc")
    return [
        record(
            actor=actor,
            action="thing_done",
            summary=f"Event {n}",
            changes={"n": {"before": n, "after": n + 1}},
        )
        for n in range(5)
    ]


def verify() -> str:
    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


def test_passes_on_an_empty_log() -> None:
    assert "0 events verified" in verify()


def test_passes_on_an_intact_chain(five_events: list[AuditEvent]) -> None:
    assert "Audit chain intact: 5 events verified." in verify()


def test_names_an_event_altered_with_raw_sql(five_events: list[AuditEvent]) -> None:
    target = five_events[2]
    with audit_triggers_disabled():
        raw_sql("UPDATE audit_auditevent SET summary = %s WHERE id = %s", ["Nothing to see", target.id])
    with pytest.raises(CommandError, match=rf"Event #{target.id} has been altered"):
        verify()
    assert verify_chain().broken_event_id == target.id


def test_names_an_event_whose_changes_were_altered(five_events: list[AuditEvent]) -> None:
    target = five_events[1]
    with audit_triggers_disabled():
        AuditEvent.objects.filter(pk=target.pk).update(changes={"n": {"before": 1, "after": 99}})
    with pytest.raises(CommandError, match=rf"Event #{target.id} has been altered"):
        verify()


def test_an_altered_event_with_a_recomputed_hash_is_caught_by_the_next(five_events: list[AuditEvent]) -> None:
    target = AuditEvent.objects.get(pk=five_events[1].pk)
    target.summary = "Rewritten"
    with audit_triggers_disabled():
        raw_sql(
            "UPDATE audit_auditevent SET summary = %s, hash = %s WHERE id = %s",
            [
                target.summary,
                target.compute_hash(),
                target.id,
            ],
        )
    report = verify_chain()
    assert not report.ok
    assert report.broken_event_id == five_events[2].id
    assert f"#{target.id}" in report.message


def test_names_an_event_deleted_from_the_middle(five_events: list[AuditEvent]) -> None:
    missing = five_events[2]
    with audit_triggers_disabled():
        raw_sql("DELETE FROM audit_auditevent WHERE id = %s", [missing.id])
    with pytest.raises(CommandError, match=rf"Event #{missing.id} is missing"):
        verify()
    assert verify_chain().broken_event_id == missing.id


def test_names_the_first_event_when_it_is_deleted(five_events: list[AuditEvent]) -> None:
    with audit_triggers_disabled():
        raw_sql("DELETE FROM audit_auditevent WHERE id = %s", [five_events[0].id])
    with pytest.raises(CommandError, match=rf"Event #{five_events[0].id} is missing"):
        verify()


def test_reports_the_deletion_of_the_last_event(five_events: list[AuditEvent]) -> None:
    last = five_events[-1]
    with audit_triggers_disabled():
        raw_sql("DELETE FROM audit_auditevent WHERE id = %s", [last.id])
    with pytest.raises(CommandError, match=rf"Event #{last.id} is missing.*deleted from the end"):
        verify()
    assert verify_chain().broken_event_id == last.id


def test_reports_the_deletion_of_every_event(five_events: list[AuditEvent]) -> None:
    with audit_triggers_disabled():
        raw_sql("DELETE FROM audit_auditevent")
    with pytest.raises(CommandError, match=rf"Event #{five_events[0].id} is missing.*deleted from the end"):
        verify()


def test_reports_an_event_added_behind_the_services_back(five_events: list[AuditEvent]) -> None:
    last = AuditEvent.objects.get(pk=five_events[-1].pk)
    forged = AuditEvent(
        id=last.id + 1,
        occurred_at=last.occurred_at,
        action="forged",
        summary="Forged",
        previous_hash=last.hash,
    )
    forged.hash = forged.compute_hash()
    forged.save(force_insert=True)  # inserting is allowed: the table is append-only
    with pytest.raises(CommandError, match=rf"Event #{forged.id} was not written through the audit service"):
        verify()
