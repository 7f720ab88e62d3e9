"""Channel Panel meeting pages: the list, the schedule, one meeting and its
members, agenda, attendance, notes, minutes (and their PDF) and actions."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from prevent.core import clock
from prevent.core.downloads import private_file_response
from prevent.core.once import once_per_submission
from prevent.core.versioning import submit_versioned
from prevent.core.view_helpers import actor, submit
from prevent.policy import Action, can, require

from .. import selectors, services
from ..forms import (
    ActionForm,
    AgendaAddForm,
    AttendanceForm,
    MeetingDetailsForm,
    MembersForm,
    MinutesForm,
    NotesForm,
    ScheduleForm,
)
from ..invitations import CONTENT_TYPE, invitation_filename, meeting_invitation
from ..pdf import minutes_pdf
from ._common import form_page


def _detail(pk: int, fragment: str = "") -> str:
    return reverse("channel:panel-detail", args=[pk]) + (f"#{fragment}" if fragment else "")


@require_http_methods(["GET"])
def panel_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    meetings = selectors.meeting_list(user)[: selectors.LIST_LIMIT]
    return render(
        request,
        "channel/panel_list.html",
        {
            "meetings": meetings,
            "may_manage": can(user, Action.SCHEDULE_PANEL_MEETINGS),
            "may_view_providers": can(user, Action.VIEW_APPROVED_PROVIDERS),
            "today": clock.today(),
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_submission
def panel_schedule(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.SCHEDULE_PANEL_MEETINGS)
    form = ScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = submit(form, services.panel_generate_schedule, actor=user, **form.cleaned_data)
        if made is not None:
            messages.success(request, _schedule_message(made))
            return redirect("channel:panel-list")
    upcoming = selectors.upcoming_meeting_dates()
    return form_page(
        request,
        form,
        title="Schedule monthly panel meetings",
        caption="Channel Panel",
        back=reverse("channel:panel-list"),
        button="Schedule meetings",
        intro=(
            "A meeting that falls on a Saturday, a Sunday or a bank holiday in England and Wales "
            "is held on the next working day. Members of the latest meeting are invited to each one."
        ),
        extra={
            "warning": (
                "Meetings are already scheduled on "
                + ", ".join(f"{d:%-d %B %Y}" for d in upcoming)
                + ": no second meeting is added on those dates."
            )
            if upcoming
            else ""
        },
    )


def _day(day: date) -> str:
    return f"{day:%A %-d %B %Y}"


def _schedule_message(made: services.Schedule) -> str:
    parts = [f"{len(made)} meeting(s) have been scheduled."]
    parts += [
        f"{_day(asked)} is not a working day: that meeting is on {_day(on)}." for asked, on in made.moved
    ]
    parts += [
        f"No meeting was added on {_day(day)}: a meeting is already scheduled that day."
        for day in made.already
    ]
    return " ".join(parts)


@require_http_methods(["GET", "POST"])
def panel_details(request: HttpRequest, pk: int) -> HttpResponse:
    """The time and place; a change sends the members an updated invitation."""
    user = actor(request)
    meeting = selectors.meeting_for_manage(user=user, pk=pk)
    form = MeetingDetailsForm(
        request.POST or None,
        initial={
            "starts_at": meeting.starts_at,
            "ends_at": meeting.ends_at,
            "location": meeting.location,
            "online_link": meeting.online_link,
        },
    )
    if request.method == "POST" and form.is_valid():
        saved = submit(form, services.panel_update_details, actor=user, meeting=meeting, **form.cleaned_data)
        if saved is not None:
            messages.success(request, "The time and place have been saved; members have been sent the update")
            return redirect("channel:panel-detail", pk=pk)
    return form_page(
        request,
        form,
        title="Time and place",
        caption=str(meeting),
        back=_detail(pk),
        button="Save time and place",
    )


@require_http_methods(["GET"])
def panel_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting's calendar invitation (.ics), for anyone who may see it."""
    user = actor(request)
    meeting = selectors.meeting_for_view(user=user, pk=pk)
    response = HttpResponse(meeting_invitation(meeting), content_type=f"{CONTENT_TYPE}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{invitation_filename(meeting)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET"])
def panel_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    meeting = selectors.meeting_for_view(user=user, pk=pk)
    services.meeting_viewed(actor=user, meeting=meeting)
    return render(
        request,
        "channel/panel_detail.html",
        {
            "meeting": meeting,
            "taken_place": meeting.has_taken_place(),
            "may_manage": can(user, Action.MANAGE_PANEL_MEETING, meeting),
            "may_confirm": can(user, Action.CONFIRM_PANEL_DECISIONS),
            "today": clock.today(),
        },
    )


