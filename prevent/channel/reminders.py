"""Channel reminders, sent by `prevent.core.tasks.send_due_reminders`
(`manage.py send_reminders`, daily): overdue information requests (to the
receiving agency), panel actions (to their owner) and post-exit reviews
(to the case officer: two weeks before they are due, and daily once
overdue). Links and references only; each item at most once a day (the
key holds the date)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse

from prevent.core.tasks import Reminder, reminder

from .models import InformationRequest, PanelAction, PostExitReview, RequestStatus
from .services import agency_recipients

LIMIT = 500
AUDIT_ACTION = "channel_reminder_sent"


def _key(pk: int, today: dt.date) -> str:
    return f"{pk}:{today.isoformat()}"


@reminder("channel-information-request-overdue")
def overdue_information_requests(today: dt.date) -> Iterator[Reminder]:
    requests = InformationRequest.objects.filter(status=RequestStatus.SENT, due_on__lt=today).select_related(
        "case"
    )
    for request in requests.order_by("due_on", "pk")[:LIMIT]:
        yield Reminder(
            key=_key(request.pk, today),
            recipients=agency_recipients(request.agency_id),
            template="channel/email/information_request_overdue",
            reference=request.case.reference,
            link_path=reverse("channel:information-request", args=[request.pk]),
            about=request,
            summary="Sent a reminder (information_request_overdue)",
            audit_action=AUDIT_ACTION,
        )


@reminder("channel-action-overdue")
def overdue_actions(today: dt.date) -> Iterator[Reminder]:
    actions = PanelAction.objects.filter(done_at__isnull=True, due_on__lt=today).select_related("owner")
    for action in actions.order_by("due_on", "pk")[:LIMIT]:
        yield Reminder(
            key=_key(action.pk, today),
            recipients=[action.owner],
            template="channel/email/action_overdue",
            link_path=reverse("channel:panel-detail", args=[action.meeting_id]) + f"#action-{action.pk}",
            about=action,
            summary="Sent a reminder (action_overdue)",
            audit_action=AUDIT_ACTION,
        )


@reminder("channel-review-overdue")
def overdue_reviews(today: dt.date) -> Iterator[Reminder]:
    reviews = PostExitReview.objects.filter(completed_at__isnull=True, due_on__lt=today).select_related(
        "case__case_officer"
    )
    for review in reviews.order_by("due_on", "pk")[:LIMIT]:
        yield Reminder(
            key=_key(review.pk, today),
            recipients=[review.case.case_officer],
            template="channel/email/review_overdue",
            reference=review.case.reference,
            link_path=reverse("channel:case-detail", args=[review.case_id]) + f"#review-{review.pk}",
            context={"months": review.months},
            about=review,
            summary="Sent a reminder (review_overdue)",
            audit_action=AUDIT_ACTION,
        )


REVIEW_DUE_NOTICE = dt.timedelta(days=14)


@reminder("channel-review-due")
def reviews_due(today: dt.date) -> Iterator[Reminder]:
    """A post-exit review due in the next two weeks: once per review."""
    reviews = PostExitReview.objects.filter(
        completed_at__isnull=True, due_on__gte=today, due_on__lte=today + REVIEW_DUE_NOTICE
    ).select_related("case__case_officer")
    for review in reviews.order_by("due_on", "pk")[:LIMIT]:
        yield Reminder(
            key=f"{review.pk}:due",
            recipients=[review.case.case_officer],
            template="channel/email/review_due",
            reference=review.case.reference,
            link_path=reverse("channel:case-detail", args=[review.case_id]) + f"#review-{review.pk}",
            context={"months": review.months, "due_on": review.due_on},
            about=review,
            summary="Sent a reminder (review_due)",
            audit_action=AUDIT_ACTION,
        )
