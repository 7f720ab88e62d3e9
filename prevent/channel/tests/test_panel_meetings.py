"""Issue 11, items 3 and 4: panel meetings with a time and a place, scheduled
on working days (England and Wales bank holidays from the `holidays`
package), calendar invitations (.ics, `icalendar`), minutes downloadable
only once they exist; the chair's own decision confirmed as it is recorded;
approved providers readable by the chair; and the Channel notifications."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from prevent.channel import services as C
from prevent.channel.models import PanelMeeting
from prevent.core import clock

from .conftest import meeting_today

PERSON_DETAILS = ("Alex Example", "2010", "4 May", "04/05")


def _no_personal_details(messages: list[Any]) -> None:
    for message in messages:
        text = f"{message.subject}\n{message.body}"
        for detail in PERSON_DETAILS:
            assert detail not in text, (detail, text)


def _invitation(message: Any) -> icalendar.Calendar:
    (attachment,) = [a for a in message.attachments if a[0].endswith(".ics")]
    _name, content, mimetype = attachment
    assert mimetype.startswith("text/calendar")
    return icalendar.Calendar.from_ical(content)


# ---- Working days -----------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (dt.date(2026, 12, 25), False),  # Christmas Day (Friday)
        (dt.date(2026, 12, 26), False),  # Saturday
        (dt.date(2026, 12, 27), False),  # Sunday
        (dt.date(2026, 12, 28), False),  # Boxing Day (substitute day, Monday)
        (dt.date(2026, 12, 29), True),
        (dt.date(2026, 8, 31), False),  # Late Summer bank holiday (Monday)
        (dt.date(2027, 3, 29), False),  # Easter Monday
        (dt.date(2026, 8, 17), True),  # Summer bank holiday in Scotland only
    ],
)
def test_working_days_skip_weekends_and_england_and_wales_bank_holidays(day: dt.date, working: bool) -> None:
    assert C.is_working_day(day) is working


def test_scheduling_over_christmas_moves_the_meeting_to_the_next_working_day(people: dict[str, Any]) -> None:
    with clock.as_of(dt.date(2026, 11, 2)):
        made = C.panel_generate_schedule(
            actor=people["coordinator"], first_on=dt.date(2026, 11, 25), months=3, location="County Hall"
        )
    assert [m.meeting_on for m in made] == [
        dt.date(2026, 11, 25),
        dt.date(2026, 12, 29),  # not Christmas Day, the weekend or Boxing Day (observed, Monday 28)
        dt.date(2027, 1, 25),
    ]
    assert made.moved == [(dt.date(2026, 12, 25), dt.date(2026, 12, 29))]


def test_scheduling_skips_a_bank_holiday_monday(people: dict[str, Any]) -> None:
    with clock.as_of(dt.date(2026, 7, 1)):
        made = C.panel_generate_schedule(
            actor=people["coordinator"], first_on=dt.date(2026, 7, 31), months=2, location=""
        )
    # 31 August 2026 is the Late Summer bank holiday.
    assert [m.meeting_on for m in made] == [dt.date(2026, 7, 31), dt.date(2026, 9, 1)]


def test_scheduling_says_when_a_date_already_has_a_meeting(people: dict[str, Any]) -> None:
    with clock.as_of(dt.date(2026, 7, 1)):
        PanelMeeting.objects.create(meeting_on=dt.date(2026, 9, 1), created_by=people["coordinator"])
        with pytest.raises(ValidationError) as error:
            C.panel_generate_schedule(
                actor=people["coordinator"], first_on=dt.date(2026, 8, 31), months=1, location=""
            )
        assert error.value.message_dict["first_on"] == [
            "A meeting is already scheduled on Tuesday 1 September 2026: "
            "choose another date for the first meeting"
        ]
        made = C.panel_generate_schedule(
            actor=people["coordinator"], first_on=dt.date(2026, 7, 31), months=3, location=""
        )
    assert [m.meeting_on for m in made] == [dt.date(2026, 7, 31), dt.date(2026, 9, 30)]
    assert made.already == [dt.date(2026, 9, 1)]
    assert PanelMeeting.objects.filter(meeting_on=dt.date(2026, 9, 1)).count() == 1


def test_the_schedule_page_shows_times_errors_next_to_the_field_and_keeps_what_was_typed(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    client = client_for(people["coordinator"])
    url = reverse("channel:panel-schedule")
    first = C.next_working_day(timezone.localdate() + dt.timedelta(days=7))
    data = {
        "first_on_day": first.day,
        "first_on_month": first.month,
        "first_on_year": first.year,
        "months": "1",
        "starts_at": "2pm",
        "ends_at": "1:30pm",
        "location": "County Hall",
        "online_link": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The end time must be after the start time" in page
    assert "Enter the date of the first meeting" not in page
    assert 'value="1:30pm"' in page
    response = client.post(url, {**data, "starts_at": "half past two"})
    assert (
        "Enter the start time as a real time, for example 10am, 2:30pm or 14:30" in response.content.decode()
    )
    response = client.post(url, {**data, "ends_at": "16:00"})
    assert response.status_code == 302
    meeting = PanelMeeting.objects.get(meeting_on=first)
    assert (meeting.starts_at, meeting.ends_at) == (dt.time(14, 0), dt.time(16, 0))
    # A second go at the same date: plainly refused, next to the date.
    response = client.post(url, {**data, "ends_at": "16:00"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "A meeting is already scheduled on" in page
    assert "Meetings are already scheduled on" in page  # the warning above the form


# ---- Calendar invitations ---------------------------------------------------


def test_members_are_invited_with_an_ics_that_validates_in_the_meeting_time_zone(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with clock.as_of(dt.date(2026, 6, 1)):
        earlier = PanelMeeting.objects.create(
            meeting_on=dt.date(2026, 6, 1), created_by=people["coordinator"]
        )
        earlier.members.set([people["member"], people["chair"]])
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            (meeting,) = C.panel_generate_schedule(
                actor=people["coordinator"],
                first_on=dt.date(2026, 7, 15),
                months=1,
                location="County Hall, Oxford",
                starts_at=dt.time(14, 0),
                ends_at=dt.time(16, 30),
                online_link="https://meet.example/channel",
            )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people["member"].email, people["chair"].email])
    _no_personal_details(mail.outbox)
    cal = _invitation(mail.outbox[0])
    assert str(cal["METHOD"]) == "REQUEST"
    (event,) = cal.walk("VEVENT")
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    start = event.decoded("DTSTART")
    assert start.replace(tzinfo=None) == dt.datetime(2026, 7, 15, 14, 0)
    assert start.utcoffset() == dt.timedelta(hours=1)  # British Summer Time
    assert event.decoded("DTEND").replace(tzinfo=None) == dt.datetime(2026, 7, 15, 16, 30)
    assert str(event["UID"]) == meeting.calendar_uid
    assert event.decoded("SEQUENCE") == 0
    assert "County Hall, Oxford" in str(event["LOCATION"])


def test_a_change_of_time_sends_an_update_with_the_same_uid_and_the_next_sequence(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    meeting = meeting_today(people, on=timezone.localdate() + dt.timedelta(days=10))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        C.panel_update_details(
            actor=people["coordinator"],
            meeting=meeting,
            starts_at=dt.time(9, 30),
            ends_at=dt.time(11, 0),
            location="Room 2",
            online_link="",
        )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people["member"].email, people["chair"].email])
    assert all("new time or place" in m.subject for m in mail.outbox)
    (event,) = _invitation(mail.outbox[0]).walk("VEVENT")
    assert str(event["UID"]) == meeting.calendar_uid
    assert event.decoded("SEQUENCE") == 1
    assert event.decoded("DTSTART").replace(tzinfo=None).time() == dt.time(9, 30)
    # Saving it unchanged sends nothing and keeps the sequence.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        C.panel_update_details(
            actor=people["coordinator"],
            meeting=meeting,
            starts_at=dt.time(9, 30),
            ends_at=dt.time(11, 0),
            location="Room 2",
            online_link="",
        )
    assert mail.outbox == []
    meeting.refresh_from_db()
    assert meeting.calendar_sequence == 1
    with pytest.raises(ValidationError) as error:
        C.panel_update_details(
            actor=people["coordinator"],
            meeting=meeting,
            starts_at=dt.time(11, 0),
            ends_at=dt.time(11, 0),
            location="",
            online_link="",
        )
    assert error.value.message_dict == {"ends_at": ["The end time must be after the start time"]}


def test_a_member_taken_off_a_meeting_is_sent_its_cancellation(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    meeting = meeting_today(people, on=timezone.localdate() + dt.timedelta(days=10))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        C.panel_set_members(
            actor=people["coordinator"], meeting=meeting, members=[people["chair"], people["outsider"]]
        )
    by_email = {m.to[0]: m for m in mail.outbox}
    assert set(by_email) == {people["member"].email, people["outsider"].email}
    assert str(_invitation(by_email[people["member"].email])["METHOD"]) == "CANCEL"
    assert str(_invitation(by_email[people["outsider"].email])["METHOD"]) == "REQUEST"


def test_the_meeting_page_offers_the_invitation_and_the_minutes_only_once_they_exist(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    meeting = meeting_today(people, on=timezone.localdate() + dt.timedelta(days=3))
    client = client_for(people["member"])
    page = client.get(reverse("channel:panel-detail", args=[meeting.pk])).content.decode()
    assert "Download calendar invitation" in page
    assert "Download the minutes" not in page
    response = client.get(reverse("channel:panel-invitation", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    assert icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]["UID"] == meeting.calendar_uid
    assert client.get(reverse("channel:minutes-pdf", args=[meeting.pk])).status_code == 404

    past = meeting_today(people)
    assert (
        "Download the minutes"
        not in client.get(reverse("channel:panel-detail", args=[past.pk])).content.decode()
    )
    C.meeting_record_minutes(actor=people["coordinator"], meeting=past, minutes="Agreed")
    assert (
        "Download the minutes" in client.get(reverse("channel:panel-detail", args=[past.pk])).content.decode()
    )


def test_the_invitation_of_a_meeting_not_sat_on_is_not_found(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    meeting = meeting_today(people)
    client = client_for(people["outsider"])
    assert client.get(reverse("channel:panel-invitation", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("channel:panel-invitation", args=[meeting.pk + 99])).status_code == 404


def test_time_and_place_page(people: dict[str, Any], client_for: Callable[..., Any]) -> None:
    meeting = meeting_today(people, on=timezone.localdate() + dt.timedelta(days=3))
    client = client_for(people["chair"])
    url = reverse("channel:panel-details", args=[meeting.pk])
    response = client.post(
        url, {"starts_at": "", "ends_at": "3pm", "location": "", "online_link": "meet.example"}
    )
    page = response.content.decode()
    assert "Enter the start time" in page
    assert "Enter the online meeting link starting with https://" in page
    assert 'value="meet.example"' in page
    response = client.post(
        url,
        {
            "starts_at": "10am",
            "ends_at": "noon",
            "location": "Room 1",
            "online_link": "https://meet.example/x",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.ends_at, meeting.calendar_sequence) == (dt.time(10), dt.time(12), 1)
    page = client.get(reverse("channel:panel-detail", args=[meeting.pk])).content.decode()
    assert "10:00 a.m. to 12:00 p.m." in page or "10 a.m." in page or "10:00 am" in page
    assert "Join the meeting online" in page


# ---- Chair decisions --------------------------------------------------------
