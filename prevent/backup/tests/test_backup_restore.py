"""manage.py backup, restore and restore_drill, on whichever database the
suite runs on (CI runs it on SQLite and on PostgreSQL: .ci/run).

These tests commit (pg_dump reads committed rows in its own connection, and
SQLite's backup API refuses a target inside a transaction), so they are
transactional; their flush steps past the audit table's triggers."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from prevent.accounts.models import User
from prevent.audit.models import AuditEvent
from prevent.audit.services import record_event
from prevent.audit.verify import verify_chain
from prevent.backup.backups import private_root, sha256_of
from tests.browser import conftest as browser_fixtures
from tests.factories import UserFactory

_flush_past_audit_triggers = browser_fixtures._flush_past_audit_triggers

pytestmark = pytest.mark.django_db(transaction=True)


def _events(n: int, start: int = 0) -> None:
    with transaction.atomic():
        for i in range(start, start + n):
            record_event(actor=None, actor_label="test", action="sign_in_failed", summary=f"Event {i}")


def _save(name: str, content: bytes) -> str:
    saved: str = default_storage.save(name, ContentFile(content))
    return saved


def _read(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        data: bytes = handle.read()
    return data


@pytest.fixture
def world() -> dict[str, Any]:
    user = UserFactory(full_name="Alex Before", email="alex.before@example.org")
    _events(3)
    kept = _save("backup-test/kept.txt", b"kept as it was")
    changed = _save("backup-test/changed.txt", b"the original words")
    deleted = _save("backup-test/deleted.txt", b"deleted after the backup")
    return {"user": user, "kept": kept, "changed": changed, "deleted": deleted}


def test_restore_brings_back_the_data_and_the_files_and_the_audit_log_verifies(
    tmp_path: Path, world: dict[str, Any]
) -> None:
    target = tmp_path / "backup"
    out = io.StringIO()
    call_command("backup", to=str(target), stdout=out)
    assert "Backed up to" in out.getvalue()
    manifest = json.loads((target / "manifest.json").read_text())
    assert manifest["engine"] == connection.vendor
    assert manifest["files"][world["changed"]] == sha256_of(private_root() / world["changed"])
    events_at_backup = AuditEvent.objects.count()
    users_at_backup = User.objects.count()

    # Afterwards: rows changed, added and deleted; files changed, deleted, added; more audit.
    user = world["user"]
    User.objects.filter(pk=user.pk).update(full_name="Alex After")
    UserFactory(full_name="Added Later", email="added.later@example.org")
    _events(2, start=3)
    with (private_root() / world["changed"]).open("wb") as handle:
        handle.write(b"overwritten")
    default_storage.delete(world["deleted"])
    added = _save("backup-test/added.txt", b"added after the backup")

    out = io.StringIO()
    call_command("restore", source=str(target), interactive=False, stdout=out)

    assert "The audit log verifies" in out.getvalue()
    assert User.objects.get(pk=user.pk).full_name == "Alex Before"
    assert not User.objects.filter(email="added.later@example.org").exists()
    assert User.objects.count() == users_at_backup
    # The restored log, and after it the restore itself.
    assert AuditEvent.objects.count() == events_at_backup + 1
    restore_event = AuditEvent.objects.order_by("-id").first()
    assert restore_event is not None
    assert restore_event.action == "backup_restored"
    assert manifest["created_at"] in restore_event.summary
    assert _read(world["kept"]) == b"kept as it was"
    assert _read(world["changed"]) == b"the original words"
    assert _read(world["deleted"]) == b"deleted after the backup"
    assert not default_storage.exists(added)
    assert verify_chain().ok
    # The restored service goes on working: the chain takes new events.
    _events(1, start=10)
    assert verify_chain().ok


def test_a_damaged_backup_is_refused_before_anything_is_changed(
    tmp_path: Path, world: dict[str, Any]
) -> None:
    target = tmp_path / "backup"
    call_command("backup", to=str(target), stdout=io.StringIO())
    (target / "files" / world["kept"]).write_bytes(b"tampered")
    User.objects.filter(pk=world["user"].pk).update(full_name="Alex After")

    with pytest.raises(CommandError, match=f"files/{world['kept']} does not match its SHA-256 sum"):
        call_command("restore", source=str(target), interactive=False, stdout=io.StringIO())

    assert User.objects.get(pk=world["user"].pk).full_name == "Alex After"


def test_a_backup_goes_only_into_a_new_directory(tmp_path: Path, world: dict[str, Any]) -> None:
    (tmp_path / "something.txt").write_text("already here")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("backup", to=str(tmp_path), stdout=io.StringIO())


def test_the_restore_drill_restores_into_a_scratch_database_and_verifies(
    tmp_path: Path, world: dict[str, Any]
) -> None:
    events = AuditEvent.objects.count()
    out = io.StringIO()
    call_command("restore_drill", workdir=str(tmp_path), stdout=out)

    report = out.getvalue()
    assert "Restore drill passed." in report
    assert f"audit_auditevent: {events}\n" in report
    assert f"verify_audit: Audit chain intact: {events} events verified." in report
    # The live database was not touched, and the scratch copy is gone.
    assert User.objects.get(pk=world["user"].pk).full_name == "Alex Before"
    assert AuditEvent.objects.count() == events
    assert list(tmp_path.iterdir()) == []


def test_the_restore_drill_fails_when_the_backed_up_audit_log_does_not_verify(
    tmp_path: Path, world: dict[str, Any]
) -> None:
    with browser_fixtures.audit_triggers_suspended(connection.ops):
        AuditEvent.objects.filter(summary="Event 1").update(summary="Rewritten")
    target = tmp_path / "backup"
    call_command("backup", to=str(target), stdout=io.StringIO())

    with pytest.raises(CommandError, match="verify_audit failed"):
        call_command("restore_drill", source=str(target), stdout=io.StringIO())
