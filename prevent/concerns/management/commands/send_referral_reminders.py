"""Email the SPOCs about referrals past their expected response date
without an outcome (links only), at most once per referral per day.

Run daily, e.g. from cron: manage.py send_referral_reminders --base-url https://prevent.example"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from prevent.concerns.services import referral_send_reminders


class Command(BaseCommand):
    help = "Remind SPOCs of overdue referrals (at most once per referral per day)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--base-url",
            default=None,
            help="The service's address, for the links in the emails (default: PREVENT_BASE_URL)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = referral_send_reminders(
            today=timezone.localdate(), base_url=options["base_url"] or settings.PREVENT_BASE_URL
        )
        self.stdout.write(f"Sent {sent} referral reminder(s).")
