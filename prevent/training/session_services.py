"""Training sessions: scheduling, booking and cancelling with the waiting
list, attendance and the SPOC's cascade. Like every service, each asks the
policy first, then writes and records its audit event in one transaction;
emails go through prevent.core.notify (after the commit, links only)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from prevent.audit.services import changes_between, record_event
from prevent.core import clock
from prevent.core.models import Organisation
from prevent.core.notify import notify
from prevent.policy import Action, require

from .calendar import invitation
from .models import (
    Booking,
    BookingStatus,
    Completion,
    CompletionSource,
    CompletionStatus,
    Course,
    SessionCascade,
    TrainingSession,
)

if TYPE_CHECKING:
    from prevent.accounts.models import User


def session_schedule(
    *,
    actor: User,
    course: Course,
    date: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    trainer: User,
    capacity: int,
    venue: str = "",
    online_link: str = "",
    open_to: Organisation | None = None,
) -> TrainingSession:
    require(actor, Action.SCHEDULE_TRAINING_SESSIONS)
    errors: dict[str, str] = {}
    if end_time <= start_time:
        errors["end_time"] = "The end time must be after the start time"
    if not venue.strip() and not online_link.strip():
        errors["venue"] = "Enter the venue or an online link"
    if date < clock.today():
        errors["date"] = "The date of the session must be today or in the future"
    if capacity < 1:
        errors["capacity"] = "The number of places must be 1 or more"
    if course.retired_at is not None:
        errors["course"] = "Select a course that is not retired"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        session = TrainingSession.objects.create(
            course=course,
            date=date,
            start_time=start_time,
            end_time=end_time,
            venue=venue.strip(),
            online_link=online_link.strip(),
            trainer=trainer,
            capacity=capacity,
            open_to=open_to,
            created_by=actor,
        )
        record_event(
            actor=actor,
            action="training_session_scheduled",
            summary=f"Scheduled a session of {course.title} on {date.isoformat()}",
            obj=session,
            changes=changes_between(
                {}, {"date": date.isoformat(), "capacity": capacity, "trainer": trainer.email}
            ),
        )
        return session


def _locked_session(session: TrainingSession) -> TrainingSession:
    return TrainingSession.objects.select_for_update(of=("self",)).select_related("course").get(pk=session.pk)


def _confirmation(booking: Booking, *, promoted: bool = False) -> None:
    session = booking.session
    notify(
        recipients=[booking.user],
        template="training/email/booking_promoted" if promoted else "training/email/booking_confirmed",
        link_path=reverse("training:session-detail", args=[session.pk]),
        links={"calendar_link": reverse("training:session-calendar", args=[session.pk])},
        context={"course": session.course.title, "date": session.date, "start": session.start_time},
        # The invitation itself (course, time, place: no personal details).
        attachments=[("training-session.ics", invitation(session).decode(), "text/calendar")],
    )


def session_book(*, actor: User, session: TrainingSession) -> Booking:
    """A place when one is free, else the waiting list (in order of booking)."""
    require(actor, Action.BOOK_TRAINING_SESSION, session)
    with transaction.atomic():
        session = _locked_session(session)
        require(actor, Action.BOOK_TRAINING_SESSION, session)
        live = list(session.bookings.exclude(status=BookingStatus.CANCELLED).values_list("user_id", "status"))
        if any(user_id == actor.pk for user_id, _ in live):
            raise ValidationError("You have already booked this session")
        taken = sum(1 for _, status in live if status == BookingStatus.BOOKED)
        status = BookingStatus.BOOKED if taken < session.capacity else BookingStatus.WAITING
        booking = Booking.objects.create(session=session, user=actor, status=status)
        record_event(
            actor=actor,
            action="training_session_booked",
            summary=f"Booked {session}" + (" (waiting list)" if status == BookingStatus.WAITING else ""),
            obj=booking,
            changes={"status": {"before": None, "after": status}},
        )
        if status == BookingStatus.BOOKED:
            _confirmation(booking)
        return booking


def booking_cancel(*, actor: User, booking: Booking) -> Booking | None:
    """Cancel the actor's own place; the first on the waiting list moves up
    and is told. Returns the promoted booking, if any."""
    with transaction.atomic():
        session = _locked_session(booking.session)
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.user_id != actor.pk:
            raise ValidationError("You can only cancel your own booking")
        if session.attendance_recorded_at is not None or booking.status not in (
            BookingStatus.BOOKED,
            BookingStatus.WAITING,
        ):
            raise ValidationError("This booking can no longer be cancelled")
        freed = booking.status == BookingStatus.BOOKED
        before = booking.status
        booking.status = BookingStatus.CANCELLED
        booking.save(update_fields=["status"])
        record_event(
            actor=actor,
            action="training_booking_cancelled",
            summary=f"Cancelled a booking for {session}",
            obj=booking,
            changes={"status": {"before": before, "after": BookingStatus.CANCELLED}},
        )
        if not freed:
            return None
        promoted = (
            session.bookings.select_for_update()
            .select_related("user")
            .filter(status=BookingStatus.WAITING)
            .order_by("booked_at", "pk")
            .first()
        )
        if promoted is None:
            return None
        promoted.status = BookingStatus.BOOKED
        promoted.save(update_fields=["status"])
        promoted.session = session
        record_event(
            actor=actor,
            action="training_booking_promoted",
            summary=f"Moved a booking for {session} up from the waiting list",
            obj=promoted,
            changes={"status": {"before": BookingStatus.WAITING, "after": BookingStatus.BOOKED}},
        )
        _confirmation(promoted, promoted=True)
        return promoted


def session_record_attendance(*, actor: User, session: TrainingSession, attended: Iterable[int]) -> int:
    """The trainer records who came: each becomes a confirmed completion.
    Those booked who did not come are marked absent; that frees no place
    and promotes nobody (the session has happened). Returns the number
    who attended."""
    require(actor, Action.RECORD_TRAINING_ATTENDANCE, session)
    came = set(attended)
    with transaction.atomic():
        session = _locked_session(session)
        if session.attendance_recorded_at is not None:
            raise ValidationError("Attendance for this session has already been recorded")
        if session.date > clock.today():
            raise ValidationError("Record attendance on or after the day of the session")
        booked = list(session.bookings.select_related("user").filter(status=BookingStatus.BOOKED))
        if came - {b.user_id for b in booked}:
            raise ValidationError({"attended": "Select people who booked this session"})
        completions = []
        for booking in booked:
            organisation_id = booking.user.organisation_id
            booking.status = BookingStatus.ATTENDED if booking.user_id in came else BookingStatus.ABSENT
            if booking.user_id in came and organisation_id is not None:
                completions.append(
                    Completion(
                        user=booking.user,
                        organisation_id=organisation_id,
                        course=session.course,
                        completed_on=session.date,
                        valid_until=session.course.valid_until(session.date),
                        source=CompletionSource.ATTENDANCE,
                        status=CompletionStatus.CONFIRMED,
                        session=session,
                        recorded_by=actor,
                        decided_by=actor,
                        decided_at=clock.now(),
                    )
                )
        Booking.objects.bulk_update(booked, ["status"])
        Completion.objects.bulk_create(completions)
        session.attendance_recorded_at = clock.now()
        session.save(update_fields=["attendance_recorded_at"])
        record_event(
            actor=actor,
            action="training_attendance_recorded",
            summary=f"Recorded attendance at {session}: {len(completions)} of {len(booked)} attended",
            obj=session,
            changes={"attended": {"before": None, "after": len(completions)}},
        )
        return len(completions)


def session_cascade(*, actor: User, session: TrainingSession) -> int:
    """A SPOC sends a session's details to every active member of their
    organisation's staff, in one step. Returns how many were told."""
    require(actor, Action.CASCADE_TRAINING_SESSION, session)
    from prevent.accounts.models import User as UserModel

    organisation_id = actor.organisation_id
    if organisation_id is None:  # the rule refuses it too
        raise PermissionDenied

    with transaction.atomic():
        staff = list(
            UserModel.objects.filter(organisation_id=organisation_id, is_active=True).exclude(pk=actor.pk)
        )
        cascade = SessionCascade.objects.create(
            session=session, organisation_id=organisation_id, sent_by=actor, recipients=len(staff)
        )
        record_event(
            actor=actor,
            action="training_session_cascaded",
            summary=f"Sent the details of {session} to {len(staff)} members of staff",
            obj=cascade,
        )
        notify(
            recipients=staff,
            template="training/email/session_cascade",
            link_path=reverse("training:session-detail", args=[session.pk]),
            context={"course": session.course.title, "date": session.date, "start": session.start_time},
        )
        return len(staff)


# The training plan -----------------------------------------------------------------------
