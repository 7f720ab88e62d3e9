"""Audited exports of the statistics. Every export is a read of figures
about the partnership (suppressed, never about a person), recorded in the
audit log with what was exported."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from prevent.audit.services import record_event
from prevent.policy import Action, require

from .periods import Period
from .tables import district_label

if TYPE_CHECKING:
    from prevent.accounts.models import User

EXPORTS = {
    "csv": ("statistics_csv_exported", "Statistics exported as CSV"),
    "board_report": ("statistics_board_report_exported", "Partnership board report downloaded"),
    "national_return": ("statistics_national_return_exported", "National return exported"),
    "api": ("statistics_api_read", "Statistics read through the API"),
}


def statistics_exported(
    *, actor: User, kind: str, period: Period, district: str | None, detail: str = ""
) -> None:
    """Record that `actor` exported statistics (`kind`: csv, board_report or
    national_return) for a period and district."""
    require(actor, Action.EXPORT_STATISTICS)
    action, label = EXPORTS[kind]
    what = f"{label}: {period.label}, {district_label(district)}"
    if detail:
        what += f" ({detail})"
    with transaction.atomic():
        record_event(
            actor=actor, action=action, summary=what, object_type="statistics", object_id=period.slug
        )


def statistics_refresh_requested(*, actor: User) -> None:
    """A coordinator or an analyst asks for the statistics to be recounted
    now: audited, and the refresh queued as a task once that has committed."""
    require(actor, Action.REFRESH_STATISTICS)
    from .tasks import refresh_statistics_task

    with transaction.atomic():
        record_event(
            actor=actor,
            action="statistics_refresh_requested",
            summary="Asked for the statistics to be recounted",
            object_type="statistics",
            object_id="snapshots",
        )
        transaction.on_commit(lambda: refresh_statistics_task.enqueue())
