"""Repeat referrals cannot be missed (issue 10, item 6): the person's
earlier concerns, referrals and gateway outcomes at triage, at the gateway
and on the Channel case, with a warning, and "no further action" refused
at the gateway without the officer's acknowledgement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.channel import services as C
from prevent.channel.models import GatewayAssessment, GatewayReferral
from prevent.channel.panels_history import referral_history
from prevent.concerns import services as concern_services
from prevent.concerns.models import Concern, Referral, ReferralDestination
from prevent.concerns.tests.conftest import make_submitted
from prevent.people.models import Person
from prevent.people.services import person_link
from prevent.policy import Action, can
from tests.factories import OrganisationFactory

from .conftest import police_referral

pytestmark = pytest.mark.django_db


def refer_again(
    people: dict[str, Any],
    person: Person,
    *,
    sent_on: dt.date | None = None,
    spoc: Any = None,
    practitioner: Any = None,
) -> Referral:
    """Another concern about `person`, referred to police Prevent by its SPOC."""
    spoc = spoc or people["spoc"]
    concern = make_submitted(practitioner or people["practitioner"])
    if can(spoc, Action.LINK_PERSON, person):
        concern = person_link(actor=spoc, record=concern, person=person)
    else:  # arranged: another organisation's concern found to be about the same person
        Concern.objects.filter(pk=concern.pk).update(person=person)
        concern.refresh_from_db()
    concern_services.triage_record_decision(
        actor=spoc,
        concern=concern,
        pyramid_level=3,
        rationale="Referred again",
        referrals=[
            concern_services.ReferralInput(
                destination=ReferralDestination.POLICE_PREVENT,
                sent_on=sent_on or timezone.localdate(),
                method="email",
            )
        ],
    )
    return Referral.objects.get(concern=concern, destination=ReferralDestination.POLICE_PREVENT)


def assess(people: dict[str, Any], referral: Referral, outcome: str, **kwargs: Any) -> GatewayReferral:
    gateway = C.gateway_referral_from_concern(actor=people["police"], referral=referral)
    C.gateway_record_assessment(
        actor=people["police"],
        gateway_referral=gateway,
        checks=["police_systems"],
        checks_notes="",
        outcome=outcome,
        signposted_to="Youth service" if outcome == "signposted" else "",
        rationale="Considered",
        case_officer=people["coordinator"] if outcome == "channel" else None,
        **kwargs,
    )
    return gateway


def third_referral(people: dict[str, Any], *, outcome: str = "signposted") -> tuple[Referral, Person]:
    first = police_referral(people)
    person = first.concern.person
    assert person is not None
    assess(people, first, outcome)
    assess(people, refer_again(people, person), outcome)
    return refer_again(people, person), person


def test_a_third_referral_shows_the_warning_at_the_gateway(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    third, _ = third_referral(people)
    body = client_for(people["police"]).get(f"/channel/gateway/from-referral/{third.pk}/").content.decode()
    assert 'id="repeat-referral-warning"' in body
    assert "referred to Prevent 2 times before in the last 3 years" in body
    assert body.count("Signposted to other services") >= 2
    assert 'name="history_acknowledged"' in body


def test_a_second_referral_after_signposting_has_the_panel_but_no_warning(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    first = police_referral(people)
    assert first.concern.person is not None
    assess(people, first, "signposted")
    second = refer_again(people, first.concern.person)
    body = client_for(people["police"]).get(f"/channel/gateway/from-referral/{second.pk}/").content.decode()
    assert 'id="referral-history"' in body and first.concern.reference in body
    assert 'id="repeat-referral-warning"' not in body
    assert 'name="history_acknowledged"' not in body


def test_an_earlier_no_further_action_warns_on_its_own(people: dict[str, Any]) -> None:
    first = police_referral(people)
    assert first.concern.person is not None
    assess(people, first, "no_further_action")
    second = refer_again(people, first.concern.person)
    history = referral_history(user=people["police"], person=first.concern.person, referral=second)
    assert history.earlier_no_further_action and history.warning
    assert history.recent_referrals == 1


def test_referrals_older_than_three_years_do_not_count(people: dict[str, Any]) -> None:
    first = police_referral(people)
    person = first.concern.person
    assert person is not None
    long_ago = timezone.localdate() - dt.timedelta(days=3 * 366 + 5)
    Referral.objects.filter(pk=first.pk).update(sent_on=long_ago)  # arranged: the first referral was old
    assess(people, Referral.objects.get(pk=first.pk), "signposted")
    assess(people, refer_again(people, person, sent_on=long_ago + dt.timedelta(days=1)), "signposted")
    third = refer_again(people, person)
    history = referral_history(user=people["police"], person=person, referral=third)
    assert len(history.referrals) == 2 and history.recent_referrals == 0 and not history.warning


def test_no_further_action_is_refused_without_the_acknowledgement(people: dict[str, Any]) -> None:
    third, _ = third_referral(people)
    gateway = C.gateway_referral_from_concern(actor=people["police"], referral=third)
    with pytest.raises(ValidationError) as refused:
        C.gateway_record_assessment(
            actor=people["police"],
            gateway_referral=gateway,
            checks=["police_systems"],
            checks_notes="",
            outcome="no_further_action",
            signposted_to="",
            rationale="Nothing new",
            case_officer=None,
        )
    assert "history_acknowledged" in refused.value.message_dict
    assert not GatewayAssessment.objects.filter(gateway_referral=gateway).exists()

    C.gateway_record_assessment(
        actor=people["police"],
        gateway_referral=gateway,
        checks=["police_systems"],
        checks_notes="",
        outcome="no_further_action",
        signposted_to="",
        rationale="Nothing new",
        case_officer=None,
        history_acknowledged=True,
    )
    assessment = GatewayAssessment.objects.get(gateway_referral=gateway)
    assert assessment.history_warning_shown and assessment.history_acknowledged
    event = AuditEvent.objects.get(action="gateway_history_acknowledged")
    assert event.actor_id == people["police"].pk and gateway.reference in event.summary


def test_other_outcomes_need_no_acknowledgement(people: dict[str, Any]) -> None:
    third, _ = third_referral(people)
    gateway = assess(people, third, "signposted")
    assessment = GatewayAssessment.objects.get(gateway_referral=gateway)
    assert assessment.history_warning_shown and not assessment.history_acknowledged
    assert not AuditEvent.objects.filter(action="gateway_history_acknowledged").exists()


def test_the_gateway_page_shows_the_error_next_to_the_acknowledgement(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    third, _ = third_referral(people)
    url = f"/channel/gateway/from-referral/{third.pk}/"
    police = client_for(people["police"])
    police.get(url)
    response = police.post(
        url,
        {
            "checks": ["police_systems"],
            "outcome": "no_further_action",
            "rationale": "Nothing new, typed by me",
            "once_token": "",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_history_acknowledged-error"' in body
    assert "Confirm you have read the person&#x27;s earlier referrals" in body
    assert "Nothing new, typed by me" in body
    assert not GatewayReferral.objects.filter(referral=third).exists()  # rolled back with the refusal


def test_the_triage_pages_show_the_history_the_spoc_may_see(
    people: dict[str, Any], client_for: Callable[..., Any], make_user: Callable[..., Any]
) -> None:
    first = police_referral(people)
    person = first.concern.person
    assert person is not None
    assess(people, first, "no_further_action")
    college = OrganisationFactory(name="Banbury College")
    other_spoc = make_user(Role.SPOC, organisation=college, full_name="Olga Otherspoc")
    other_practitioner = make_user(Role.PRACTITIONER, organisation=college)
    elsewhere = refer_again(people, person, spoc=other_spoc, practitioner=other_practitioner)
    now = person_link(actor=people["spoc"], record=make_submitted(people["practitioner"]), person=person)

    for url in (f"/concerns/{now.pk}/", f"/concerns/{now.pk}/decision/"):
        body = client_for(people["spoc"]).get(url).content.decode()
        assert 'id="referral-history"' in body
        assert first.concern.reference in body  # their own organisation's, with its outcome
        assert "No further action" in body and 'id="repeat-referral-warning"' in body
        assert elsewhere.concern.reference not in body  # another organisation's: not the SPOC's to see

    police_history = referral_history(user=people["police"], person=person, concern=now)
    assert {r.reference for r in police_history.referrals} >= {elsewhere.concern.reference}


def test_the_channel_case_page_shows_the_history(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    third, _ = third_referral(people)
    gateway = assess(people, third, "channel")
    body = (
        client_for(people["coordinator"]).get(f"/channel/cases/{gateway.channel_case.pk}/").content.decode()
    )
    assert 'id="referral-history"' in body and 'id="repeat-referral-warning"' in body
    assert gateway.reference not in body.split('id="referral-history"')[1].split("</section>")[0]


def test_the_history_costs_the_same_whatever_its_size(
    people: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    first = police_referral(people)
    person = first.concern.person
    assert person is not None
    assess(people, first, "signposted")
    counts = []
    for _ in range(2):
        with django_assert_max_num_queries(8) as ctx:
            history = referral_history(user=people["police"], person=person)
        counts.append(len(ctx.captured_queries))
        for _ in range(5):
            assess(people, refer_again(people, person), "signposted")
    assert len(history.referrals) == 6 and len(history.concerns) == 6
    assert counts[0] == counts[1]
    assert Concern.objects.filter(person=person).count() == 11


def test_the_gateway_history_lists_every_referral_with_names_and_outcomes(
    people: dict[str, Any], client_for: Callable[..., Any], django_assert_max_num_queries: Any
) -> None:
    _, person = third_referral(people)
    for who in ("police", "coordinator"):
        body = client_for(people[who]).get("/channel/gateway/history/").content.decode()
        assert body.count(person.full_name) == 2  # the two that reached the gateway
        assert "Signposted to other services" in body
    police = client_for(people["police"])
    awaiting = police.get("/channel/gateway/history/", {"outcome": "awaiting"}).content.decode()
    assert person.full_name not in awaiting
    assert police.get("/channel/gateway/history/", {"outcome": "<script>", "page": "9x"}).status_code == 200
    events = AuditEvent.objects.filter(action="channel_gateway_history_viewed")
    assert events.count() == 4 and person.full_name not in events.latest("pk").summary
    counts = []
    for _ in range(2):
        with django_assert_max_num_queries(60) as ctx:
            police.get("/channel/gateway/history/")
        counts.append(len(ctx.captured_queries))
        for _ in range(6):
            assess(people, refer_again(people, person), "police_led")
    assert counts[0] == counts[1]
    assert client_for(people["spoc"]).get("/channel/gateway/history/").status_code == 403


def test_the_gateway_queue_names_each_person_and_records_a_read(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    referral = police_referral(people)
    assert referral.concern.person is not None
    body = client_for(people["police"]).get("/channel/gateway/").content.decode()
    assert referral.concern.person.full_name in body
    event = AuditEvent.objects.filter(action="channel_gateway_history_viewed").latest("pk")
    assert event.actor_id == people["police"].pk and "the gateway queue" in event.summary
    assert referral.concern.person.full_name not in event.summary
