"""The count of accounts created is seen by others while the accounts are
made in one transaction nobody else sees (ADR 0026): on PostgreSQL, through
a second connection committed at once. On SQLite (one writer at a time) the
count appears at the end; the tests of prevent/training/tests/test_import.py
cover both."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections

from prevent.accounts.roles import Role
from prevent.training import import_services
from prevent.training.models import ImportStatus, StaffImport

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="two writers at once need PostgreSQL"),
]


def test_the_count_created_is_seen_while_the_accounts_are_made_in_one_transaction(
    make_user: Any, org: Any, monkeypatch: Any
) -> None:
    spoc = make_user(Role.SPOC, organisation=org)
    record = StaffImport.objects.create(
        organisation=org,
        requested_by=spoc,
        file_name="staff.csv",
        base_url="http://testserver/",
        status=ImportStatus.IMPORTING,
        total=60,
        checked=60,
        rows=[
            {
                "row": i + 2,
                "name": f"Staff {i}",
                "email": f"staff{i}@school.example",
                "job_group": "all_staff",
            }
            for i in range(60)
        ],
    )
    onlooker = connections.create_connection(DEFAULT_DB_ALIAS)  # as the import's page would
    seen: list[tuple[int, int]] = []
    write = import_services._CreatedCount.__call__

    def watched(self: Any, count: int) -> None:
        write(self, count)
        if count % import_services.PROGRESS_EVERY == 0:
            with onlooker.cursor() as cursor:
                cursor.execute("SELECT created FROM training_staffimport WHERE id = %s", [record.pk])
                created = cursor.fetchone()[0]
                cursor.execute("SELECT count(*) FROM accounts_user WHERE organisation_id = %s", [org.pk])
                seen.append((created, cursor.fetchone()[0]))

    monkeypatch.setattr(import_services._CreatedCount, "__call__", watched)
    try:
        import_services.staff_import_run(staff_import_id=record.pk)
    finally:
        onlooker.close()
    # The count moved on while no account was visible yet (only the SPOC's).
    assert seen == [(25, 1), (50, 1)]
    record.refresh_from_db()
    assert (record.status, record.created) == (ImportStatus.DONE, 60)
