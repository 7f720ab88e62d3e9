"""Channel Panel meetings: schedule, members, agenda, attendance, notes, minutes, actions."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from prevent.accounts.models import User
from prevent.audit.services import changes_between, record_event
from prevent.core import clock
from prevent.core.models import Organisation
from prevent.policy import Action, can, require

from ..models import (
    AgendaItem,
    AgendaKind,
    Attendance,
    AttendanceStatus,
    CaseStatus,
    ChannelCase,
    PanelAction,
    PanelMeeting,
    PostExitReview,
)
from ._common import (
    _required,
    _taken_place,
    add_months,
)


def panel_generate_schedule(*, actor: User, first_on: date, months: int, location: str) -> list[PanelMeeting]:
    """Monthly meetings on the same day of the month, skipping existing dates.
    Members are copied from the latest earlier meeting."""
    require(actor, Action.SCHEDULE_PANEL_MEETINGS)
    errors: dict[str, str] = {}
    if not 1 <= months <= 24:
        errors["months"] = "The number of meetings must be between 1 and 24"
    if first_on < clock.today():
        errors["first_on"] = "The date of the first meeting must be today or in the future"
    if errors:
        raise ValidationError(errors)
    made: list[PanelMeeting] = []
    with transaction.atomic():
        previous = PanelMeeting.objects.filter(meeting_on__lt=first_on).order_by("-meeting_on").first()
        members = list(previous.members.all()) if previous else []
        for n in range(months):
            day = add_months(first_on, n)
            if PanelMeeting.objects.filter(meeting_on=day).exists():
                continue
            meeting = PanelMeeting.objects.create(meeting_on=day, location=location, created_by=actor)
            meeting.members.set(members)
            made.append(meeting)
        record_event(
            actor=actor,
            action="channel_panel_schedule_generated",
            summary=f"Scheduled {len(made)} Channel Panel meeting(s) from {first_on:%-d %B %Y}",
            object_type="channel.panelmeeting",
            object_id=",".join(str(m.pk) for m in made)[:60],
        )
    return made


def panel_set_members(*, actor: User, meeting: PanelMeeting, members: list[User]) -> PanelMeeting:
    require(actor, Action.MANAGE_PANEL_MEETING, meeting)
    if any(not can(m, Action.SIT_ON_CHANNEL_PANEL) for m in members):
        raise ValidationError({"members": "Select panel members only"})
    with transaction.atomic():
        before = sorted(meeting.members.values_list("pk", flat=True))
        meeting.members.set(members)
        record_event(
            actor=actor,
            action="channel_panel_members_set",
            summary=f"Set the members of {meeting}",
            obj=meeting,
            changes=changes_between({"members": before}, {"members": sorted(m.pk for m in members)}),
        )
    return meeting


def _agenda_add(actor: User, meeting: PanelMeeting, case: ChannelCase, kind: str) -> AgendaItem | None:
    if AgendaItem.objects.filter(meeting=meeting, case=case).exists():
        return None
    item = AgendaItem.objects.create(meeting=meeting, case=case, kind=kind, added_by=actor)
    record_event(
        actor=actor,
        action="channel_agenda_item_added",
        summary=f"Put case {case} on the agenda of {meeting} ({item.get_kind_display()})",
        obj=item,
    )
    return item


def panel_build_agenda(*, actor: User, meeting: PanelMeeting) -> list[AgendaItem]:
    """New cases, reviews of every open case, and post-exit reviews due
    before the following meeting. Cases already on the agenda stay as they are."""
    require(actor, Action.MANAGE_PANEL_MEETING, meeting)
    added: list[AgendaItem] = []
    horizon = add_months(meeting.meeting_on, 1)
    with transaction.atomic():
        plan: list[tuple[ChannelCase, str]] = []
        for case in ChannelCase.objects.filter(status=CaseStatus.PRELIMINARY).order_by("opened_at"):
            plan.append((case, AgendaKind.NEW_CASE))
        reviewed = [CaseStatus.AWAITING_CONSENT, CaseStatus.CONSENT_REFUSED, CaseStatus.SUPPORT]
        for case in ChannelCase.objects.filter(status__in=reviewed).order_by("opened_at"):
            plan.append((case, AgendaKind.REVIEW))
        due = PostExitReview.objects.filter(completed_at__isnull=True, due_on__lt=horizon).select_related(
            "case"
        )
        for review in due.order_by("due_on"):
            plan.append((review.case, AgendaKind.POST_EXIT_REVIEW))
        for case, kind in plan:
            item = _agenda_add(actor, meeting, case, kind)
            if item is not None:
                added.append(item)
    return added


def agenda_add_case(*, actor: User, meeting: PanelMeeting, case: ChannelCase, kind: str) -> AgendaItem:
    require(actor, Action.MANAGE_PANEL_MEETING, meeting)
    if kind not in AgendaKind.values:
        raise ValidationError({"kind": "Select why the case is on the agenda"})
    with transaction.atomic():
        item = _agenda_add(actor, meeting, case, kind)
    if item is None:
        raise ValidationError({"case": "That case is already on this meeting's agenda"})
    return item


def agenda_remove_case(*, actor: User, item: AgendaItem) -> None:
    require(actor, Action.MANAGE_PANEL_MEETING, item.meeting)
    with transaction.atomic():
        if item.decisions.exists():
            raise ValidationError("A case with a decision recorded at this meeting cannot be removed")
        record_event(
            actor=actor,
            action="channel_agenda_item_removed",
            summary=f"Removed case {item.case_id} from the agenda of {item.meeting}",
            obj=item,
        )
        item.delete()


def attendance_record(
    *, actor: User, meeting: PanelMeeting, agency: Organisation, representative: str, status: str
) -> Attendance:
    require(actor, Action.MANAGE_PANEL_MEETING, meeting)
    errors: dict[str, str] = {}
    _required(errors, representative, "representative", "Enter the name of the agency's representative")
    if status not in AttendanceStatus.values:
        errors["status"] = "Select whether they attended or sent apologies"
    if errors:
        raise ValidationError(errors)
    if status == AttendanceStatus.PRESENT:
        _taken_place(meeting, "status", "attendance")
    with transaction.atomic():
        row = Attendance.objects.create(
            meeting=meeting, agency=agency, representative=representative, status=status, recorded_by=actor
        )
        record_event(
            actor=actor,
            action="channel_attendance_recorded",
            summary=f"Recorded {agency.name} as {row.get_status_display().lower()} at {meeting}",
            obj=row,
        )
    return row


def agenda_record_notes(*, actor: User, item: AgendaItem, notes: str) -> AgendaItem:
    require(actor, Action.MANAGE_PANEL_MEETING, item.meeting)
    if not notes.strip():
        raise ValidationError({"notes": "Enter the notes of the discussion"})
    _taken_place(item.meeting, "notes", "notes")
    with transaction.atomic():
        before = item.notes
        item.notes = notes
        item.notes_recorded_at = clock.now()
        item.save(update_fields=["notes", "notes_recorded_at"])
        record_event(
            actor=actor,
            action="channel_agenda_notes_recorded",
            summary=f"Recorded notes on case {item.case_id} at {item.meeting}",
            obj=item,
            changes=changes_between({"notes": before}, {"notes": notes}),
        )
    return item


def meeting_record_minutes(*, actor: User, meeting: PanelMeeting, minutes: str) -> PanelMeeting:
    require(actor, Action.MANAGE_PANEL_MEETING, meeting)
    if not minutes.strip():
        raise ValidationError({"minutes": "Enter the minutes of the meeting"})
    _taken_place(meeting, "minutes", "minutes")
    with transaction.atomic():
        before = meeting.minutes
        meeting.minutes = minutes
        meeting.minutes_recorded_at = clock.now()
        meeting.save(update_fields=["minutes", "minutes_recorded_at"])
        record_event(
            actor=actor,
            action="channel_minutes_recorded",
            summary=f"Recorded the minutes of {meeting}",
            obj=meeting,
            changes=changes_between({"minutes": before}, {"minutes": minutes}),
        )
    return meeting


def action_add(
    *,
    actor: User,
    meeting: PanelMeeting,
    case: ChannelCase | None,
    description: str,
    owner: User,
    due_on: date,
) -> PanelAction:
    require(actor, Action.MANAGE_PANEL_MEETING, meeting)
    errors: dict[str, str] = {}
    _required(errors, description, "description", "Enter the action")
    if due_on < meeting.meeting_on:
        errors["due_on"] = "The date the action is due must be on or after the meeting"
    if case is not None and not AgendaItem.objects.filter(meeting=meeting, case=case).exists():
        errors["case"] = "Select a case on this meeting's agenda"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        action = PanelAction.objects.create(
            meeting=meeting, case=case, description=description, owner=owner, due_on=due_on, created_by=actor
        )
        record_event(
            actor=actor,
            action="channel_action_added",
            summary=f"Added action {action.pk} at {meeting}",
            obj=action,
        )
    return action


def action_mark_done(*, actor: User, action: PanelAction) -> PanelAction:
    require(actor, Action.MARK_PANEL_ACTION_DONE, action)
    with transaction.atomic():
        action = PanelAction.objects.select_for_update().get(pk=action.pk)
        if action.done_at is not None:
            raise ValidationError("This action is already done")
        action.done_at = clock.now()
        action.done_by = actor
        action.save(update_fields=["done_at", "done_by"])
        record_event(
            actor=actor, action="channel_action_done", summary=f"Marked action {action.pk} done", obj=action
        )
    return action


def meeting_viewed(*, actor: User, meeting: PanelMeeting) -> None:
    require(actor, Action.VIEW_PANEL_MEETING, meeting, hide=True)
    with transaction.atomic():
        record_event(actor=actor, action="channel_meeting_viewed", summary=f"Viewed {meeting}", obj=meeting)


def minutes_downloaded(*, actor: User, meeting: PanelMeeting) -> None:
    require(actor, Action.VIEW_PANEL_MEETING, meeting, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="channel_minutes_downloaded",
            summary=f"Downloaded the minutes of {meeting} (PDF)",
            obj=meeting,
        )
