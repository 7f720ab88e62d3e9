"""Channel Panel meetings: schedule, members, agenda, attendance, notes, minutes, actions."""

from __future__ import annotations

import functools
from datetime import date, time, timedelta

import holidays
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from prevent.accounts.models import User
from prevent.audit.services import changes_between, record_event
from prevent.core import clock
from prevent.core.models import Organisation
from prevent.core.notify import notify
from prevent.core.versioning import save_versioned
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


@functools.cache
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    """Not a Saturday, a Sunday or a bank holiday in England and Wales
    (the `holidays` package: UK, subdivision "ENG"; England and Wales share
    their bank holidays, including substitute days)."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def next_working_day(day: date) -> date:
    """`day`, or the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


class Schedule(list[PanelMeeting]):
    """The meetings a schedule made, with what it had to say about the dates:
    `moved` (asked for, held on) for dates that fell on a weekend or a bank
    holiday, `already` for dates that already had a meeting (none added)."""

    def __init__(self) -> None:
        super().__init__()
        self.moved: list[tuple[date, date]] = []
        self.already: list[date] = []


def _check_times(errors: dict[str, str], starts_at: time | None, ends_at: time | None) -> None:
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        errors["ends_at"] = "The end time must be after the start time"
    if ends_at is not None and starts_at is None:
        errors["starts_at"] = "Enter the start time"


def _check_link(errors: dict[str, str], online_link: str) -> None:
    if online_link and not online_link.lower().startswith("https://"):
        errors["online_link"] = "Enter the online meeting link starting with https://"


def _invitation(meeting: PanelMeeting, method: str = "REQUEST") -> list[tuple[str, str, str]]:
    from ..invitations import CONTENT_TYPE, invitation_filename, meeting_invitation

    ics = meeting_invitation(meeting, method=method).decode()
    return [(invitation_filename(meeting), ics, f"{CONTENT_TYPE}; method={method}")]


def _tell_members(meeting: PanelMeeting, template: str, members: list[User], *, ics: str = "") -> None:
    """The members are told, with a link to the meeting and its date as the
    reference (never a case or a person); `ics`: attach the invitation
    ("REQUEST") or its cancellation ("CANCEL")."""
    notify(
        recipients=members,
        template=f"channel/email/{template}",
        reference=str(meeting),
        link_path=reverse("channel:panel-detail", args=[meeting.pk]),
        context={"starts": meeting.start(), "ends": meeting.end()},
        attachments=_invitation(meeting, ics) if ics else None,
    )


def panel_generate_schedule(
    *,
    actor: User,
    first_on: date,
    months: int,
    location: str,
    starts_at: time | None = None,
    ends_at: time | None = None,
    online_link: str = "",
) -> Schedule:
    """Monthly meetings on the same day of the month, each moved to the next
    working day when it falls on a weekend or a bank holiday in England and
    Wales. A date that already has a meeting gets none (and is reported);
    the first date must be free. Members are copied from the latest earlier
    meeting, and each is sent the invitation (.ics) once this commits."""
    require(actor, Action.SCHEDULE_PANEL_MEETINGS)
    errors: dict[str, str] = {}
    if not 1 <= months <= 24:
        errors["months"] = "The number of meetings must be between 1 and 24"
    if first_on < clock.today():
        errors["first_on"] = "The date of the first meeting must be today or in the future"
    _check_times(errors, starts_at, ends_at)
    _check_link(errors, online_link)
    if not errors:
        first = next_working_day(first_on)
        if PanelMeeting.objects.filter(meeting_on=first).exists():
            errors["first_on"] = (
                f"A meeting is already scheduled on {first:%A %-d %B %Y}: choose another date"
                " for the first meeting"
            )
    if errors:
        raise ValidationError(errors)
    made = Schedule()
    with transaction.atomic():
        previous = PanelMeeting.objects.filter(meeting_on__lt=first_on).order_by("-meeting_on").first()
        members = list(previous.members.all()) if previous else []
        taken = set(
            PanelMeeting.objects.filter(
                meeting_on__gte=first_on, meeting_on__lte=add_months(first_on, months) + timedelta(days=14)
            ).values_list("meeting_on", flat=True)
        )
        for n in range(months):
            asked = add_months(first_on, n)
            day = next_working_day(asked)
            if day != asked:
                made.moved.append((asked, day))
            if day in taken:
                made.already.append(day)
                continue
            meeting = PanelMeeting.objects.create(
                meeting_on=day,
                starts_at=starts_at,
                ends_at=ends_at,
                location=location,
                online_link=online_link,
                created_by=actor,
            )
            taken.add(day)
            meeting.members.set(members)
            made.append(meeting)
            if members:
                _tell_members(meeting, "panel_scheduled", members, ics="REQUEST")
        record_event(
            actor=actor,
            action="channel_panel_schedule_generated",
            summary=f"Scheduled {len(made)} Channel Panel meeting(s) from {first_on:%-d %B %Y}",
            object_type="channel.panelmeeting",
            object_id=",".join(str(m.pk) for m in made)[:60],
        )
    return made


