"""The database itself refuses UPDATE and DELETE on the audit table, on
SQLite and on PostgreSQL (run the suite with DATABASE_URL=postgres://...)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from prevent.audit.models import AuditEvent

from .tamper import audit_triggers_disabled, raw_sql

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(record: Any) -> AuditEvent:
    return record(summary="Original summary")


def test_raw_update_is_refused(event: AuditEvent) -> None:
    with pytest.raises(DatabaseError, match="append-only: UPDATE refused"), transaction.atomic():
        raw_sql("UPDATE audit_auditevent SET summary = %s WHERE id = %s", ["Changed", event.id])
    assert AuditEvent.objects.get(pk=event.pk).summary == "Original summary"


def test_raw_delete_is_refused(event: AuditEvent) -> None:
    with pytest.raises(DatabaseError, match="append-only: DELETE refused"), transaction.atomic():
        raw_sql("DELETE FROM audit_auditevent WHERE id = %s", [event.id])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_orm_update_and_delete_are_refused(event: AuditEvent) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(summary="Changed")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).summary == "Original summary"


def test_the_triggers_are_back_after_tampering(event: AuditEvent) -> None:
    with audit_triggers_disabled():
        raw_sql("UPDATE audit_auditevent SET summary = %s WHERE id = %s", ["Changed", event.id])
    assert AuditEvent.objects.get(pk=event.pk).summary == "Changed"
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw_sql("DELETE FROM audit_auditevent WHERE id = %s", [event.id])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_truncate_is_refused_on_postgresql(event: AuditEvent) -> None:
    with pytest.raises(DatabaseError, match="append-only: TRUNCATE refused"), transaction.atomic():
        raw_sql("TRUNCATE audit_auditevent")
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers with IMMEDIATE transactions"
)
def test_the_chain_head_stays_locked_until_the_recording_transaction_ends(record: Any) -> None:
    """A second writer cannot read the head (and fork the chain) while an
    event is uncommitted: it has to wait for the lock."""
    with CaptureQueriesContext(connection) as queries:
        record()  # this test's transaction now holds the head's row lock
    head_reads = [q["sql"] for q in queries.captured_queries if "audit_auditchainhead" in q["sql"]]
    assert "FOR UPDATE" in head_reads[0]  # locked before it is read
    outcome: list[str] = []

    def other_writer() -> None:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    "SELECT last_event_id FROM audit_auditchainhead WHERE id = 1 FOR UPDATE NOWAIT"
                )
                outcome.append("got the lock")
        except DatabaseError as error:
            outcome.append(f"refused: {error}")
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_writer)
    thread.start()
    thread.join(timeout=30)
    assert len(outcome) == 1 and outcome[0].startswith("refused: could not obtain lock"), outcome
