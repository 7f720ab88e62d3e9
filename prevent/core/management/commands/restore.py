"""Replace the database and the private files with a backup's
(decision 0028, docs/operations.md "Restoring"):

    manage.py restore --from /srv/backups/prevent-hub-2026-12-01

Every SHA-256 sum in the backup's manifest is checked before anything is
touched; afterwards the row counts, the private files and the audit chain
(`verify_audit`) are checked, and the command fails if any does not hold.
Stop the service (gunicorn and the task worker) first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from prevent.backup.backups import BackupError, check_backup, describe, restore_backup


class Command(BaseCommand):
    help = "Replace the database and the private files with a backup's, then verify the audit log."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--from", dest="source", required=True, metavar="DIR", help="A backup directory")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive", help="Do not ask to confirm"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["source"])
        try:
            manifest = check_backup(source, engine=connection.vendor)
            if options["interactive"]:
                answer = input(
                    f"This replaces everything in the database {connection.settings_dict['NAME']} and the "
                    f"private files with the {describe(manifest)}.\nType 'restore' to go ahead: "
                )
                if answer.strip() != "restore":
                    raise CommandError("Restore cancelled: nothing was changed.")
            restore_backup(source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored the {describe(manifest)}. The audit log verifies."))
