"""Exit: the chair's closing report, the exit itself, and the post-exit reviews."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from prevent.accounts.models import User
from prevent.audit.services import changes_between, record_event
from prevent.core import clock
from prevent.core.references import next_reference
from prevent.policy import Action, require

from ..models import (
    CaseStatus,
    ChannelCase,
    ClosingReport,
    DecisionOutcome,
    GatewayReferral,
    GatewaySource,
    PostExitReview,
    ReviewOutcome,
)
from ._common import (
    REVIEW_MONTHS,
    _move,
    _required,
    add_months,
    tell_case_officer,
)


def closing_report_complete(*, actor: User, case: ChannelCase, evidence: str) -> ClosingReport:
    """The chair's closing report setting out the evidence for exit."""
    require(actor, Action.COMPLETE_CLOSING_REPORT, case, hide=True)
    if not evidence.strip():
        raise ValidationError({"evidence": "Enter the evidence for the panel's recommendation"})
    with transaction.atomic():
        decision = (
            case.decisions.filter(
                outcome=DecisionOutcome.EXIT, confirmed_at__isnull=False, superseded_at__isnull=True
            )
            .order_by("-confirmed_at")
            .first()
        )
        if decision is None:
            raise ValidationError({"evidence": "The panel has not recommended exit"})
        if ClosingReport.objects.filter(case=case).exists():
            raise ValidationError({"evidence": "The closing report has already been completed"})
        report = ClosingReport.objects.create(
            case=case, decision=decision, evidence=evidence, completed_by=actor
        )
        record_event(
            actor=actor,
            action="channel_closing_report_completed",
            summary=f"Completed the closing report of case {case}",
            obj=report,
        )
    return report


def case_exit(*, actor: User, case: ChannelCase, exited_on: date | None = None) -> ChannelCase:
    """The case exits only once the chair's closing report exists; the 6-
    and 12-month reviews are created with their due dates."""
    require(actor, Action.EXIT_CHANNEL_CASE, case, hide=True)
    # Only the chair completes one (COMPLETE_CLOSING_REPORT).
    if not ClosingReport.objects.filter(case=case).exists():
        raise ValidationError("The case cannot exit until the chair has completed the closing report")
    day = exited_on or clock.today()
    with transaction.atomic():
        case = ChannelCase.objects.select_for_update().get(pk=case.pk)
        before = case.status
        _move(case, CaseStatus.EXITED)
        case.exited_on = day
        case.save(update_fields=["status", "updated_at", "exited_on"])
        PostExitReview.objects.bulk_create(
            PostExitReview(case=case, months=m, due_on=add_months(day, m)) for m in REVIEW_MONTHS
        )
        record_event(
            actor=actor,
            action="channel_case_exited",
            summary=f"Case {case} exited Channel; reviews due {add_months(day, 6)} and {add_months(day, 12)}",
            obj=case,
            changes=changes_between({"status": before}, {"status": case.status}),
        )
        tell_case_officer(case, actor, "case_exited", "reviews")
    return case


def post_exit_review_record(
    *, actor: User, review: PostExitReview, outcome: str, notes: str
) -> PostExitReview:
    """The outcome of a post-exit review; a re-referral opens a new gateway
    referral linked to the old case."""
    require(actor, Action.RECORD_POST_EXIT_REVIEW, review)
    errors: dict[str, str] = {}
    if outcome not in ReviewOutcome.values:
        errors["outcome"] = "Select the outcome of the review"
    _required(errors, notes, "notes", "Enter the notes of the review")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        review = (
            PostExitReview.objects.select_for_update(of=("self",)).select_related("case").get(pk=review.pk)
        )
        if review.completed_at is not None:
            raise ValidationError("This review has already been recorded")
        review.outcome = outcome
        review.notes = notes
        review.completed_by = actor
        review.completed_at = clock.now()
        if outcome == ReviewOutcome.RE_REFERRAL:
            review.new_referral = GatewayReferral.objects.create(
                reference=next_reference("GW"),
                source=GatewaySource.RE_REFERRAL,
                previous_case=review.case,
                person_id=review.case.person_id,
                summary=f"Re-referral after the {review.months}-month post-exit review of {review.case}",
                received_on=clock.today(),
                created_by=actor,
            )
        review.save()
        record_event(
            actor=actor,
            action="channel_post_exit_review_recorded",
            summary=(
                f"Recorded the {review.months}-month review of case {review.case}: "
                f"{review.get_outcome_display()}"
            ),
            obj=review,
        )
    return review
