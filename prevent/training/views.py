"""Training pages: the user's own training, the course catalogue, declared
completions, WRAP sessions and compliance. Views parse, ask one service or
selector, and render."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from prevent.core.downloads import private_file_response
from prevent.core.once import once_per_submission
from prevent.core.view_helpers import actor, add_errors, submit
from prevent.policy import Action, can, require

from . import calendar as ical
from . import forms as F
from . import selectors, services
from .models import ImportStatus
from .rules import (
    access_completion,
    access_course,
    access_organisation,
    access_session,
    access_staff_import,
    access_trainer,
    spoc_organisation,
)


@require_http_methods(["GET"])
def index(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.VIEW_OWN_TRAINING)
    return render(
        request,
        "training/index.html",
        {
            "own": selectors.own_training(user),
            "can_confirm": can(user, Action.CONFIRM_TRAINING_COMPLETION),
            "can_compliance": can(user, Action.VIEW_TRAINING_COMPLIANCE),
            "can_partnership": can(user, Action.VIEW_PARTNERSHIP_TRAINING_COMPLIANCE),
            "can_manage_courses": can(user, Action.MANAGE_TRAINING_COURSES),
            "can_schedule": can(user, Action.SCHEDULE_TRAINING_SESSIONS),
            "can_import": can(user, Action.IMPORT_TRAINING_STAFF),
            "organisation_id": user.organisation_id,
        },
    )


# Courses -----------------------------------------------------------------------------


@require_http_methods(["GET"])
def course_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.VIEW_TRAINING_COURSES)
    manage = can(user, Action.MANAGE_TRAINING_COURSES)
    return render(
        request,
        "training/course_list.html",
        {"courses": selectors.courses(include_retired=manage), "manage": manage},
    )


@require_http_methods(["GET", "POST"])
@once_per_submission
def course_add(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.MANAGE_TRAINING_COURSES)
    form = F.CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        course = submit(form, services.course_create, actor=user, **form.cleaned_data)
        if course is not None:
            messages.success(request, f"{course.title} has been added")
            return redirect("training:course-list")
    return render(request, "training/course_form.html", {"form": form, "course": None})


@require_http_methods(["GET", "POST"])
def course_change(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    course = access_course(user, pk)
    form = F.CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.COURSE_FIELDS}
        course.refresh_from_db()
        if submit(form, services.course_update, actor=user, course=course, **values) is not None:
            messages.success(request, "The course has been changed")
            return redirect("training:course-list")
    return render(request, "training/course_form.html", {"form": form, "course": course})


@require_http_methods(["GET", "POST"])
def course_retire(request: HttpRequest, pk: int) -> HttpResponse:
    return _retire_or_restore(request, pk, retire=True)


@require_http_methods(["GET", "POST"])
def course_restore(request: HttpRequest, pk: int) -> HttpResponse:
    return _retire_or_restore(request, pk, retire=False)


def _retire_or_restore(request: HttpRequest, pk: int, *, retire: bool) -> HttpResponse:
    user = actor(request)
    course = access_course(user, pk)
    if (course.retired_at is not None) == retire:
        messages.info(request, f"{course.title} is {'already retired' if retire else 'not retired'}")
        return redirect("training:course-list")
    if request.method == "POST":
        service = services.course_retire if retire else services.course_restore
        try:
            service(actor=user, course=course)
        except ValidationError as error:
            messages.info(request, " ".join(error.messages))
        else:
            messages.success(request, f"{course.title} has been {'retired' if retire else 'restored'}")
        return redirect("training:course-list")
    return render(request, "training/course_confirm.html", {"course": course, "retire": retire})


# Completions -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@once_per_submission
def declare(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.DECLARE_TRAINING_COMPLETION)
    form = F.DeclareForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        done = submit(form, services.completion_declare, actor=user, **form.cleaned_data)
        if done is not None:
            messages.success(request, "Your training has been recorded. " + _who_confirms(user))
            return redirect("training:index")
    return render(request, "training/declare.html", {"form": form})


def _who_confirms(user: Any) -> str:
    if spoc_organisation(user) is not None:
        return "Another SPOC of your organisation or a Prevent Coordinator will confirm it"
    return "Your SPOC will confirm it"


@require_http_methods(["GET"])
def completions_to_confirm(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.CONFIRM_TRAINING_COMPLETION)
    return render(
        request, "training/to_confirm.html", {"completions": selectors.completions_to_confirm(user)[:200]}
    )


@require_http_methods(["GET", "POST"])
def completion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    completion = access_completion(user, pk)
    may_decide = can(user, Action.CONFIRM_TRAINING_COMPLETION, completion)
    form = F.DecideForm(request.POST or None) if may_decide else None
    if request.method == "POST":
        require(user, Action.CONFIRM_TRAINING_COMPLETION, completion, hide=True)
        if form is not None and form.is_valid():
            confirm = form.cleaned_data["decision"] == "confirm"
            try:
                services.completion_decide(actor=user, completion=completion, confirm=confirm)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request, "The completion has been " + ("confirmed" if confirm else "refused")
                )
                return redirect("training:to-confirm")
    return render(request, "training/completion_detail.html", {"completion": completion, "form": form})


@require_http_methods(["GET"])
def certificate(request: HttpRequest, pk: int) -> Any:
    user = actor(request)
    completion = access_completion(user, pk)
    if not completion.certificate:
        from django.http import Http404

        raise Http404
    services.certificate_downloaded(actor=user, completion=completion)
    return private_file_response(
        file=completion.certificate.open("rb"),
        filename=completion.certificate_name,
        content_type=completion.certificate_type,
    )


# Sessions ------------------------------------------------------------------------------


@require_http_methods(["GET"])
def session_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.VIEW_TRAINING_SESSIONS)
    return render(
        request,
        "training/session_list.html",
        {
            "sessions": selectors.sessions_for(user)[:200],
            "can_schedule": can(user, Action.SCHEDULE_TRAINING_SESSIONS),
        },
    )


def _session_form(request: HttpRequest) -> F.SessionForm:
    return F.SessionForm(
        request.POST or None,
        trainers=selectors.trainer_choices(),
        organisations=selectors.active_organisations(),
    )


@require_http_methods(["GET", "POST"])
@once_per_submission
def session_add(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.SCHEDULE_TRAINING_SESSIONS)
    form = _session_form(request)
    if request.method == "POST" and form.is_valid():
        session = submit(form, services.session_schedule, actor=user, **form.cleaned_data)
        if session is not None:
            messages.success(request, "The session has been scheduled")
            return redirect("training:session-detail", pk=session.pk)
    return render(request, "training/session_form.html", {"form": form})


@require_http_methods(["GET"])
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    session = access_session(user, pk)
    may_record = can(user, Action.RECORD_TRAINING_ATTENDANCE, session)
    bookings = selectors.session_bookings(session) if may_record else []
    return render(
        request,
        "training/session_detail.html",
        {
            "session": session,
            "booking": selectors.own_booking(user, session),
            "bookings": bookings,
            "may_book": can(user, Action.BOOK_TRAINING_SESSION, session),
            "may_record": may_record,
            "may_cascade": can(user, Action.CASCADE_TRAINING_SESSION, session),
        },
    )


@require_http_methods(["POST"])
def session_book(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    session = access_session(user, pk, Action.BOOK_TRAINING_SESSION)
    try:
        booking = services.session_book(actor=user, session=session)
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
    else:
        if booking.status == "waiting":
            messages.success(request, "The session is full: you are on the waiting list")
        else:
            messages.success(request, "Your place is booked. We have emailed you a calendar invitation")
    return redirect("training:session-detail", pk=pk)


@require_http_methods(["GET", "POST"])
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    session = access_session(user, pk)
    booking = selectors.own_booking(user, session)
    if booking is None:
        messages.info(request, "You have no booking for this session")
        return redirect("training:session-detail", pk=pk)
    if request.method == "POST":
        try:
            services.booking_cancel(actor=user, booking=booking)
        except ValidationError as error:
            messages.info(request, " ".join(error.messages))
        else:
            messages.success(request, "Your booking has been cancelled")
        return redirect("training:session-detail", pk=pk)
    return render(request, "training/session_cancel.html", {"session": session})


@require_http_methods(["GET"])
def session_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    session = access_session(user, pk)
    response = HttpResponse(ical.invitation(session), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="training-session.ics"'
    return response


@require_http_methods(["GET", "POST"])
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    session = access_session(user, pk, Action.RECORD_TRAINING_ATTENDANCE)
    booked = [b for b in selectors.session_bookings(session) if b.status == "booked"]
    form = F.AttendanceForm(request.POST or None, people=[(b.user_id, b.user.full_name) for b in booked])
    if request.method == "POST" and form.is_valid():
        ids = [int(v) for v in form.cleaned_data["attended"]]
        count = submit(form, services.session_record_attendance, actor=user, session=session, attended=ids)
        if count is not None:
            messages.success(request, f"Attendance has been recorded: {count} attended")
            return redirect("training:session-detail", pk=pk)
    return render(request, "training/attendance.html", {"form": form, "session": session})


@require_http_methods(["GET", "POST"])
def session_cascade(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    session = access_session(user, pk, Action.CASCADE_TRAINING_SESSION)
    if request.method == "POST":
        count = services.session_cascade(actor=user, session=session)
        messages.success(request, f"The session's details have been sent to {count} members of staff")
        return redirect("training:session-detail", pk=pk)
    return render(request, "training/cascade.html", {"session": session})


# The plan and compliance --------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, organisation_pk: int) -> HttpResponse:
    user = actor(request)
    organisation = access_organisation(user, organisation_pk, Action.MANAGE_TRAINING_PLAN)
    current = selectors.plan_of(organisation)
    defaults = not current
    initial = current or {g: [c.pk for c in cs] for g, cs in services.default_plan(organisation).items()}
    courses = list(selectors.courses())
    form = F.PlanForm(request.POST or None, courses=courses, initial_plan=initial)
    if request.method == "POST" and form.is_valid():
        by_pk = {str(c.pk): c for c in courses}
        chosen = {group: [by_pk[v] for v in values] for group, values in form.cleaned_data.items()}
        services.plan_set(actor=user, organisation=organisation, plan=chosen)
        messages.success(request, "The training plan has been saved")
        return redirect("training:compliance", organisation_pk=organisation.pk)
    return render(
        request, "training/plan.html", {"form": form, "organisation": organisation, "defaults": defaults}
    )


@require_http_methods(["GET"])
def partnership(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.VIEW_PARTNERSHIP_TRAINING_COMPLIANCE)
    result = selectors.compliance(None)
    return render(
        request,
        "training/compliance.html",
        {
            "result": result,
            "chart": selectors.chart(result),
            "organisation": None,
            "may_plan": False,
            "organisations": selectors.compliance_organisations(user),
        },
    )


@require_http_methods(["GET"])
def compliance(request: HttpRequest, organisation_pk: int) -> HttpResponse:
    user = actor(request)
    organisation = access_organisation(user, organisation_pk, Action.VIEW_TRAINING_COMPLIANCE)
    result = selectors.compliance(organisation)
    return render(
        request,
        "training/compliance.html",
        {
            "result": result,
            "chart": selectors.chart(result),
            "organisation": organisation,
            "may_plan": can(user, Action.MANAGE_TRAINING_PLAN, organisation),
        },
    )


def _csv_rows(result: selectors.Compliance) -> Iterator[list[str]]:
    yield ["Course", "Staff who need it", "Current", "Per cent current", "Missing", "Expiring within 60 days"]
    for row in result.rows:
        yield [
            row.course.title,
            str(row.required),
            str(row.current),
            str(row.percent),
            "; ".join(row.missing),
            "; ".join(f"{name} ({day.isoformat()})" for name, day in row.expiring),
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _safe(cell: str) -> str:
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


@require_http_methods(["GET"])
def compliance_csv(request: HttpRequest, organisation_pk: int | None = None) -> StreamingHttpResponse:
    user = actor(request)
    organisation = None
    if organisation_pk is not None:
        organisation = access_organisation(user, organisation_pk, Action.VIEW_TRAINING_COMPLIANCE)
    services.compliance_exported(actor=user, organisation=organisation)
    writer = csv.writer(_Echo())
    result = selectors.compliance(organisation)
    response = StreamingHttpResponse(
        (writer.writerow([_safe(c) for c in row]) for row in _csv_rows(result)), content_type="text/csv"
    )
    response["Content-Disposition"] = 'attachment; filename="training-compliance.csv"'
    return response


# Staff import (ADR 0026) ---------------------------------------------------------------

# Seconds between the updates of an import's page while it is in progress.
PROGRESS_REFRESH_SECONDS = 3


@require_http_methods(["GET", "POST"])
def staff_import(request: HttpRequest) -> HttpResponse:
    """Upload a staff list: its rows are checked in the background and the
    import's page shows the progress, then the preview or every problem."""
    from . import importing

    user = actor(request)
    require(user, Action.IMPORT_TRAINING_STAFF)
    organisations = selectors.organisations_to_import_for(user)
    form = F.ImportForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        require(user, Action.IMPORT_TRAINING_STAFF, organisation)
        upload = form.cleaned_data["staff_file"]
        try:
            cells, errors = importing.cells_of(importing.read(upload))
        except ValidationError as error:
            form.add_error("staff_file", error)
        else:
            if errors:
                form.add_error("staff_file", f"{errors[0]}: nothing was imported")
            else:
                record = services.staff_import_start(
                    actor=user,
                    organisation=organisation,
                    file_name=upload.name,
                    cells=cells,
                    request_practitioner=form.cleaned_data["request_practitioner"],
                    base_url=request.build_absolute_uri("/"),
                )
                return redirect("training:import-progress", pk=record.pk)
    single = organisations[0] if len(organisations) == 1 else None
    return render(request, "training/import.html", {"form": form, "organisation": single})


