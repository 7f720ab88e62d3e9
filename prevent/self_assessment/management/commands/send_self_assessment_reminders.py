"""Email SPOCs before their self-assessment's review date (30 days) and when
its actions fall overdue. Links only, no case details. Safe to run as often
as you like (e.g. daily from cron): what was sent is recorded and not sent
again."""

from __future__ import annotations

import os
from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from prevent.self_assessment.services import reminders_send


class Command(BaseCommand):
    help = "Send self-assessment review and overdue-action reminders to SPOCs."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--base-url",
            default="",
            help="The service's address for the links, e.g. https://prevent.example.gov.uk "
            "(default: the PREVENT_BASE_URL setting or environment variable)",
        )
        parser.add_argument("--today", default="", help="Run as if today were this date (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        base_url = (
            options["base_url"]
            or getattr(settings, "PREVENT_BASE_URL", "")
            or os.environ.get("PREVENT_BASE_URL", "")
        )
        if not base_url:
            raise CommandError("Give the service's address with --base-url or PREVENT_BASE_URL")
        try:
            today = date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
        except ValueError as error:
            raise CommandError("--today must be a date like 2026-03-27") from error
        sent = reminders_send(today=today, base_url=base_url)
        self.stdout.write(
            f"Sent {sent['review_due']} review reminder(s) and "
            f"{sent['action_overdue']} overdue-action reminder(s)."
        )
