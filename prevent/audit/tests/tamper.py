"""Tampering with the audit table for tests: the append-only triggers must
be switched off first, then back on.

SQLite has no way to disable a trigger, so it is dropped and recreated from
the migration's own SQL; PostgreSQL disables the table's user triggers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection

from prevent.audit import triggers as _triggers


@contextmanager
def audit_triggers_disabled() -> Iterator[None]:
    vendor = connection.vendor
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
        elif vendor == "sqlite":
            for statement in _triggers.SQLITE_REVERSE:
                cursor.execute(statement)
        else:  # pragma: no cover - only SQLite and PostgreSQL are supported
            raise NotImplementedError(vendor)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if vendor == "postgresql":
                cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")
            else:
                for statement in _triggers.SQLITE_FORWARD:
                    cursor.execute(statement)


def raw_sql(sql: str, params: list[Any] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
