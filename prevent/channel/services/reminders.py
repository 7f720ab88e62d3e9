"""Reminders about overdue information requests, actions and post-exit reviews."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from django.db import transaction

from prevent.audit.services import record_event

from ..models import (
    InformationRequest,
    PanelAction,
    PostExitReview,
    RequestStatus,
)
from ._common import (
    _emails,
    _link,
    _send,
    agency_recipients,
)


def send_reminders(*, today: date, base_url: str) -> int:
    """Email about overdue information requests (the receiving agency),
    actions (their owner) and post-exit reviews (the case officer), links
    only, at most once per item per day."""
    sent = 0
    requests = (
        InformationRequest.objects.filter(status=RequestStatus.SENT, due_on__lt=today)
        .exclude(last_reminder_on=today)
        .select_related("case")
    )
    for request in requests[:500]:
        context = {
            "reference": request.case.reference,
            "link": _link(base_url, "channel:information-request", request.pk),
        }
        sent += _remind(
            request, "information_request_overdue", context, agency_recipients(request.agency_id), today
        )
    actions = (
        PanelAction.objects.filter(done_at__isnull=True, due_on__lt=today)
        .exclude(last_reminder_on=today)
        .select_related("owner", "meeting")
    )
    for action in actions[:500]:
        context = {
            "link": _link(base_url, "channel:panel-detail", action.meeting_id) + f"#action-{action.pk}"
        }
        sent += _remind(action, "action_overdue", context, _emails([action.owner]), today)
    reviews = (
        PostExitReview.objects.filter(completed_at__isnull=True, due_on__lt=today)
        .exclude(last_reminder_on=today)
        .select_related("case__case_officer")
    )
    for review in reviews[:500]:
        context = {
            "reference": review.case.reference,
            "months": str(review.months),
            "link": _link(base_url, "channel:case-detail", review.case_id) + f"#review-{review.pk}",
        }
        sent += _remind(review, "review_overdue", context, _emails([review.case.case_officer]), today)
    return sent


def _remind(item: Any, template: str, context: dict[str, Any], recipients: list[str], today: date) -> int:
    with transaction.atomic():
        locked = type(item).objects.select_for_update().get(pk=item.pk)
        if locked.last_reminder_on == today:
            return 0
        locked.last_reminder_on = today
        locked.save(update_fields=["last_reminder_on"])
        record_event(
            actor=None,
            actor_label="send_channel_reminders",
            action="channel_reminder_sent",
            summary=f"Sent a reminder ({template}) to {len(recipients)} recipient(s)",
            obj=locked,
        )
        transaction.on_commit(partial(_send, template, context, recipients))
    return 1 if recipients else 0
