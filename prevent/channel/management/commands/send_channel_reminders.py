"""Email reminders for overdue Channel information requests (to the
receiving agency), panel actions (to their owner) and post-exit reviews (to
the case officer). Links only, at most once per item per day.

Run daily, e.g. from cron: manage.py send_channel_reminders
(the links use PREVENT_BASE_URL unless --base-url is given)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from prevent.channel.services import send_reminders


class Command(BaseCommand):
    help = "Remind about overdue Channel information requests, actions and reviews (once per item per day)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--base-url", default=None, help="The service's address (default: PREVENT_BASE_URL)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_reminders(
            today=timezone.localdate(), base_url=options["base_url"] or settings.PREVENT_BASE_URL
        )
        self.stdout.write(f"Sent {sent} Channel reminder(s).")
