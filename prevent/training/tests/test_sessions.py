"""WRAP sessions: schedule, book, the waiting list, cancel, attendance,
cascade and the iCalendar invitation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from icalendar import Calendar

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.core import clock
from prevent.training import services
from prevent.training.models import BookingStatus, Completion, CompletionStatus
from prevent.training.tests.conftest import schedule

pytestmark = pytest.mark.django_db


def test_capacity_two_third_waits_cancel_promotes_and_tells(
    make_user: Any,
    org: Any,
    coordinator: Any,
    trainer: Any,
    wrap: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    session = schedule(coordinator, trainer, wrap, capacity=2)
    a, b, c = (make_user(Role.PRACTITIONER, organisation=org) for _ in range(3))
    first = services.session_book(actor=a, session=session)
    services.session_book(actor=b, session=session)
    third = services.session_book(actor=c, session=session)
    assert first.status == BookingStatus.BOOKED and third.status == BookingStatus.WAITING
    with pytest.raises(ValidationError):
        services.session_book(actor=c, session=session)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.booking_cancel(actor=a, booking=first)
    assert promoted is not None and promoted.pk == third.pk
    third.refresh_from_db()
    assert third.status == BookingStatus.BOOKED
    assert [m.to for m in mail.outbox] == [[c.email]]
    assert "moved up from the waiting list" in mail.outbox[0].body
    assert reverse("training:session-calendar", args=[session.pk]) in mail.outbox[0].body
    assert c.full_name not in mail.outbox[0].body
    ((filename, ics, mimetype),) = mail.outbox[0].attachments
    assert filename == "training-session.ics" and mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT" in (ics if isinstance(ics, str) else ics.decode())
    assert AuditEvent.objects.filter(action="training_booking_promoted").count() == 1


def test_cancelling_a_waiting_place_promotes_nobody(
    make_user: Any, org: Any, coordinator: Any, trainer: Any, wrap: Any
) -> None:
    session = schedule(coordinator, trainer, wrap, capacity=1)
    a, b, c = (make_user(organisation=org) for _ in range(3))
    services.session_book(actor=a, session=session)
    waiting_b = services.session_book(actor=b, session=session)
    services.session_book(actor=c, session=session)
    assert services.booking_cancel(actor=b, booking=waiting_b) is None
    assert session.bookings.filter(status=BookingStatus.WAITING).get().user == c


def test_someone_else_cannot_cancel_my_booking(
    make_user: Any, org: Any, coordinator: Any, trainer: Any, wrap: Any
) -> None:
    session = schedule(coordinator, trainer, wrap)
    mine = services.session_book(actor=make_user(organisation=org), session=session)
    with pytest.raises(ValidationError):
        services.booking_cancel(actor=make_user(organisation=org), booking=mine)


def test_attendance_becomes_completions_and_absence_frees_nothing(
    make_user: Any, org: Any, coordinator: Any, trainer: Any, wrap: Any
) -> None:
    session = schedule(coordinator, trainer, wrap, capacity=2)
    came, absent, waiting = (make_user(organisation=org) for _ in range(3))
    for user in (came, absent, waiting):
        services.session_book(actor=user, session=session)
    assert services.session_record_attendance(actor=trainer, session=session, attended=[came.pk]) == 1
    completion = Completion.objects.get()
    assert completion.user == came and completion.status == CompletionStatus.CONFIRMED
    assert completion.valid_until == wrap.valid_until(clock.today())
    statuses = dict(session.bookings.values_list("user_id", "status"))
    assert statuses == {came.pk: "attended", absent.pk: "absent", waiting.pk: "waiting"}
    with pytest.raises(ValidationError):
        services.session_record_attendance(actor=trainer, session=session, attended=[])


def test_only_the_trainer_or_a_coordinator_records_attendance(
    make_user: Any, org: Any, coordinator: Any, trainer: Any, wrap: Any, spoc: Any
) -> None:
    session = schedule(coordinator, trainer, wrap)
    with pytest.raises(PermissionDenied):
        services.session_record_attendance(actor=spoc, session=session, attended=[])


def test_a_future_session_cannot_have_attendance(coordinator: Any, trainer: Any, wrap: Any) -> None:
    session = schedule(coordinator, trainer, wrap, on=clock.today() + dt.timedelta(days=3))
    with pytest.raises(ValidationError):
        services.session_record_attendance(actor=trainer, session=session, attended=[])


def test_staff_cannot_schedule_but_an_accredited_trainer_can(make_user: Any, trainer: Any, wrap: Any) -> None:
    with pytest.raises(PermissionDenied):
        schedule(make_user(Role.PRACTITIONER), trainer, wrap)
    assert schedule(trainer, trainer, wrap).trainer == trainer


def test_schedule_refuses_bad_times(coordinator: Any, trainer: Any, wrap: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.session_schedule(
            actor=coordinator,
            course=wrap,
            date=clock.today(),
            start_time=dt.time(12),
            end_time=dt.time(9),
            trainer=trainer,
            capacity=2,
        )
    assert set(error.value.message_dict) == {"end_time", "venue"}


def test_cascade_tells_the_spocs_staff(
    make_user: Any,
    org: Any,
    spoc: Any,
    coordinator: Any,
    trainer: Any,
    wrap: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    session = schedule(coordinator, trainer, wrap)
    staff = [make_user(organisation=org) for _ in range(3)]
    make_user()  # another organisation's
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.session_cascade(actor=spoc, session=session) == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in staff)
    with pytest.raises(PermissionDenied):
        services.session_cascade(actor=staff[0], session=session)


def test_booking_page_books_and_gives_an_icalendar_invitation(
    make_user: Any, org: Any, client_for: Any, coordinator: Any, trainer: Any, wrap: Any
) -> None:
    session = schedule(coordinator, trainer, wrap)
    user = make_user(organisation=org)
    client = client_for(user)
    response = client.post(reverse("training:session-book", args=[session.pk]), follow=True)
    assert "Your place is booked" in response.content.decode()
    ics = client.get(reverse("training:session-calendar", args=[session.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    event = Calendar.from_ical(ics.content).walk("VEVENT")[0]
    start = event.decoded("dtstart")
    assert str(start.tzinfo) == "Europe/London" and start.hour == 9 and start.minute == 30
    assert event["summary"] == wrap.title


def test_a_session_open_to_one_organisation_is_hidden_from_others(
    make_user: Any, org: Any, client_for: Any, coordinator: Any, trainer: Any, wrap: Any
) -> None:
    session = services.session_schedule(
        actor=coordinator,
        course=wrap,
        date=clock.today(),
        start_time=dt.time(9),
        end_time=dt.time(10),
        trainer=trainer,
        capacity=5,
        venue="Hall",
        open_to=org,
    )
    outsider = client_for(make_user())
    assert outsider.get(reverse("training:session-detail", args=[session.pk])).status_code == 404
    assert outsider.post(reverse("training:session-book", args=[session.pk])).status_code == 404
    insider = client_for(make_user(organisation=org))
    assert insider.get(reverse("training:session-detail", args=[session.pk])).status_code == 200


def test_schedule_form_keeps_what_was_typed(client_for: Any, coordinator: Any) -> None:
    response = client_for(coordinator).post(
        reverse("training:session-add"), {"start_time": "9.3o", "venue": "Town Hall"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter the start time like 09:30" in body
    assert 'value="Town Hall"' in body and 'value="9.3o"' in body


def test_coordinators_accredit_and_retire_trainers(
    make_user: Any, client_for: Any, coordinator: Any, wrap: Any
) -> None:
    from prevent.training.models import AccreditedTrainer

    user = make_user(Role.POLICE_PREVENT_OFFICER, email="wrap.trainer@police.example")
    client = client_for(coordinator)
    response = client.post(reverse("training:trainers"), {"email": "nobody@police.example"})
    assert "Enter the email address of an active user" in response.content.decode()
    client.post(reverse("training:trainers"), {"email": "WRAP.trainer@police.example"})
    trainer = AccreditedTrainer.objects.get(user=user)
    assert schedule(user, user, wrap).trainer == user  # now they may schedule
    client.post(reverse("training:trainer-retire", args=[trainer.pk]))
    user.__dict__.pop("_training_trainer", None)
    with pytest.raises(PermissionDenied):
        schedule(user, user, wrap)
    assert client_for(user).get(reverse("training:trainers")).status_code == 403
