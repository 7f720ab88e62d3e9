"""Load the transcribed practice guidance outside migrations.

The data migration 0002_seed_guidance holds the transcription and seeds it
when the database is migrated. Tests that flush the database (live-server
browser tests) and the demo-data command can call `load_guidance()` to put it
back; it is idempotent."""

from __future__ import annotations

from importlib import import_module

from django.apps import apps
from django.db import transaction


def load_guidance() -> None:
    migration = import_module("prevent.guidance.migrations.0002_seed_guidance")
    with transaction.atomic():
        migration.seed_guidance(apps, None)
