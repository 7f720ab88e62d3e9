"""A reminder function as an app's reminders.py would define it (the tests
put it in the registry themselves)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from prevent.core.tasks import Reminder

# The addresses that have something due; a test fills it.
DUE: list[str] = []


def overdue(today: dt.date) -> Iterator[Reminder]:
    for email in DUE:
        yield Reminder(
            key=f"{email}:{today.isoformat()}",
            recipients=[email],
            template="channel/email/action_overdue",
            link_path="/channel/panels/1/#action-1",
        )
