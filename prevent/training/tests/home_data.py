"""Training work on "Your work" for prevent/home/tests/bulk.py HomeData:
`add_training_work(people, n)` adds n records to each training list (the
practitioner's sessions to book; the SPOC's staff training expiring and
declared training to confirm), in bulk."""

from __future__ import annotations

import datetime as dt
from typing import Any

from prevent.core import clock
from prevent.training.models import (
    Completion,
    CompletionSource,
    CompletionStatus,
    Course,
    CourseKind,
    TrainingSession,
)


def add_training_work(people: dict[str, Any], n: int) -> None:
    today = clock.today()
    wrap = Course.objects.get(kind=CourseKind.WRAP)
    staff, spoc, trainer = people["practitioner"], people["spoc"], people["coordinator"]
    TrainingSession.objects.bulk_create(
        TrainingSession(
            course=wrap,
            date=today + dt.timedelta(days=10 + i % 50),
            start_time=dt.time(9, 30),
            end_time=dt.time(12),
            venue="County Hall",
            trainer=trainer,
            capacity=20,
            created_by=trainer,
        )
        for i in range(n)
    )
    common = {"user": staff, "organisation_id": staff.organisation_id, "course": wrap, "recorded_by": staff}
    Completion.objects.bulk_create(
        [
            Completion(
                **common,
                completed_on=today - dt.timedelta(days=1000),
                valid_until=today + dt.timedelta(days=30),
                source=CompletionSource.ATTENDANCE,
                status=CompletionStatus.CONFIRMED,
                decided_by=spoc,
            )
            for _ in range(n)
        ]
        + [
            Completion(
                **common,
                completed_on=today - dt.timedelta(days=2),
                valid_until=today + dt.timedelta(days=1000),
                source=CompletionSource.DECLARED,
                status=CompletionStatus.PENDING,
            )
            for _ in range(n)
        ]
    )
