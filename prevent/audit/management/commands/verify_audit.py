"""`manage.py verify_audit`: walk the audit chain, name the first broken
event, and say how fast the walk went (decision 0029).

    manage.py verify_audit                    # the whole chain; leaves a checkpoint
    manage.py verify_audit --from-checkpoint  # on from the newest checkpoint
    manage.py verify_audit --measure          # also the bare SHA-256 floor and the ratio
    manage.py verify_audit --no-checkpoint    # write nothing (a read-only copy)
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prevent.audit.verify import bare_sha256, verify_chain


def _rate(events: int, size: int, seconds: float) -> str:
    seconds = max(seconds, 1e-9)
    return f"{events / seconds:,.0f} events/s, {size / 1e6 / seconds:,.1f} MB/s"


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; names the first broken event."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--from-checkpoint",
            action="store_true",
            help="Walk on from the newest checkpoint instead of from event #1.",
        )
        parser.add_argument(
            "--no-checkpoint", action="store_true", help="Do not record a checkpoint when the chain holds."
        )
        parser.add_argument(
            "--measure",
            action="store_true",
            help="Also time bare SHA-256 over the same rows and bytes, and print the ratio.",
        )
        parser.add_argument("--batch-size", type=int, default=5000, help="Rows read at a time (5000).")

    def handle(self, *args: Any, **options: Any) -> None:
        batch = max(1, int(options["batch_size"]))
        report = verify_chain(
            batch, from_checkpoint=options["from_checkpoint"], write_checkpoint=not options["no_checkpoint"]
        )
        if not report.ok:
            raise CommandError(report.message)
        self.stdout.write(self.style.SUCCESS(report.message))
        verbosity = int(options.get("verbosity", 1))
        if verbosity >= 1 and report.checked:
            self.stdout.write(
                f"Walked in {report.seconds:.2f} s: "
                f"{_rate(report.checked, report.bytes_hashed, report.seconds)}."
            )
        if options["measure"] and report.checked:
            bare = bare_sha256(batch, report.from_event_id)
            self.stdout.write(
                f"Bare SHA-256 over the same {bare.bytes / 1e6:,.1f} MB: "
                f"{_rate(bare.events, bare.bytes, bare.hash_seconds)}; with reading the rows "
                f"{_rate(bare.events, bare.bytes, bare.floor_seconds)}."
            )
            self.stdout.write(
                f"Ratio: the walk runs at {100 * bare.floor_seconds / max(report.seconds, 1e-9):.0f} % of "
                "reading the rows and SHA-256 alone, "
                f"{100 * bare.hash_seconds / max(report.seconds, 1e-9):.0f} % of SHA-256 alone."
            )
