"""The self-assessment reminders (run by prevent.core.tasks.send_due_reminders,
`manage.py send_reminders`, daily).

For each organisation's latest submitted assessment, its SPOCs are emailed

- `self-assessment-review-due`: once the review date is 30 days away or
  less (and when it has passed), once for each review date;
- `self-assessment-action-overdue`: when an action not done passes its due
  date, once for each action and due date.

The emails carry a link to the assessment only, never its contents."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from prevent.accounts.models import User
from prevent.accounts.roles import Role
from prevent.core.notify import active_users_with_role
from prevent.core.tasks import Reminder, reminder

from .models import ActionStatus, Assessment, AssessmentAction, AssessmentStatus

REVIEW_DUE = "self-assessment-review-due"
ACTION_OVERDUE = "self-assessment-action-overdue"
REVIEW_REMINDER_DAYS = 30


def spoc_recipients(organisation_id: int) -> list[User]:
    """The organisation's active SPOCs."""
    return list(active_users_with_role(Role.SPOC, organisation=organisation_id))


def latest_submitted_assessments() -> list[Assessment]:
    """Each organisation's latest submitted assessment."""
    latest: dict[int, Assessment] = {}
    submitted = Assessment.objects.filter(status=AssessmentStatus.SUBMITTED).order_by(
        "organisation_id", "-assessed_on", "-pk"
    )
    for assessment in submitted:
        latest.setdefault(assessment.organisation_id, assessment)
    return list(latest.values())


def _summary(kind: str, recipients: list[User]) -> str:
    return f"Sent a {kind} reminder to {len(recipients)} SPOC(s)"


@reminder(REVIEW_DUE)
def reviews_due(today: date) -> Iterator[Reminder]:
    for assessment in latest_submitted_assessments():
        days = (assessment.review_due_on - today).days
        if days > REVIEW_REMINDER_DAYS:
            continue
        recipients = spoc_recipients(assessment.organisation_id)
        yield Reminder(
            key=f"review:{assessment.pk}:{assessment.review_due_on.isoformat()}",
            recipients=recipients,
            template="self_assessment/email/review_due",
            link_path=reverse("self_assessment:detail", args=[assessment.pk]),
            context={"review_due_on": assessment.review_due_on, "overdue": days < 0},
            about=assessment,
            summary=_summary("review due", recipients),
            audit_action="self_assessment_reminder_sent",
        )


@reminder(ACTION_OVERDUE)
def actions_overdue(today: date) -> Iterator[Reminder]:
    latest = {a.pk: a for a in latest_submitted_assessments()}
    overdue = (
        AssessmentAction.objects.filter(assessment_id__in=latest, due_on__lt=today)
        .exclude(status=ActionStatus.DONE)
        .order_by("assessment_id", "due_on", "pk")
    )
    for action in overdue:
        assessment = latest[action.assessment_id]
        recipients = spoc_recipients(assessment.organisation_id)
        yield Reminder(
            key=f"action:{action.pk}:{action.due_on.isoformat()}",
            recipients=recipients,
            template="self_assessment/email/actions_overdue",
            link_path=reverse("self_assessment:detail", args=[assessment.pk]),
            context={"count": 1},
            about=assessment,
            summary=_summary("action overdue", recipients),
            audit_action="self_assessment_reminder_sent",
        )
