"""The audit table's triggers as they stand (the latest migration that sets
them): for tests and tools that must suspend them and put them back."""

from __future__ import annotations

import importlib

_current = importlib.import_module("prevent.audit.migrations.0003_erasable_personal_fields")

SQLITE_FORWARD: list[str] = _current.SQLITE_FORWARD
SQLITE_REVERSE: list[str] = _current.SQLITE_REVERSE
