"""The concerns reminders (run by prevent.core.tasks.send_due_reminders)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from prevent.core.tasks import Reminder, reminder

from .models import Referral, ReferralStatus
from .services import spoc_recipients

REFERRAL_OVERDUE = "referral-overdue"


@reminder(REFERRAL_OVERDUE)
def overdue_referrals(today: date) -> Iterator[Reminder]:
    """The SPOCs (else the Prevent Coordinators) of a referral past its
    expected response date without an outcome: once a day per referral."""
    overdue = (
        Referral.objects.filter(expected_response_on__lt=today)
        .exclude(status=ReferralStatus.OUTCOME_RECEIVED)
        .select_related("concern")
        .order_by("pk")
    )
    for referral in overdue:
        yield Reminder(
            key=f"{referral.pk}:{today.isoformat()}",
            recipients=spoc_recipients(referral.concern.organisation_id),
            template="concerns/email/referral_overdue",
            reference=referral.concern.reference or "",
            link_path=reverse("concerns:detail", args=[referral.concern_id]) + f"#referral-{referral.pk}",
            context={"expected": referral.expected_response_on},
            about=referral,
            summary=f"Reminded the SPOC: referral {referral.pk} of concern {referral.concern} is overdue",
            audit_action="referral_reminder_sent",
        )
