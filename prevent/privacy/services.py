"""Writes of the privacy app: the schedule, the review queue, keeping and
disposing, and the audited reads (exports, who looked). Each checks the
policy and records its audit event in one transaction; no event names a
person, only their record's number."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from prevent.accounts.roles import Role
from prevent.audit.services import record_event
from prevent.core import clock
from prevent.core.notify import active_users_with_role, notify
from prevent.people.models import Person
from prevent.policy import Action, require

from . import retention
from .disposal import dispose, plan_disposal
from .models import OPEN_REVIEW, Disposal, RetentionRule, ReviewItem, ReviewStatus

if TYPE_CHECKING:
    from prevent.accounts.models import User

MAX_KEEP_YEARS = 20


def retention_rule_set(*, actor: User, record_type: str, outcome: str, years: int) -> RetentionRule:
    require(actor, Action.MANAGE_RETENTION)
    row = retention.schedule_row(record_type, outcome)
    if row is None:
        raise ValidationError({"years": "Choose a row of the retention schedule"})
    if not retention.MIN_YEARS <= years <= retention.MAX_YEARS:
        raise ValidationError(
            {"years": f"The years must be between {retention.MIN_YEARS} and {retention.MAX_YEARS}"}
        )
    with transaction.atomic():
        before = retention.years_by_row()[(record_type, outcome)]
        rule, _ = RetentionRule.objects.update_or_create(
            record_type=record_type,
            outcome=outcome,
            defaults={"years": years, "changed_by": actor, "changed_at": clock.now()},
        )
        record_event(
            actor=actor,
            action="retention_rule_changed",
            summary=f"Changed the retention of '{row.label}' to {years} years",
            obj=rule,
            changes={"years": {"before": before, "after": years}},
        )
    return rule


def review_queue_refresh(*, today: dt.date | None = None) -> list[ReviewItem]:
    """Put in the review queue every person whose records are all past their
    disposal date, unless already there or kept until a later date. Run
    daily by the task (tasks.py); written by the system, not a user."""
    today = today or clock.today()
    years = retention.years_by_row()
    waiting = set(ReviewItem.objects.filter(status__in=OPEN_REVIEW).values_list("person_id", flat=True))
    kept = set(
        ReviewItem.objects.filter(status=ReviewStatus.KEPT, kept_until__gt=today).values_list(
            "person_id", flat=True
        )
    )
    people = (
        Person.objects.filter(merged_into__isnull=True)
        .exclude(pk__in=waiting | kept)
        .prefetch_related(
            "concerns__decisions",
            "concerns__referrals",
            "gateway_referrals__assessments",
            "channel_cases__post_exit_reviews",
        )
        .order_by("pk")
    )
    added: list[ReviewItem] = []
    with transaction.atomic():
        for person in people:
            dates = retention.person_dates(
                concerns=person.concerns.all(),
                gateway_referrals=person.gateway_referrals.all(),
                cases=person.channel_cases.all(),
                years=years,
            )
            due = dates.disposal_on
            if due is not None and due <= today:
                added.append(
                    ReviewItem(
                        person=person,
                        subject_id=person.pk,
                        due_on=due,
                        has_channel_case=dates.has_channel_case,
                    )
                )
        if added:
            ReviewItem.objects.bulk_create(added)
            record_event(
                actor=None,
                actor_label="Retention review (daily task)",
                action="retention_review_queued",
                summary=f"Put {len(added)} people's records in the retention review queue",
                object_type=ReviewItem._meta.label_lower,
                changes={"people": {"before": None, "after": [i.subject_id for i in added]}},
            )
            notify(
                recipients=active_users_with_role(Role.PREVENT_COORDINATOR),
                template="privacy/email/review_due",
                link_path=reverse("privacy:queue"),
                reference=f"{len(added)} new",
            )
    return added


def _locked(item: ReviewItem) -> ReviewItem:
    locked = ReviewItem.objects.select_for_update().get(pk=item.pk)
    if not locked.is_open:
        raise ValidationError({"decision": "This review has already been decided"})
    return locked


def review_keep(*, actor: User, item: ReviewItem, reason: str, until: dt.date | None) -> ReviewItem:
    """Keep the records past their date, for a reason, until a new date."""
    require(actor, Action.REVIEW_RETENTION)
    reason = (reason or "").strip()
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = "Enter why the records are being kept"
    today = clock.today()
    if until is None:
        errors["until"] = "Enter the date to review the records again"
    elif until <= today:
        errors["until"] = "The date to review the records again must be in the future"
    elif until > retention.add_years(today, MAX_KEEP_YEARS):
        errors["until"] = f"The date to review the records again must be within {MAX_KEEP_YEARS} years"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked(item)
        locked.status = ReviewStatus.KEPT
        locked.kept_reason = reason
        locked.kept_until = until
        locked.kept_by = actor
        locked.kept_at = clock.now()
        locked.save()
        record_event(
            actor=actor,
            action="retention_records_kept",
            summary=f"Kept the records of person {locked.subject_id} until {until:%-d %B %Y}",
            obj=locked,
            changes={"reason": {"before": None, "after": reason}, "until": {"before": None, "after": until}},
        )
    return locked


def review_dispose(*, actor: User, item: ReviewItem) -> Disposal | None:
    """Dispose of the person's records. With a Channel case, two different
    coordinators: the first asks (returns None), a second approves."""
    require(actor, Action.REVIEW_RETENTION)
    with transaction.atomic():
        locked = _locked(item)
        if locked.person_id is None:
            raise ValidationError({"decision": "These records have already been disposed of"})
        dates = retention.dates_for_person(locked.person_id)
        if dates.disposal_on is None or dates.disposal_on > clock.today():
            raise ValidationError(
                {"decision": "A record of this person is open or not yet due: keep them for review later"}
            )
        if dates.has_channel_case and locked.requested_by_id is None:
            locked.status = ReviewStatus.AWAITING_APPROVAL
            locked.requested_by = actor
            locked.requested_at = clock.now()
            locked.has_channel_case = True
            locked.save()
            record_event(
                actor=actor,
                action="disposal_requested",
                summary=f"Asked for the disposal of the records of person {locked.subject_id}",
                obj=locked,
            )
            others = active_users_with_role(Role.PREVENT_COORDINATOR).exclude(pk=actor.pk)
            notify(
                recipients=others,
                template="privacy/email/disposal_approval",
                link_path=reverse("privacy:review", args=[locked.pk]),
                reference=f"Review {locked.pk}",
            )
            return None
        if locked.requested_by_id == actor.pk:
            raise ValidationError(
                {"decision": "Another coordinator must approve the disposal of a Channel case"}
            )
        person = Person.objects.select_for_update().get(pk=locked.person_id)
        plan = plan_disposal(person)
        disposal = dispose(plan, actor=actor, requested_by=locked.requested_by)
        locked.refresh_from_db()
        locked.status = ReviewStatus.DISPOSED
        locked.disposal = disposal
        locked.save()
        record_event(
            actor=actor,
            action="records_disposed",
            summary=f"Disposed of the records of person {disposal.subject_id}",
            obj=disposal,
            changes={
                "removed": {"before": None, "after": disposal.removed},
                "files removed": {"before": None, "after": disposal.files_removed},
                "audit events erased": {"before": None, "after": disposal.audit_events_erased},
                "approved by": {
                    "before": None,
                    "after": [locked.requested_by_id, actor.pk] if locked.requested_by_id else [actor.pk],
                },
            },
        )
    return disposal


def subject_access_exported(*, actor: User, person: Person, kind: str) -> None:
    require(actor, Action.EXPORT_SUBJECT_ACCESS, person, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="subject_access_exported",
            summary=f"Downloaded the subject access export ({kind}) of person {person.pk}",
            obj=person,
        )


def subject_access_viewed(*, actor: User, person: Person) -> None:
    require(actor, Action.EXPORT_SUBJECT_ACCESS, person, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="subject_access_viewed",
            summary=f"Opened the subject access page of person {person.pk}",
            obj=person,
        )


def person_access_viewed(*, actor: User, person: Person) -> None:
    require(actor, Action.VIEW_PERSON_ACCESS, person, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="person_access_viewed",
            summary=f"Viewed who looked at the record of person {person.pk}",
            obj=person,
        )


def own_access_history_viewed(*, actor: User, page: int) -> None:
    require(actor, Action.VIEW_OWN_ACCESS_HISTORY)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="own_access_history_viewed",
            summary=f"Viewed their own access history, page {page}",
            object_type="accounts.user",
            object_id=str(actor.pk),
        )
