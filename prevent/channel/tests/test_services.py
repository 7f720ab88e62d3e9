"""The Channel path through the services: gateway, case, information,
VAF, panel, consent, support, exit and reviews, reminders."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.http import Http404
from django.utils import timezone

from prevent.audit.models import AuditEvent
from prevent.channel import services as C
from prevent.channel.chronology import channel_chronology
from prevent.channel.models import (
    CaseStatus,
    DecisionOutcome,
    GatewayReferral,
    GatewaySource,
    InformationRequest,
    PanelAction,
    PostExitReview,
)
from prevent.channel.selectors import factor_changes, gateway_outcomes_for_concern
from prevent.concerns.models import ReferralStatus

from .conftest import adopted_case, consent_given, decide, meeting_today, open_case, police_referral

pytestmark = pytest.mark.django_db
DENIED = (PermissionDenied, Http404)


def test_add_months_keeps_the_day_or_the_month_end() -> None:
    assert C.add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert C.add_months(dt.date(2026, 8, 15), 6) == dt.date(2027, 2, 15)
    assert C.add_months(dt.date(2026, 8, 15), 12) == dt.date(2027, 8, 15)


def test_gateway_outcome_tells_the_referrer_without_details(people: dict[str, Any]) -> None:
    referral = police_referral(people)
    gateway = C.gateway_referral_from_concern(actor=people["police"], referral=referral)
    C.gateway_record_assessment(
        actor=people["police"],
        gateway_referral=gateway,
        checks=["police_systems", "education"],
        checks_notes="Known to school only",
        outcome="signposted",
        signposted_to="Early help",
        rationale="Secret police rationale",
        case_officer=None,
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.OUTCOME_RECEIVED
    outcomes = gateway_outcomes_for_concern(user=people["spoc"], concern=referral.concern)
    assert [o.outcome for o in outcomes] == ["Signposted to other services"]
    assert outcomes[0].case_href == ""


def test_gateway_email_goes_after_commit(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    referral = police_referral(people)
    gateway = C.gateway_referral_from_concern(actor=people["police"], referral=referral)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        C.gateway_record_assessment(
            actor=people["police"],
            gateway_referral=gateway,
            checks=["police_systems"],
            checks_notes="",
            outcome="no_further_action",
            signposted_to="",
            rationale="Secret police rationale",
            case_officer=None,
        )
    [message] = mail.outbox
    assert message.to == [people["spoc"].email]
    assert "No further action" in message.body
    assert "Secret police rationale" not in message.body
    assert "Alex Example" not in f"{message.body} {message.subject}"
    assert f"/concerns/{referral.concern_id}/" in message.body


def test_channel_outcome_needs_a_case_officer(people: dict[str, Any]) -> None:
    gateway = C.gateway_referral_from_concern(actor=people["police"], referral=police_referral(people))
    with pytest.raises(ValidationError) as error:
        C.gateway_record_assessment(
            actor=people["police"],
            gateway_referral=gateway,
            checks=["police_systems"],
            checks_notes="",
            outcome="channel",
            signposted_to="",
            rationale="x",
            case_officer=None,
        )
    assert "case_officer" in error.value.message_dict
    gateway.refresh_from_db()
    assert gateway.status == "awaiting"


def test_external_referral_joins_the_queue(people: dict[str, Any]) -> None:
    gateway = C.gateway_log_external_referral(
        actor=people["police"],
        person=C.ExternalPerson("Jamie Public"),
        external_source="public",
        external_detail="Neighbour",
        summary="Worrying posts",
        received_on=timezone.localdate(),
    )
    assert gateway.source == GatewaySource.EXTERNAL
    assert gateway.person.full_name == "Jamie Public"
    with pytest.raises(DENIED):
        C.gateway_log_external_referral(
            actor=people["spoc"],
            person=C.ExternalPerson("X"),
            external_source="public",
            external_detail="",
            summary="x",
            received_on=timezone.localdate(),
        )


def test_information_request_answered_by_the_agency(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    case = open_case(people)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request = C.information_request_send(
            actor=people["coordinator"],
            case=case,
            agency=people["health"],
            question="Known to CAMHS?",
            due_on=timezone.localdate() + dt.timedelta(days=7),
        )
    assert mail.outbox[0].to == [people["member"].email]
    with pytest.raises(DENIED):
        C.information_request_answer(
            actor=people["outsider"],
            request=request,
            response="nothing_known",
            text="",
            uploads=[],
        )
    C.information_request_answer(
        actor=people["member"],
        request=request,
        response="information_provided",
        text="Seen twice in 2025",
        uploads=[],
    )
    request.refresh_from_db()
    assert request.status == "answered"
    texts = [e.text for e in channel_chronology(user=people["coordinator"], person=case.person)]
    assert "Oxford Health: information provided" in texts


def test_vaf_records_every_factor_and_shows_changes(people: dict[str, Any], framework: Any) -> None:
    case = open_case(people)
    dims = list(framework.dimensions.prefetch_related("factors"))
    factors = [f for d in dims for f in d.factors.all()]
    assert len(dims) == 3 and len(factors) == 22
    ratings = {f.pk: ("not_known", "") for f in factors}
    summaries = {d.pk: "Summary" for d in dims}
    C.vaf_record_assessment(
        actor=people["coordinator"],
        case=case,
        framework=framework,
        ratings=ratings,
        summaries=summaries,
        overall_judgement="Vulnerable",
    )
    ratings[factors[0].pk] = ("present", "Talks of grievance")
    second = C.vaf_record_assessment(
        actor=people["coordinator"],
        case=case,
        framework=framework,
        ratings=ratings,
        summaries=summaries,
        overall_judgement="Still vulnerable",
    )
    previous, changes = factor_changes(second)
    assert previous is not None
    changed = [c for c in changes if c.changed]
    assert [(c.factor.number, c.before, c.after) for c in changed] == [(1, "Not known", "Present")]
    missing = dict(ratings)
    del missing[factors[5].pk]
    with pytest.raises(ValidationError) as error:
        C.vaf_record_assessment(
            actor=people["coordinator"],
            case=case,
            framework=framework,
            ratings=missing,
            summaries=summaries,
            overall_judgement="x",
        )
    assert f"factor_{factors[5].pk}" in error.value.message_dict


def test_the_whole_path_to_exit_and_reviews(people: dict[str, Any], provider: Any) -> None:
    case, meeting = adopted_case(people)
    assert case.status == CaseStatus.AWAITING_CONSENT
    consent_given(people, case)
    case.refresh_from_db()
    assert case.status == CaseStatus.SUPPORT
    today = timezone.localdate()
    for kind in ("ideological_mentoring", "diversionary"):
        C.intervention_add(
            actor=people["coordinator"],
            case=case,
            type=kind,
            provider=provider,
            description="",
            start_on=today,
            review_on=None,
            end_on=None,
        )
    assert case.interventions.count() == 2
    case = decide(people, meeting, case, DecisionOutcome.EXIT)
    assert case.status == CaseStatus.EXIT_RECOMMENDED
    C.closing_report_complete(actor=people["chair"], case=case, evidence="Risk reduced")
    case = C.case_exit(actor=people["chair"], case=case, exited_on=dt.date(2026, 3, 31))
    assert case.status == CaseStatus.EXITED
    reviews = list(PostExitReview.objects.filter(case=case).order_by("months"))
    assert [(r.months, r.due_on) for r in reviews] == [(6, dt.date(2026, 9, 30)), (12, dt.date(2027, 3, 31))]
    review = C.post_exit_review_record(
        actor=people["coordinator"], review=reviews[0], outcome="re_referral", notes="New concerns"
    )
    assert review.new_referral is not None
    assert GatewayReferral.objects.get(pk=review.new_referral.pk).previous_case == case


def test_decisions_are_superseded_not_edited(people: dict[str, Any]) -> None:
    case, _ = adopted_case(people)
    first = case.decisions.get()
    new = C.decision_supersede(
        actor=people["coordinator"],
        decision=first,
        reason="Recorded against the wrong case",
        outcome="not_adopt",
        other_mechanism="Early help",
        rationale="Better met by early help",
    )
    first.refresh_from_db()
    case.refresh_from_db()
    assert first.superseded_reason == "Recorded against the wrong case" and first.outcome == "adopt"
    assert case.status == CaseStatus.PRELIMINARY
    C.decision_confirm(actor=people["chair"], decision=new)
    case.refresh_from_db()
    assert case.status == CaseStatus.NOT_ADOPTED


def test_reminders_once_per_item_per_day(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.PREVENT_BASE_URL = "https://prevent.example"
    case = open_case(people)
    meeting = meeting_today(people)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    InformationRequest.objects.create(
        case=case, agency=people["health"], question="q", due_on=yesterday, sent_by=people["coordinator"]
    )
    PanelAction.objects.create(
        meeting=meeting,
        description="Call school",
        owner=people["member"],
        due_on=yesterday,
        created_by=people["chair"],
    )
    PostExitReview.objects.create(case=case, months=6, due_on=yesterday)
    mail.outbox.clear()
    names = ["channel-information-request-overdue", "channel-action-overdue", "channel-review-overdue"]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--now", *[f"--only={n}" for n in names])
    assert len(mail.outbox) == 3
    bodies = "".join(str(m.body) for m in mail.outbox)
    assert "https://prevent.example/channel/" in bodies
    assert "Alex Example" not in bodies
    assert {m.to[0] for m in mail.outbox} == {people["member"].email, people["coordinator"].email}
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--now")
    assert len(mail.outbox) == 3
    assert AuditEvent.objects.filter(action="channel_reminder_sent").count() == 3


def test_a_gateway_referral_outcome_produces_the_concerns_referral_status_changed_audit_event(
    people: dict[str, Any],
) -> None:
    """A referral outcome recorded by the police gateway produces the
    concerns referral_status_changed audit event (issue 9): Channel calls
    concerns' referral_record_outcome, not its own write."""
    referral = police_referral(people)
    gateway = C.gateway_referral_from_concern(actor=people["police"], referral=referral)
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    C.gateway_record_assessment(
        actor=people["police"],
        gateway_referral=gateway,
        checks=["police_systems"],
        checks_notes="",
        outcome="police_led",
        signposted_to="",
        rationale="Police-led",
        case_officer=None,
    )
    events = AuditEvent.objects.exclude(pk__in=before)
    changed = events.get(action="referral_status_changed")
    assert changed.actor_id == people["police"].pk
    assert changed.object_id == str(referral.pk)
    assert changed.changes["status"]["after"] == ReferralStatus.OUTCOME_RECEIVED
    referral.refresh_from_db()
    update = referral.updates.get(to_status=ReferralStatus.OUTCOME_RECEIVED)
    assert update.note == "Police Prevent gateway outcome: Managed by police (police-led)"
    assert update.changed_by == people["police"]


def test_an_external_referral_creates_its_person_through_the_people_service(people: dict[str, Any]) -> None:
    gateway = C.gateway_log_external_referral(
        actor=people["police"],
        person=C.ExternalPerson("Jamie Public", postcode="ox1 1aa"),
        external_source="public",
        external_detail="",
        summary="Worrying posts",
        received_on=timezone.localdate(),
    )
    event = AuditEvent.objects.get(action="person_created")
    assert event.object_id == str(gateway.person_id)
    assert "Jamie Public" not in event.summary
