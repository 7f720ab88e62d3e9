"""Back up the database and the private files into a new directory
(decision 0028, docs/operations.md "Backups"):

    manage.py backup --to /srv/backups/prevent-hub-2026-12-01

SQLite is copied with its online backup API, PostgreSQL with
`pg_dump --format=custom`; the private files are copied beside it with a
manifest of SHA-256 sums that `restore` checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from prevent.backup.backups import BackupError, describe, take_backup


class Command(BaseCommand):
    help = "Back up the database and the private files into a new directory."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--to", required=True, metavar="DIR", help="A new (or empty) directory")

    def handle(self, *args: Any, **options: Any) -> None:
        target = Path(options["to"])
        try:
            manifest = take_backup(target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backed up to {target}: {describe(manifest)}."))
