""" "Your work" groups from training records (registered with prevent.home.work
in TrainingConfig.ready): a practitioner's own training (due, expiring,
sessions to book); a SPOC's staff whose training expires within 60 days and
declared training waiting for them. Each asks the policy and costs a fixed
number of queries."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.urls import reverse

from prevent.concerns.work import LIMIT, WorkItem
from prevent.core import clock
from prevent.policy import Action, can, scoped

from . import selectors
from .models import Completion, CompletionStatus

if TYPE_CHECKING:
    from prevent.accounts.models import User
    from prevent.home.work import WorkSection


def _day(day: dt.date | None) -> str:
    from django.utils.dateformat import format as date_format

    return date_format(day, "j F Y") if day is not None else ""


def own_training_items(user: User) -> list[WorkItem]:
    """What the user's own training needs: courses due, completions expiring
    within 60 days, and sessions they may book (own_training: 4 queries)."""
    if not can(user, Action.VIEW_OWN_TRAINING):
        return []
    own = selectors.own_training(user)
    items = [
        WorkItem(course.title, reverse("training:index"), "Due", "Book a session or record it", overdue=True)
        for course in own.due
    ]
    items += [
        WorkItem(
            c.course.title,
            reverse("training:completion-detail", args=[c.pk]),
            "Expires soon",
            f"Current until {_day(c.valid_until)}",
        )
        for c in own.expiring
    ]
    items += [
        WorkItem(
            f"{s.course.title}, {_day(s.date)}",
            reverse("training:session-detail", args=[s.pk]),
            "Session to book",
            s.venue or "Online",
        )
        for s in own.sessions[:5]
    ]
    return items[:LIMIT]


def staff_expiring_items(user: User) -> list[WorkItem]:
    """The SPOC's staff whose confirmed training expires within 60 days,
    soonest first (1 query)."""
    organisation_id = user.organisation_id
    if organisation_id is None or not can(user, Action.VIEW_TRAINING_COMPLIANCE):
        return []
    today = clock.today()
    completions = (
        scoped(user, Action.VIEW_TRAINING_COMPLETION, Completion.objects.all())
        .filter(
            organisation_id=organisation_id,
            status=CompletionStatus.CONFIRMED,
            valid_until__gte=today,
            valid_until__lte=today + selectors.EXPIRING_WITHIN,
        )
        .select_related("user", "course")
        .order_by("valid_until", "pk")[:LIMIT]
    )
    return [
        WorkItem(
            f"{c.user.full_name}: {c.course.title}",
            reverse("training:completion-detail", args=[c.pk]),
            "Expires soon",
            f"Current until {_day(c.valid_until)}",
        )
        for c in completions
    ]


def to_confirm_items(user: User) -> list[WorkItem]:
    """Declared training the user may confirm (1 query)."""
    if not can(user, Action.CONFIRM_TRAINING_COMPLETION):
        return []
    return [
        WorkItem(
            f"{c.user.full_name}: {c.course.title}",
            reverse("training:completion-detail", args=[c.pk]),
            "To confirm",
            f"Completed {_day(c.completed_on)}",
        )
        for c in selectors.completions_to_confirm(user)[:LIMIT]
    ]


def fill_practitioner(user: User, section: WorkSection) -> None:
    from prevent.home.work import WorkGroup

    section.groups.append(
        WorkGroup("Your training", own_training_items(user), "Your training is up to date.")
    )


def fill_spoc(user: User, section: WorkSection) -> None:
    from prevent.home.work import WorkGroup, WorkLink

    section.groups += [
        WorkGroup(
            "Staff training expiring within 60 days",
            staff_expiring_items(user),
            "No staff training expires in the next 60 days.",
        ),
        WorkGroup("Training to confirm", to_confirm_items(user), "No declared training is waiting for you."),
    ]
    if user.organisation_id is not None:
        section.links.append(
            WorkLink("Training compliance", reverse("training:compliance", args=[user.organisation_id]))
        )
