"""Kept for existing cron lines: `manage.py send_reminders --only referral-overdue`."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from prevent.concerns.reminders import REFERRAL_OVERDUE


class Command(BaseCommand):
    help = "Remind SPOCs of overdue referrals (same as send_reminders --only referral-overdue)."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command(
            "send_reminders", "--only", REFERRAL_OVERDUE, "--now", stdout=self.stdout, stderr=self.stderr
        )
