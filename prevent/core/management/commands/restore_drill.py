"""The restore drill for operators (decision 0028, docs/operations.md):

    manage.py restore_drill                   # back up now, then drill that backup
    manage.py restore_drill --from DIR        # drill an existing backup

Restores the backup into a scratch database (a temporary SQLite file, or a
new PostgreSQL database dropped afterwards; `--scratch NAME` gives an
existing empty one instead), runs `verify_audit` against it in a separate
process, compares every table's row count with the backup's manifest and
checks every private file's SHA-256 sum. Never touches the live database or
files. Exits non-zero when anything does not hold."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from prevent.backup.backups import BackupError, describe, restore_drill


class Command(BaseCommand):
    help = "Restore a backup into a scratch database, run verify_audit there, compare row counts; report."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--from", dest="source", default="", metavar="DIR", help="Drill this backup")
        parser.add_argument(
            "--scratch", default="", help="An existing empty database (or SQLite file) to use"
        )
        parser.add_argument(
            "--workdir", default="", help="Where to put temporary files (default: the system's)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = restore_drill(
                workdir=Path(options["workdir"]) if options["workdir"] else None,
                backup=Path(options["source"]) if options["source"] else None,
                scratch=options["scratch"],
            )
        except BackupError as error:
            raise CommandError(f"Restore drill failed: {error}") from error
        self.stdout.write(f"Drilled the {describe(report.manifest)}, restored into {report.scratch}.")
        self.stdout.write("Private files: every SHA-256 sum matches the manifest.")
        for table, count in sorted(report.restored_counts.items()):
            expected = report.manifest["row_counts"].get(table)
            mark = "" if expected == count else f"  (backup: {expected})"
            self.stdout.write(f"  {table}: {count}{mark}")
        self.stdout.write(f"verify_audit: {report.verify_output}")
        if not report.ok:
            raise CommandError(
                "Restore drill failed: " + "; ".join(report.problems or ["verify_audit failed"])
            )
        self.stdout.write(self.style.SUCCESS("Restore drill passed."))
