"""Issue 11, item 2: every event that needs someone tells the right people,
and no one else: an in-service notification each and one email each, sent
only after the write commits, with a link and a reference and never a
person's details (name, other names, date of birth, address, postcode,
school, or the name of whoever gave consent).

Each test runs the real service that causes the event, as the role that
does it in the service, and looks only at the notifications of that
event's kind (a service may cause other events too: the gateway outcome
opens a case, for instance)."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from prevent.accounts.roles import Role
from prevent.channel import services as C
from prevent.channel.models import CaseStatus, ChannelCase, DecisionOutcome, PanelMeeting
from prevent.channel.tests.conftest import (  # noqa: F401  (people: a fixture)
    adopted_case,
    consent_given,
    decide,
    meeting_today,
    open_case,
    people,
    police_referral,
)
from prevent.concerns import services as concern_services
from prevent.concerns.models import ReferralDestination
from prevent.concerns.tests.conftest import PERSON, guidance, make_submitted  # noqa: F401  (guidance: a fixture)
from prevent.core.tasks import run_reminders
from prevent.notifications.models import Notification

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("guidance")]

_DETAILS = [
    "person_name",
    "person_other_names",
    "person_address",
    "person_postcode",
    "person_school_or_employer",
]
PERSONAL: list[str] = [
    *(str(PERSON[key]) for key in _DETAILS),
    *str(PERSON["person_name"]).split(),
    "2010-05-04",
    "4 May 2010",
    "04/05/2010",
    "Jo Parent",  # who gave consent (tests/conftest consent_given)
]


@dataclass
class Told:
    users: set[Any]
    emails: list[Any]
    notifications: list[Notification]


@pytest.fixture
def told(django_capture_on_commit_callbacks: Any) -> Callable[..., Told]:
    """Run `action`; what the event of `kind` sent. Fails if any email was
    sent before the transaction committed."""

    def run(kind: str | Callable[[str], bool], action: Callable[[], Any]) -> Told:
        start = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            action()
            assert mail.outbox == [], "an email was sent before the transaction committed"
        matches = kind if callable(kind) else kind.__eq__
        notifications = [
            n
            for n in Notification.objects.filter(pk__gt=start).select_related("recipient")
            if matches(n.kind)
        ]
        texts = {n.text for n in notifications}
        emails = [m for m in mail.outbox if html.unescape(str(m.subject)) in texts]
        return Told({n.recipient for n in notifications}, emails, notifications)

    return run


def assert_told(result: Told, expected: list[Any], *, reference: str) -> None:
    assert result.users == set(expected), "the wrong people were told"
    assert sorted(m.to[0] for m in result.emails) == sorted(u.email for u in expected), (
        "each of them gets exactly one email, and no one else"
    )
    for message in result.emails:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        assert reference in message.body
        assert "http" in message.body  # a link to where the work is done
        for text in PERSONAL:
            assert text not in message.subject, f"{text!r} in the subject"
            assert text not in message.body, f"{text!r} in the body"
    for notification in result.notifications:
        assert notification.reference == reference
        assert notification.link_path.startswith("/")
        for text in PERSONAL:
            assert text not in notification.text


@pytest.fixture
def more(request: pytest.FixtureRequest, make_user: Callable[..., Any]) -> dict[str, Any]:
    """The channel test people (a member of another agency among them, who
    must not be told) with a second coordinator and a second police Prevent
    officer."""
    cast: dict[str, Any] = request.getfixturevalue("people")
    return {
        **cast,
        "coordinator2": make_user(
            Role.PREVENT_COORDINATOR, organisation=cast["council"], full_name="Cal Coordinator"
        ),
        "police2": make_user(
            Role.POLICE_PREVENT_OFFICER, organisation=cast["police"].organisation, full_name="Pip Police"
        ),
    }


# ---- Referral to police Prevent, gateway outcome, case opened ---------------


def test_referral_to_police_prevent_tells_police_prevent_officers(
    more: dict[str, Any], told: Callable[..., Told]
) -> None:
    concern = make_submitted(more["practitioner"])

    def refer() -> None:
        concern_services.triage_record_decision(
            actor=more["spoc"],
            concern=concern,
            pyramid_level=3,
            rationale="Clear concern",
            referrals=[
                concern_services.ReferralInput(
                    destination=ReferralDestination.POLICE_PREVENT,
                    sent_on=timezone.localdate(),
                    method="email",
                )
            ],
        )

    # The referral is made in triage; the police Prevent officers are told
    # (whatever its template is called: everything the triage decision sent).
    result = told(lambda kind: True, refer)
    assert concern.reference
    assert_told(result, [more["police"], more["police2"]], reference=concern.reference)


def _assess(p: dict[str, Any], outcome: str) -> Callable[[], Any]:
    referral = police_referral(p)
    gateway = C.gateway_referral_from_concern(actor=p["police"], referral=referral)

    def assess() -> Any:
        return C.gateway_record_assessment(
            actor=p["police"],
            gateway_referral=gateway,
            checks=["police_systems"],
            checks_notes="",
            outcome=outcome,
            signposted_to="Youth service" if outcome == "signposted" else "",
            rationale="Assessed",
            case_officer=p["coordinator"] if outcome == "channel" else None,
        )

    return assess


def test_gateway_outcome_tells_the_referring_spoc(more: dict[str, Any], told: Callable[..., Told]) -> None:
    assess = _assess(more, "signposted")
    result = told("channel/email/gateway_outcome", assess)
    concern = result.notifications[0].reference if result.notifications else ""
    assert_told(result, [more["spoc"]], reference=concern)
    assert concern.startswith("PH-")


def test_case_opened_tells_the_case_officer(more: dict[str, Any], told: Callable[..., Told]) -> None:
    assess = _assess(more, "channel")
    result = told("channel/email/case_opened", assess)
    case = ChannelCase.objects.get()
    assert_told(result, [more["coordinator"]], reference=case.reference)


# ---- Information requests -----------------------------------------------------


def test_information_request_tells_the_agency_asked(more: dict[str, Any], told: Callable[..., Told]) -> None:
    case = open_case(more)
    result = told(
        "channel/email/information_request",
        lambda: C.information_request_send(
            actor=more["coordinator"],
            case=case,
            agency=more["health"],
            question="Known to you?",
            due_on=timezone.localdate() + dt.timedelta(days=7),
        ),
    )
    assert_told(result, [more["member"]], reference=case.reference)


def test_information_answer_tells_the_case_officer(more: dict[str, Any], told: Callable[..., Told]) -> None:
    case = open_case(more)
    request = C.information_request_send(
        actor=more["coordinator"],
        case=case,
        agency=more["health"],
        question="Known to you?",
        due_on=timezone.localdate() + dt.timedelta(days=7),
    )
    result = told(
        "channel/email/information_answered",
        lambda: C.information_request_answer(
            actor=more["member"], request=request, response="nothing_known", text="", uploads=[]
        ),
    )
    assert_told(result, [more["coordinator"]], reference=case.reference)


# ---- Panels -------------------------------------------------------------------


def _meeting(p: dict[str, Any], days: int = 7) -> PanelMeeting:
    return PanelMeeting.objects.create(
        meeting_on=timezone.localdate() + dt.timedelta(days=days), created_by=p["coordinator"]
    )


def test_panel_scheduled_tells_the_members_with_an_invitation(
    more: dict[str, Any], told: Callable[..., Told]
) -> None:
    meeting = _meeting(more)
    result = told(
        "channel/email/panel_scheduled",
        lambda: C.panel_set_members(
            actor=more["coordinator"], meeting=meeting, members=[more["member"], more["chair"]]
        ),
    )
    assert_told(result, [more["member"], more["chair"]], reference=str(meeting))
    for message in result.emails:
        assert [name for name, _, _ in message.attachments if name.endswith(".ics")]


def test_agenda_published_tells_the_members(more: dict[str, Any], told: Callable[..., Told]) -> None:
    open_case(more)
    meeting = _meeting(more)
    C.panel_set_members(actor=more["coordinator"], meeting=meeting, members=[more["member"], more["chair"]])
    result = told(
        "channel/email/agenda_published",
        lambda: C.panel_build_agenda(actor=more["coordinator"], meeting=meeting),
    )
    assert_told(result, [more["member"], more["chair"]], reference=str(meeting))


def test_minutes_available_tells_the_members(more: dict[str, Any], told: Callable[..., Told]) -> None:
    meeting = meeting_today(more)
    result = told(
        "channel/email/minutes_available",
        lambda: C.meeting_record_minutes(actor=more["coordinator"], meeting=meeting, minutes="Met; agreed."),
    )
    assert_told(result, [more["member"], more["chair"]], reference=str(meeting))


def test_decision_awaiting_confirmation_tells_the_chair(
    more: dict[str, Any], told: Callable[..., Told]
) -> None:
    case = open_case(more)
    meeting = meeting_today(more)
    C.agenda_add_case(actor=more["coordinator"], meeting=meeting, case=case, kind="new_case")
    result = told(
        "channel/email/decision_to_confirm",
        lambda: C.decision_record(
            actor=more["coordinator"],
            meeting=meeting,
            case=case,
            outcome=DecisionOutcome.ADOPT,
            other_mechanism="",
            rationale="Because",
        ),
    )
    assert_told(result, [more["chair"]], reference=case.reference)


# ---- Consent, exit, reviews -------------------------------------------------------


def test_consent_recorded_tells_the_case_officer(more: dict[str, Any], told: Callable[..., Told]) -> None:
    case, _ = adopted_case(more)
    others = {**more, "coordinator": more["coordinator2"]}  # another coordinator records it
    result = told("channel/email/consent_recorded", lambda: consent_given(others, case))
    assert_told(result, [more["coordinator"]], reference=case.reference)


def _exit_recommended(p: dict[str, Any]) -> ChannelCase:
    case, meeting = adopted_case(p)
    consent_given(p, case)
    case = decide(p, meeting, case, DecisionOutcome.EXIT)
    C.closing_report_complete(actor=p["chair"], case=case, evidence="Risk reduced")
    return case


def test_exit_tells_the_case_officer(more: dict[str, Any], told: Callable[..., Told]) -> None:
    case = _exit_recommended(more)
    result = told("channel/email/case_exited", lambda: C.case_exit(actor=more["chair"], case=case))
    assert_told(result, [more["coordinator"]], reference=case.reference)


def _exited(p: dict[str, Any], days_ago: int) -> ChannelCase:
    case = _exit_recommended(p)
    C.case_exit(actor=p["chair"], case=case, exited_on=timezone.localdate() - dt.timedelta(days=days_ago))
    case.refresh_from_db()
    assert case.status == CaseStatus.EXITED
    return case


def test_review_due_tells_the_case_officer(more: dict[str, Any], told: Callable[..., Told]) -> None:
    case = _exited(more, days_ago=180)  # the 6-month review is due within two weeks
    result = told(
        "channel/email/review_due",
        lambda: run_reminders(today=timezone.localdate(), names=["channel-review-due"]),
    )
    assert_told(result, [more["coordinator"]], reference=case.reference)


def test_review_overdue_tells_the_case_officer(more: dict[str, Any], told: Callable[..., Told]) -> None:
    case = _exited(more, days_ago=200)  # the 6-month review is overdue
    result = told(
        "channel/email/review_overdue",
        lambda: run_reminders(today=timezone.localdate(), names=["channel-review-overdue"]),
    )
    assert_told(result, [more["coordinator"]], reference=case.reference)
