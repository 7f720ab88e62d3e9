"""Email the SPOCs about referrals past their expected response date
without an outcome (links only), at most once per referral per day.

Run daily, e.g. from cron: manage.py send_referral_reminders --base-url https://prevent.example"""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from prevent.concerns.services import referral_send_reminders


class Command(BaseCommand):
    help = "Remind SPOCs of overdue referrals (at most once per referral per day)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--base-url",
            default=os.environ.get("PREVENT_BASE_URL", "http://localhost:8000"),
            help="The service's address, for the links in the emails",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = referral_send_reminders(today=timezone.localdate(), base_url=options["base_url"])
        self.stdout.write(f"Sent {sent} referral reminder(s).")
