"""Chair decisions, approved providers for the chair, and the Channel
notifications of panels, consent, exit and reviews (issue 11)."""

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
from prevent.channel.models import ApprovedProvider, CaseStatus, DecisionOutcome
from prevent.channel.reminders import reviews_due
from prevent.core.tasks import run_reminders

from .conftest import adopted_case, consent_given, decide, meeting_today, open_case

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


def test_the_chairs_own_decision_is_confirmed_as_it_is_recorded(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    case = open_case(people)
    meeting = meeting_today(people)
    C.agenda_add_case(actor=people["chair"], meeting=meeting, case=case, kind="new_case")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision = C.decision_record(
            actor=people["chair"],
            meeting=meeting,
            case=case,
            outcome=DecisionOutcome.ADOPT,
            other_mechanism="",
            rationale="Vulnerable",
        )
    case.refresh_from_db()
    assert decision.confirmed_by == people["chair"] and decision.confirmed_at is not None
    assert case.status == CaseStatus.AWAITING_CONSENT
    assert mail.outbox == []  # nobody to ask


def test_someone_elses_decision_waits_for_the_chair_who_is_told(
    people: dict[str, Any], make_user: Callable[..., Any], django_capture_on_commit_callbacks: Any
) -> None:
    from prevent.accounts.roles import Role

    second_chair = make_user(Role.CHANNEL_CHAIR, organisation=people["council"], full_name="Cal Chair")
    case = open_case(people)
    meeting = meeting_today(people)
    C.agenda_add_case(actor=people["coordinator"], meeting=meeting, case=case, kind="new_case")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision = C.decision_record(
            actor=people["coordinator"],
            meeting=meeting,
            case=case,
            outcome=DecisionOutcome.ADOPT,
            other_mechanism="",
            rationale="Vulnerable",
        )
    case.refresh_from_db()
    assert decision.confirmed_at is None and case.status == CaseStatus.PRELIMINARY
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people["chair"].email, second_chair.email])
    assert reverse("channel:decision-confirm", args=[decision.pk]) in mail.outbox[0].body
    assert case.reference in mail.outbox[0].subject
    _no_personal_details(mail.outbox)


