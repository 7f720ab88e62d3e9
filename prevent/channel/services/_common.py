"""What the Channel services share: the allowed moves of a case, dates, recipients."""

from __future__ import annotations

import calendar
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse

from prevent.accounts.models import User
from prevent.accounts.roles import Role
from prevent.core import clock
from prevent.core.notify import active_users_with_role, notify

from ..models import (
    CaseStatus,
    ChannelCase,
    DecisionOutcome,
    PanelMeeting,
)

# Allowed moves of a Channel case's status.
CASE_TRANSITIONS: dict[str, set[str]] = {
    CaseStatus.PRELIMINARY: {
        CaseStatus.AWAITING_CONSENT,
        CaseStatus.NOT_ADOPTED,
        CaseStatus.EXIT_RECOMMENDED,
    },
    CaseStatus.AWAITING_CONSENT: {
        CaseStatus.SUPPORT,
        CaseStatus.CONSENT_REFUSED,
        CaseStatus.EXIT_RECOMMENDED,
    },
    CaseStatus.CONSENT_REFUSED: {CaseStatus.SUPPORT, CaseStatus.EXIT_RECOMMENDED},
    CaseStatus.SUPPORT: {CaseStatus.CONSENT_REFUSED, CaseStatus.EXIT_RECOMMENDED},
    CaseStatus.EXIT_RECOMMENDED: {CaseStatus.EXITED},
    CaseStatus.NOT_ADOPTED: set(),
    CaseStatus.EXITED: set(),
}


# The status a confirmed decision moves the case to (None: it stays).
DECISION_TARGET: dict[str, str | None] = {
    DecisionOutcome.ADOPT: CaseStatus.AWAITING_CONSENT,
    DecisionOutcome.NOT_ADOPT: CaseStatus.NOT_ADOPTED,
    DecisionOutcome.EXIT: CaseStatus.EXIT_RECOMMENDED,
    DecisionOutcome.CONTINUE: None,
}


REVIEW_MONTHS = (6, 12)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _check_move(case: ChannelCase, to: str) -> None:
    if to not in CASE_TRANSITIONS.get(case.status, set()):
        raise ValidationError(
            f"A case that is {case.get_status_display().lower()} cannot become {CaseStatus(to).label.lower()}"
        )


def _move(case: ChannelCase, to: str) -> None:
    _check_move(case, to)
    case.status = to
    case.updated_at = clock.now()


def _required(errors: dict[str, str], value: str, field: str, message: str) -> None:
    if not (value or "").strip():
        errors[field] = message


def agency_recipients(agency_id: int) -> QuerySet[User]:
    """The agency's active Channel Panel Members (else its SPOCs)."""
    members = active_users_with_role(Role.CHANNEL_MEMBER, organisation=agency_id)
    return members if members.exists() else active_users_with_role(Role.SPOC, organisation=agency_id)


def _taken_place(meeting: PanelMeeting, field: str, what: str) -> None:
    if not meeting.has_taken_place():
        raise ValidationError(
            {
                field: f"You cannot record {what} for a meeting that has not yet taken place "
                f"({meeting.meeting_on:%-d %B %Y})"
            }
        )


def tell_case_officer(case: ChannelCase, actor: User, template: str, fragment: str = "") -> None:
    """Email the case officer (inside the service's transaction: sent once
    it commits) a link to the case and its reference; not when they made
    the change themselves."""
    if case.case_officer_id is None or case.case_officer_id == actor.pk:
        return
    notify(
        recipients=User.objects.filter(pk=case.case_officer_id),
        template=f"channel/email/{template}",
        reference=case.reference,
        link_path=reverse("channel:case-detail", args=[case.pk]) + (f"#{fragment}" if fragment else ""),
    )
