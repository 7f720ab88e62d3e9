"""manage.py load_demo: the Oxfordshire partnership, a demo user for every
role and casework at every stage (prevent.home.demo). Idempotent: only
what is missing is seeded. Never for real data."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from prevent.home.demo.casework import Casework
from prevent.home.demo.meetings import meeting_times
from prevent.home.demo.notifications import read_old_notifications
from prevent.home.demo.partnership import Partnership, sign_in_table


class Command(BaseCommand):
    help = "Load the Oxfordshire demo partnership, demo users and casework (idempotent). Never for real data."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.PREVENT_DEMO_MODE:
            self.stderr.write(
                self.style.WARNING(
                    "Demo mode is off: demo users will still need an authenticator app. "
                    "Never load demo data where real data is kept."
                )
            )
        partnership = Partnership()
        users = partnership.load()
        seeded = Casework(users, partnership.organisations).load()
        seeded += meeting_times(users)
        seeded += read_old_notifications()
        self.stdout.write("")
        if seeded:
            self.stdout.write(f"Demo casework seeded: {', '.join(seeded)}.")
        else:
            self.stdout.write("Demo casework already there: nothing added.")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Sign in as any of these demo users:"))
        self.stdout.write("")
        for line in sign_in_table(settings.PREVENT_DEMO_MODE):
            self.stdout.write(line)
