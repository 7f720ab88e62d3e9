"""Panel decisions: recorded at a meeting, moved only by the chair's
confirmation, superseded (never edited)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from prevent.accounts.models import User
from prevent.accounts.roles import Role
from prevent.audit.services import changes_between, record_event
from prevent.core import clock
from prevent.core.notify import active_users_with_role, notify
from prevent.policy import Action, can, require

from ..models import (
    AgendaItem,
    CaseStatus,
    ChannelCase,
    DecisionOutcome,
    PanelDecision,
    PanelMeeting,
)
from ._common import (
    CASE_TRANSITIONS,
    DECISION_TARGET,
    _move,
    _required,
    _taken_place,
)


def _validate_decision(case: ChannelCase, outcome: str, other_mechanism: str, rationale: str) -> None:
    errors: dict[str, str] = {}
    if outcome not in DecisionOutcome.values:
        errors["outcome"] = "Select the panel's decision"
    elif outcome == DecisionOutcome.ADOPT and case.status != CaseStatus.PRELIMINARY:
        errors["outcome"] = "Only a case in information gathering can be adopted"
    else:
        target = DECISION_TARGET[outcome]
        if target is None and not case.is_open:
            errors["outcome"] = "Only an open case can be kept under review"
        elif target is not None and target not in CASE_TRANSITIONS.get(case.status, set()):
            errors["outcome"] = (
                f"A case that is {case.get_status_display().lower()} cannot be given this decision"
            )
    if outcome == DecisionOutcome.NOT_ADOPT:
        _required(
            errors, other_mechanism, "other_mechanism", "Enter the support mechanism the case is referred to"
        )
    _required(errors, rationale, "rationale", "Enter the rationale for the decision")
    if errors:
        raise ValidationError(errors)


def decision_record(
    *,
    actor: User,
    meeting: PanelMeeting,
    case: ChannelCase,
    outcome: str,
    other_mechanism: str,
    rationale: str,
) -> PanelDecision:
    """A panel decision on a case on the meeting's agenda. Recorded by the
    chair, it is confirmed in the same step; recorded by anyone else, it
    waits for the chair, who is told."""
    require(actor, Action.MANAGE_PANEL_MEETING, meeting)
    item = AgendaItem.objects.filter(meeting=meeting, case=case).first()
    if item is None:
        raise ValidationError({"outcome": f"Case {case} is not on the agenda of this meeting"})
    _taken_place(meeting, "outcome", "decisions")
    _validate_decision(case, outcome, other_mechanism, rationale)
    with transaction.atomic():
        if case.decisions.filter(confirmed_at__isnull=True, superseded_at__isnull=True).exists():
            raise ValidationError({"outcome": "This case already has a decision waiting for the chair"})
        decision = PanelDecision.objects.create(
            agenda_item=item,
            case=case,
            outcome=outcome,
            other_mechanism=other_mechanism if outcome == DecisionOutcome.NOT_ADOPT else "",
            rationale=rationale,
            recorded_by=actor,
        )
        record_event(
            actor=actor,
            action="channel_decision_recorded",
            summary=f"Recorded the decision '{decision.get_outcome_display()}' on case {case} at {meeting}",
            obj=decision,
        )
        decision = _confirm_or_ask_the_chair(actor, decision)
    return decision


def _confirm_or_ask_the_chair(actor: User, decision: PanelDecision) -> PanelDecision:
    """Inside the recording transaction: the chair's own decision is
    confirmed at once; anyone else's waits, and the chair is told."""
    if can(actor, Action.CONFIRM_PANEL_DECISION, decision):
        return _confirm(actor, decision)
    notify(
        recipients=active_users_with_role(Role.CHANNEL_CHAIR).exclude(pk=actor.pk),
        template="channel/email/decision_to_confirm",
        reference=decision.case.reference,
        link_path=reverse("channel:decision-confirm", args=[decision.pk]),
    )
    return decision


def decision_confirm(*, actor: User, decision: PanelDecision) -> PanelDecision:
    """The chair confirms a decision: only now does the case move."""
    require(actor, Action.CONFIRM_PANEL_DECISION, decision)
    with transaction.atomic():
        return _confirm(actor, decision)


def _confirm(actor: User, decision: PanelDecision) -> PanelDecision:
    """Confirm (inside the caller's transaction): the case moves."""
    decision = PanelDecision.objects.select_for_update().get(pk=decision.pk)
    case = ChannelCase.objects.select_for_update().get(pk=decision.case_id)
    require(actor, Action.CONFIRM_PANEL_DECISION, decision)
    target = DECISION_TARGET[decision.outcome]
    before = case.status
    if target is not None:
        _move(case, target)
        case.save(update_fields=["status", "updated_at"])
    decision.confirmed_by = actor
    decision.confirmed_at = clock.now()
    decision.status_before = before
    decision.status_after = case.status
    decision.save(update_fields=["confirmed_by", "confirmed_at", "status_before", "status_after"])
    record_event(
        actor=actor,
        action="channel_decision_confirmed",
        summary=f"Confirmed the decision '{decision.get_outcome_display()}' on case {case}",
        obj=decision,
        changes=changes_between({"status": before}, {"status": case.status}),
    )
    return decision


def decision_supersede(
    *,
    actor: User,
    decision: PanelDecision,
    reason: str,
    outcome: str,
    other_mechanism: str,
    rationale: str,
) -> PanelDecision:
    """A new decision replaces an old one (kept, with the reason). A confirmed
    decision's move is undone first, if the case has not moved on since."""
    require(actor, Action.MANAGE_PANEL_MEETING, decision.agenda_item.meeting)
    if not reason.strip():
        raise ValidationError({"reason": "Enter the reason the decision is being replaced"})
    with transaction.atomic():
        old = PanelDecision.objects.select_for_update().get(pk=decision.pk)
        case = ChannelCase.objects.select_for_update().get(pk=old.case_id)
        if old.superseded_at is not None:
            raise ValidationError({"reason": "This decision has already been replaced"})
        before = case.status
        if old.confirmed_at is not None:
            if case.status != old.status_after:
                raise ValidationError(
                    {"reason": "The case has moved on since this decision: record a new decision"}
                )
            case.status = old.status_before
            case.updated_at = clock.now()
        _validate_decision(case, outcome, other_mechanism, rationale)
        case.save(update_fields=["status", "updated_at"])
        old.superseded_at = clock.now()
        old.superseded_reason = reason
        old.save(update_fields=["superseded_at", "superseded_reason"])
        new = PanelDecision.objects.create(
            agenda_item=old.agenda_item,
            case=case,
            outcome=outcome,
            other_mechanism=other_mechanism if outcome == DecisionOutcome.NOT_ADOPT else "",
            rationale=rationale,
            recorded_by=actor,
            supersedes=old,
        )
        record_event(
            actor=actor,
            action="channel_decision_superseded",
            summary=f"Replaced decision {old.pk} on case {case} with decision {new.pk}",
            obj=new,
            changes=changes_between({"status": before}, {"status": case.status}),
        )
        new = _confirm_or_ask_the_chair(actor, new)
    return new
