"""manage.py generate_scale_data --scale 0.01 --seed 1: a whole partnership's
records at a fraction of the national design target (prevent.core.scale),
for the bench. NOT for any database you care about.

Refuses unless the database is a throwaway one: its name (SQLite file or
PostgreSQL database) must contain "bench" or "scale", or
--yes-this-is-a-throwaway is given. Migrates first; the database must hold
no organisations, users, people, concerns or audit events yet."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection


def throwaway(name: str) -> bool:
    lowered = name.lower()
    return "bench" in lowered or "scale" in lowered


class Command(BaseCommand):
    help = "Fill a throwaway database with generated records at a scale of the national target."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=float, default=0.01, help="0.001 to 1 (1 = national target)")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--as-of", type=date.fromisoformat, default=None, help="the day 'today' is (YYYY-MM-DD)"
        )
        parser.add_argument("--yes-this-is-a-throwaway", action="store_true", dest="throwaway")
        parser.add_argument("--no-migrate", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        from prevent.core.scale import NotEmptyError, generate

        name = str(connection.settings_dict["NAME"])
        if not throwaway(name) and not options["throwaway"]:
            raise CommandError(
                f"Refusing to fill {name!r}: use a database whose name contains 'bench' or 'scale'"
            )
        scale = options["scale"]
        if not 0 < scale <= 1:
            raise CommandError("--scale must be more than 0 and at most 1")
        if not options["no_migrate"]:
            call_command("migrate", verbosity=0)
        started = time.perf_counter()
        try:
            ctx = generate(
                scale=scale,
                seed=options["seed"],
                as_of=options["as_of"],
                progress=options["verbosity"] >= 1,
                log=self.stdout.write if options["verbosity"] >= 2 else None,
            )
        except NotEmptyError as error:
            raise CommandError(str(error)) from None
        for label, count in ctx.counts.items():
            self.stdout.write(f"{label:<32} {count:>10,}")
        self.stdout.write(
            f"Generated scale {scale} (seed {options['seed']}) in {time.perf_counter() - started:.1f} s"
        )
