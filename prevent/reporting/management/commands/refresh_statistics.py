"""Recount the statistics snapshots now: `manage.py refresh_statistics [--year 2025 ...]`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from prevent.reporting.snapshots import refresh_statistics


class Command(BaseCommand):
    help = "Recount the statistics snapshots (every year with records and the current one, or --year)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, action="append", help="A financial year's first year.")

    def handle(self, *args: Any, **options: Any) -> None:
        years = refresh_statistics(options["year"])
        self.stdout.write(f"Refreshed the statistics of {len(years)} financial year(s): {years}")