@require_http_methods(["GET"])
def staff_import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The import's page: rows checked, then the preview (or the problems),
    then accounts created and the result. While the work goes on it updates
    itself (the Refresh header: no JavaScript), unless the user stops it."""
    user = actor(request)
    record = access_staff_import(user, pk)
    refresh = record.in_progress and request.GET.get("updates") != "off"
    problems = [importing_error(p) for p in record.problems[:200]]
    response = render(
        request,
        "training/import_progress.html",
        {
            "record": record,
            "problems": problems,
            "rows": record.rows[:100] if record.status == ImportStatus.CHECKED else [],
            "refresh": refresh,
            "refresh_seconds": PROGRESS_REFRESH_SECONDS,
        },
    )
    if refresh:
        response["Refresh"] = str(PROGRESS_REFRESH_SECONDS)
    return response


def importing_error(problem: list[Any]) -> str:
    row, field, message = problem
    return f"Row {row}, {field}: {message}"


@require_http_methods(["POST"])
def staff_import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    record = access_staff_import(user, pk)
    try:
        services.staff_import_confirm(actor=user, staff_import=record)
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
    return redirect("training:import-progress", pk=record.pk)


# Accredited trainers -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@once_per_submission
def trainers(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.MANAGE_TRAINING_COURSES)
    form = F.TrainerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        trainer = submit(form, services.trainer_accredit, actor=user, email=form.cleaned_data["email"])
        if trainer is not None:
            messages.success(request, f"{trainer.user} is now an accredited trainer")
            return redirect("training:trainers")
    return render(request, "training/trainers.html", {"form": form, "trainers": selectors.trainers()})


@require_http_methods(["GET", "POST"])
def trainer_retire(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    trainer = access_trainer(user, pk)
    if trainer.retired_at is not None:
        messages.info(request, "This trainer is already retired")
        return redirect("training:trainers")
    if request.method == "POST":
        services.trainer_retire(actor=user, trainer=trainer)
        messages.success(request, f"{trainer.user} is no longer an accredited trainer")
        return redirect("training:trainers")
    return render(request, "training/trainer_retire.html", {"trainer": trainer})