@require_http_methods(["GET", "POST"])
def panel_members(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    meeting = selectors.meeting_for_manage(user=user, pk=pk)
    form = MembersForm(
        request.POST or None,
        people=selectors.panel_people(),
        initial={"members": list(meeting.members.all())},
    )
    if request.method == "POST" and form.is_valid():
        members = list(form.cleaned_data["members"])
        saved = submit(form, services.panel_set_members, actor=user, meeting=meeting, members=members)
        if saved is not None:
            messages.success(request, "The panel members have been saved")
            return redirect("channel:panel-detail", pk=pk)
    return form_page(
        request,
        form,
        title="Panel members",
        caption=str(meeting),
        back=_detail(pk),
        button="Save members",
    )


@require_POST
@once_per_submission
def panel_build_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    meeting = selectors.meeting_for_manage(user=user, pk=pk)
    added = services.panel_build_agenda(actor=user, meeting=meeting)
    messages.success(request, f"{len(added)} case(s) have been added to the agenda")
    return redirect("channel:panel-detail", pk=pk)


@require_http_methods(["GET", "POST"])
@once_per_submission
def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    meeting = selectors.meeting_for_manage(user=user, pk=pk)
    form = AgendaAddForm(request.POST or None, cases=selectors.cases_for_agenda(user))
    if request.method == "POST" and form.is_valid():
        item = submit(form, services.agenda_add_case, actor=user, meeting=meeting, **form.cleaned_data)
        if item is not None:
            messages.success(request, "The case has been added to the agenda")
            return redirect("channel:panel-detail", pk=pk)
    return form_page(
        request,
        form,
        title="Add a case to the agenda",
        caption=str(meeting),
        back=_detail(pk),
        button="Add to agenda",
    )


@require_POST
def agenda_remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    user = actor(request)
    meeting = selectors.meeting_for_manage(user=user, pk=pk)
    item = selectors.agenda_item_for_manage(user=user, meeting=meeting, pk=item_pk)
    try:
        services.agenda_remove_case(actor=user, item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{item.case.reference} has been removed from the agenda")
    return redirect("channel:panel-detail", pk=pk)


@require_http_methods(["GET", "POST"])
@once_per_submission
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    meeting = selectors.meeting_for_manage(user=user, pk=pk)
    form = AttendanceForm(request.POST or None, agencies=selectors.other_agencies())
    if request.method == "POST" and form.is_valid():
        row = submit(form, services.attendance_record, actor=user, meeting=meeting, **form.cleaned_data)
        if row is not None:
            messages.success(request, "Attendance has been recorded")
            return redirect(_detail(pk, "attendance"))
    return form_page(
        request,
        form,
        title="Record attendance",
        caption=str(meeting),
        back=_detail(pk),
        button="Record attendance",
    )


@require_http_methods(["GET", "POST"])
def agenda_notes(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    user = actor(request)
    meeting = selectors.meeting_for_manage(user=user, pk=pk)
    item = selectors.agenda_item_for_manage(user=user, meeting=meeting, pk=item_pk)
    form = NotesForm(request.POST or None, initial={"notes": item.notes, "version": item.version})
    if request.method == "POST" and form.is_valid():
        saved = submit_versioned(
            form,
            services.agenda_record_notes,
            actor=user,
            item=item,
            notes=form.cleaned_data["notes"],
            version=form.loaded_version,
        )
        if saved is not None:
            messages.success(request, f"Notes on {item.case.reference} have been saved")
            return redirect(_detail(pk, f"item-{item.pk}"))
    return form_page(
        request,
        form,
        title=f"Notes on {item.case.reference}",
        caption=str(meeting),
        back=_detail(pk),
        button="Save notes",
    )


@require_http_methods(["GET", "POST"])
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    meeting = selectors.meeting_for_manage(user=user, pk=pk)
    form = MinutesForm(request.POST or None, initial={"minutes": meeting.minutes, "version": meeting.version})
    if request.method == "POST" and form.is_valid():
        saved = submit_versioned(
            form,
            services.meeting_record_minutes,
            actor=user,
            meeting=meeting,
            minutes=form.cleaned_data["minutes"],
            version=form.loaded_version,
        )
        if saved is not None:
            messages.success(request, "The minutes have been saved")
            return redirect("channel:panel-detail", pk=pk)
    return form_page(
        request, form, title="Minutes", caption=str(meeting), back=_detail(pk), button="Save minutes"
    )


@require_http_methods(["GET"])
def minutes_download(request: HttpRequest, pk: int) -> FileResponse:
    user = actor(request)
    meeting = selectors.meeting_for_view(user=user, pk=pk)
    if meeting.minutes_recorded_at is None:
        raise Http404("No minutes have been recorded for this meeting")
    pdf = minutes_pdf(meeting)
    services.minutes_downloaded(actor=user, meeting=meeting)
    return private_file_response(
        file=pdf, filename=f"channel-panel-{meeting.meeting_on:%Y-%m-%d}.pdf", content_type="application/pdf"
    )


@require_http_methods(["GET", "POST"])
@once_per_submission
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    meeting = selectors.meeting_for_manage(user=user, pk=pk)
    form = ActionForm(
        request.POST or None, cases=selectors.agenda_cases(user, meeting), owners=selectors.action_owners()
    )
    if request.method == "POST" and form.is_valid():
        added = submit(form, services.action_add, actor=user, meeting=meeting, **form.cleaned_data)
        if added is not None:
            messages.success(request, "The action has been added")
            return redirect(_detail(pk, "actions"))
    return form_page(
        request, form, title="Add an action", caption=str(meeting), back=_detail(pk), button="Add action"
    )


@require_POST
def action_done(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    user = actor(request)
    meeting = selectors.meeting_visible(user=user, pk=pk)
    panel_action = selectors.panel_action_of(meeting=meeting, pk=action_pk)
    try:
        services.action_mark_done(actor=user, action=panel_action)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The action has been marked as done")
    return redirect(_detail(pk, "actions"))