def test_the_chair_records_a_decision_on_the_page_without_a_second_step(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    case = open_case(people)
    meeting = meeting_today(people)
    item = C.agenda_add_case(actor=people["chair"], meeting=meeting, case=case, kind="new_case")
    client = client_for(people["chair"])
    url = reverse("channel:decision", args=[meeting.pk, item.pk])
    assert "your decision is confirmed when you record it" in client.get(url).content.decode()
    response = client.post(
        url, {"outcome": "adopt", "other_mechanism": "", "rationale": "Vulnerable"}, follow=True
    )
    page = response.content.decode()
    assert f"The decision on {case.reference} has been recorded and confirmed" in page
    assert "Confirm the decision" not in page
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_CONSENT


# ---- Approved providers -----------------------------------------------------


def test_the_chair_reads_the_approved_providers_but_cannot_change_them(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    ApprovedProvider.objects.create(name="Youth Mentoring Ltd")
    client = client_for(people["chair"])
    assert "Approved providers" in client.get(reverse("channel:panel-list")).content.decode()
    response = client.get(reverse("channel:providers"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Youth Mentoring Ltd" in page
    assert "Add a provider" not in page and "Archive" not in page
    assert client.post(reverse("channel:providers"), {"name": "New Ltd"}).status_code == 403
    assert not ApprovedProvider.objects.filter(name="New Ltd").exists()
    assert client_for(people["member"]).get(reverse("channel:providers")).status_code == 403


def test_the_intervention_form_says_where_providers_come_from_when_there_are_none(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    case, _ = adopted_case(people)
    client = client_for(people["coordinator"])
    url = reverse("channel:intervention-add", args=[case.pk])
    page = client.get(url).content.decode()
    assert "There are no approved providers yet" in page
    assert f'href="{reverse("channel:providers")}"' in page
    ApprovedProvider.objects.create(name="Youth Mentoring Ltd")
    assert "There are no approved providers yet" not in client.get(url).content.decode()


# ---- Notifications ----------------------------------------------------------


def test_agenda_published_and_minutes_available_tell_the_members_once(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    open_case(people)
    meeting = meeting_today(people)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        C.panel_build_agenda(actor=people["coordinator"], meeting=meeting)
    members = sorted([people["member"].email, people["chair"].email])
    assert sorted(m.to[0] for m in mail.outbox) == members
    assert all("agenda" in m.subject for m in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        C.panel_build_agenda(actor=people["coordinator"], meeting=meeting)  # nothing new: nobody told
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        C.meeting_record_minutes(actor=people["coordinator"], meeting=meeting, minutes="Agreed")
        C.meeting_record_minutes(actor=people["coordinator"], meeting=meeting, minutes="Agreed, corrected")
    minutes_mail = [m for m in mail.outbox if "minutes" in m.subject]
    assert sorted(m.to[0] for m in minutes_mail) == members
    _no_personal_details(mail.outbox)


def test_nothing_is_sent_when_the_write_rolls_back(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    meeting = meeting_today(people, on=timezone.localdate() + dt.timedelta(days=3))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        C.panel_update_details(
            actor=people["coordinator"],
            meeting=meeting,
            starts_at=dt.time(10),
            ends_at=dt.time(9),
            location="x",
            online_link="",
        )
    assert mail.outbox == []


def test_consent_and_exit_tell_the_case_officer_when_someone_else_records_them(
    people: dict[str, Any], make_user: Callable[..., Any], django_capture_on_commit_callbacks: Any
) -> None:
    from prevent.accounts.roles import Role

    case, meeting = adopted_case(people)
    other = make_user(Role.PREVENT_COORDINATOR, organisation=people["council"], full_name="Oli Other")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        consent_given({**people, "coordinator": other}, case)
    assert [m.to[0] for m in mail.outbox] == [people["coordinator"].email]
    assert case.reference in mail.outbox[0].subject
    case = decide(people, meeting, case, DecisionOutcome.EXIT)
    C.closing_report_complete(actor=people["chair"], case=case, evidence="Risk reduced")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        C.case_exit(actor=people["chair"], case=case)
    assert [m.to[0] for m in mail.outbox] == [people["coordinator"].email]
    assert "exited" in mail.outbox[0].subject
    _no_personal_details(mail.outbox)


def test_consent_recorded_by_the_case_officer_sends_them_nothing(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    case, _ = adopted_case(people)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        consent_given(people, case)
    assert mail.outbox == []


def test_a_post_exit_review_due_soon_reminds_the_case_officer_once(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    from prevent.channel.models import PostExitReview

    case = open_case(people)
    today = timezone.localdate()
    PostExitReview.objects.create(case=case, months=6, due_on=today + dt.timedelta(days=10))
    PostExitReview.objects.create(case=case, months=12, due_on=today + dt.timedelta(days=200))
    assert len(list(reviews_due(today))) == 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run_reminders(today=today, names=["channel-review-due"])
        run_reminders(today=today + dt.timedelta(days=1), names=["channel-review-due"])
    assert [m.to[0] for m in mail.outbox] == [people["coordinator"].email]
    assert "6-month post-exit review" in mail.outbox[0].subject
    _no_personal_details(mail.outbox)


def test_case_opened_information_request_and_answer_reach_exactly_the_right_people_after_commit(
    people: dict[str, Any], make_user: Callable[..., Any], django_capture_on_commit_callbacks: Any
) -> None:
    from prevent.accounts.roles import Role

    health_colleague = make_user(Role.CHANNEL_MEMBER, organisation=people["health"], full_name="Hal Health")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case = open_case(people)
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    opened = [m for m in mail.outbox if "case officer" in m.subject]
    assert [m.to for m in opened] == [[people["coordinator"].email]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request = C.information_request_send(
            actor=people["coordinator"],
            case=case,
            agency=people["health"],
            question="Known to you?",
            due_on=timezone.localdate() + dt.timedelta(days=7),
        )
    # The agency's answerers, each once; not the other agency's member.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people["member"].email, health_colleague.email])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        C.information_request_answer(
            actor=people["member"],
            request=request,
            response="nothing_known",
            text="Nothing known",
            uploads=[],
        )
    assert [m.to for m in mail.outbox] == [[people["coordinator"].email]]
    assert reverse("channel:case-detail", args=[case.pk]) in mail.outbox[0].body
    _no_personal_details(mail.outbox)


def test_a_decision_replaced_by_the_chair_is_confirmed_at_once(people: dict[str, Any]) -> None:
    case, _ = adopted_case(people)
    new = C.decision_supersede(
        actor=people["chair"],
        decision=case.decisions.get(),
        reason="Recorded against the wrong case",
        outcome="not_adopt",
        other_mechanism="Early help",
        rationale="Better met by early help",
    )
    case.refresh_from_db()
    assert new.confirmed_by == people["chair"]
    assert case.status == CaseStatus.NOT_ADOPTED
