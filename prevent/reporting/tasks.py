"""The statistics refresh as a background task (decision 0004, 0014)."""

from __future__ import annotations

from django.tasks import task


@task
def refresh_statistics_task(*, years: list[int] | None = None) -> list[int]:
    """Recount the statistics snapshots (every year with records, and the current one)."""
    from .snapshots import refresh_statistics

    return refresh_statistics(years)
