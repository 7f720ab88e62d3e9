"""Send the reminders that are due, for every app (decision 0004).

Run daily from cron or a systemd timer, on one host:

    manage.py send_reminders

It queues the `send_due_reminders` task for the task worker
(`manage.py db_worker`); `--now` runs it in this process instead (the
emails still go through the task queue). `--today` runs as if it were that
date; `--only` runs just the named reminders (see `--list`). Safe to run as
often as you like: a reminder that was sent is never sent again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from prevent.core.tasks import registered_reminders, send_due_reminders


class Command(BaseCommand):
    help = "Send the reminders that are due (queues the send_due_reminders task)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--today", default="", help="Run as if today were this date (YYYY-MM-DD)")
        parser.add_argument(
            "--only", action="append", default=[], metavar="NAME", help="Only this reminder (repeatable)"
        )
        parser.add_argument("--now", action="store_true", help="Run here and now, not in the task worker")
        parser.add_argument("--list", action="store_true", help="List the registered reminders and stop")

    def handle(self, *args: Any, **options: Any) -> None:
        reminders = registered_reminders()
        if options["list"]:
            for name in reminders:
                self.stdout.write(name)
            return
        today = options["today"]
        if today:
            try:
                dt.date.fromisoformat(today)
            except ValueError as error:
                raise CommandError("--today must be a date like 2026-03-27") from error
        names = options["only"]
        unknown = sorted(set(names) - set(reminders))
        if unknown:
            raise CommandError(f"No reminder is registered as {', '.join(unknown)} (see --list)")
        if options["now"]:
            sent = send_due_reminders.call(today=today, names=names or None)
            for name, count in sent.items():
                self.stdout.write(f"{name}: sent {count} reminder(s)")
            return
        result = send_due_reminders.enqueue(today=today, names=names or None)
        self.stdout.write(f"Queued the reminders task ({result.id}).")
