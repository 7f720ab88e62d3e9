"""The training reminders (run by prevent.core.tasks.send_due_reminders,
`manage.py send_reminders`, daily):

- `training-expiring`: a member of staff whose confirmed training is current
  for 30 days or fewer is emailed a link to their training page, once per
  completion;
- `training-monthly-summary`: on the first of each month, each
  organisation's SPOCs are emailed a link to its compliance page.

Links only, never names or figures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from django.urls import reverse

from prevent.accounts.roles import Role
from prevent.core.models import Organisation
from prevent.core.notify import active_users_with_role
from prevent.core.tasks import Reminder, reminder

from .models import Completion, CompletionStatus, Requirement

EXPIRING = "training-expiring"
MONTHLY = "training-monthly-summary"
EXPIRY_NOTICE = timedelta(days=30)


@reminder(EXPIRING)
def training_expiring(today: date) -> Iterator[Reminder]:
    soon = Completion.objects.filter(
        status=CompletionStatus.CONFIRMED,
        valid_until__gte=today,
        valid_until__lte=today + EXPIRY_NOTICE,
        user__is_active=True,
    ).select_related("user")
    for completion in soon:
        yield Reminder(
            key=f"completion:{completion.pk}",
            recipients=[completion.user],
            template="training/email/expiring",
            link_path=reverse("training:index"),
            about=completion,
            summary="Reminded a member of staff that their training expires soon",
        )


@reminder(MONTHLY)
def monthly_summary(today: date) -> Iterator[Reminder]:
    if today.day != 1:
        return
    planned = Requirement.objects.values_list("organisation_id", flat=True).distinct()
    for organisation in Organisation.objects.active().filter(pk__in=planned):
        recipients = list(active_users_with_role(Role.SPOC, organisation=organisation.pk))
        yield Reminder(
            key=f"summary:{organisation.pk}:{today:%Y-%m}",
            recipients=recipients,
            template="training/email/monthly_summary",
            link_path=reverse("training:compliance", args=[organisation.pk]),
            about=organisation,
            summary=f"Sent the monthly training summary to {len(recipients)} SPOC(s)",
        )
