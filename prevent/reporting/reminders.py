"""The statistics refresh, run each day with the reminders
(`manage.py send_reminders`): it sends nobody anything, it recounts the
snapshots the statistics pages read (prevent/reporting/snapshots.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from prevent.core.tasks import Reminder, reminder

from .snapshots import refresh_statistics

STATISTICS_REFRESH = "statistics-refresh"


@reminder(STATISTICS_REFRESH)
def refresh_snapshots(today: date) -> Iterator[Reminder]:
    """Recount every year's statistics snapshot; no email."""
    refresh_statistics()
    yield from ()