def panel_update_details(
    *,
    actor: User,
    meeting: PanelMeeting,
    starts_at: time | None,
    ends_at: time | None,
    location: str,
    online_link: str,
) -> PanelMeeting:
    """The time and place of a meeting. When they change, the members are
    sent the updated invitation (same UID, the next SEQUENCE)."""
    require(actor, Action.MANAGE_PANEL_MEETING, meeting)
    errors: dict[str, str] = {}
    _check_times(errors, starts_at, ends_at)
    _check_link(errors, online_link)
    if errors:
        raise ValidationError(errors)
    fields = ("starts_at", "ends_at", "location", "online_link")
    with transaction.atomic():
        meeting = PanelMeeting.objects.select_for_update().get(pk=meeting.pk)
        before = {f: getattr(meeting, f) for f in fields}
        after = {"starts_at": starts_at, "ends_at": ends_at, "location": location, "online_link": online_link}
        if before == after:
            return meeting
        for name, value in after.items():
            setattr(meeting, name, value)
        meeting.calendar_sequence += 1
        meeting.save(update_fields=[*fields, "calendar_sequence"])
        record_event(
            actor=actor,
            action="channel_panel_details_changed",
            summary=f"Changed the time or place of {meeting}",
            obj=meeting,
            changes=changes_between(
                {k: str(v or "") for k, v in before.items()}, {k: str(v or "") for k, v in after.items()}
            ),
        )
        _tell_members(meeting, "panel_updated", list(meeting.members.all()), ics="REQUEST")
    return meeting


def panel_set_members(*, actor: User, meeting: PanelMeeting, members: list[User]) -> PanelMeeting:
    """Members added are sent the invitation; members taken off, its
    cancellation (METHOD:CANCEL)."""
    require(actor, Action.MANAGE_PANEL_MEETING, meeting)
    if any(not can(m, Action.SIT_ON_CHANNEL_PANEL) for m in members):
        raise ValidationError({"members": "Select panel members only"})
    with transaction.atomic():
        current = list(meeting.members.all())
        before = sorted(m.pk for m in current)
        meeting.members.set(members)
        record_event(
            actor=actor,
            action="channel_panel_members_set",
            summary=f"Set the members of {meeting}",
            obj=meeting,
            changes=changes_between({"members": before}, {"members": sorted(m.pk for m in members)}),
        )
        if not meeting.has_taken_place():
            chosen = {m.pk for m in members}
            added = [m for m in members if m.pk not in set(before)]
            removed = [m for m in current if m.pk not in chosen]
            if added:
                _tell_members(meeting, "panel_scheduled", added, ics="REQUEST")
            if removed:
                _tell_members(meeting, "panel_removed", removed, ics="CANCEL")
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
        if added:
            _tell_members(meeting, "agenda_published", list(meeting.members.all()))
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


def agenda_record_notes(
    *, actor: User, item: AgendaItem, notes: str, version: int | None = None
) -> AgendaItem:
    """`version`: the one the form was loaded with (prevent/core/versioning.py);
    a stale one raises EditConflict and nothing is written."""
    require(actor, Action.MANAGE_PANEL_MEETING, item.meeting)
    if not notes.strip():
        raise ValidationError({"notes": "Enter the notes of the discussion"})
    _taken_place(item.meeting, "notes", "notes")
    with transaction.atomic():
        before = item.notes
        item.notes_recorded_at = clock.now()
        save_versioned(
            item,
            loaded_version=item.version if version is None else version,
            values={"notes": notes},
            labels={"notes": "Notes of the discussion"},
            extra_update_fields=("notes_recorded_at",),
        )
        record_event(
            actor=actor,
            action="channel_agenda_notes_recorded",
            summary=f"Recorded notes on case {item.case_id} at {item.meeting}",
            obj=item,
            changes=changes_between({"notes": before}, {"notes": notes}),
        )
    return item


def meeting_record_minutes(
    *, actor: User, meeting: PanelMeeting, minutes: str, version: int | None = None
) -> PanelMeeting:
    """`version`: the one the form was loaded with (prevent/core/versioning.py);
    a stale one raises EditConflict and nothing is written."""
    require(actor, Action.MANAGE_PANEL_MEETING, meeting)
    if not minutes.strip():
        raise ValidationError({"minutes": "Enter the minutes of the meeting"})
    _taken_place(meeting, "minutes", "minutes")
    with transaction.atomic():
        before = meeting.minutes
        first_time = meeting.minutes_recorded_at is None
        meeting.minutes_recorded_at = clock.now()
        save_versioned(
            meeting,
            loaded_version=meeting.version if version is None else version,
            values={"minutes": minutes},
            labels={"minutes": "Minutes"},
            extra_update_fields=("minutes_recorded_at",),
        )
        record_event(
            actor=actor,
            action="channel_minutes_recorded",
            summary=f"Recorded the minutes of {meeting}",
            obj=meeting,
            changes=changes_between({"minutes": before}, {"minutes": minutes}),
        )
        if first_time:
            _tell_members(meeting, "minutes_available", list(meeting.members.all()))
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
