"""Fixtures for the Channel tests: the people of a Channel Panel, a police
Prevent referral made through the concerns services, and a quick way to
take a case along the Channel path through the services."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from prevent.accounts.roles import Role
from prevent.channel import services as C
from prevent.channel.models import (
    ApprovedProvider,
    AssessmentFramework,
    ChannelCase,
    DecisionOutcome,
    PanelMeeting,
)
from prevent.concerns import services as concern_services
from prevent.concerns.models import Referral, ReferralDestination
from prevent.concerns.tests.conftest import make_submitted
from tests.browser.conftest import (  # noqa: F401  (the browser fixtures, for test_browser_journey)
    _flush_past_audit_triggers,
    axe,
    browser,
    context,
    live_server,
    make_context,
    page,
    playwright_instance,
    signed_in_page,
)
from tests.factories import OrganisationFactory

seed_migration = importlib.import_module("prevent.channel.migrations.0002_seed_vaf")


def seed_vaf() -> AssessmentFramework:
    seed_migration.seed(django_apps, None)
    return AssessmentFramework.objects.get(is_current=True)


@pytest.fixture
def framework(db: Any) -> AssessmentFramework:
    return seed_vaf()


@pytest.fixture
def people(make_user: Callable[..., Any]) -> dict[str, Any]:
    school = OrganisationFactory(name="Banbury School")
    council = OrganisationFactory(name="Oxfordshire County Council")
    police = OrganisationFactory(name="Thames Valley Police")
    health = OrganisationFactory(name="Oxford Health")
    probation = OrganisationFactory(name="Probation Service")
    return {
        "school": school,
        "council": council,
        "health": health,
        "probation": probation,
        "practitioner": make_user(Role.PRACTITIONER, organisation=school, full_name="Pat Practitioner"),
        "spoc": make_user(Role.SPOC, organisation=school, full_name="Sam Spoc"),
        "police": make_user(Role.POLICE_PREVENT_OFFICER, organisation=police, full_name="Paula Police"),
        "coordinator": make_user(
            Role.PREVENT_COORDINATOR, organisation=council, full_name="Cora Coordinator"
        ),
        "chair": make_user(Role.CHANNEL_CHAIR, organisation=council, full_name="Chris Chair"),
        "member": make_user(Role.CHANNEL_MEMBER, organisation=health, full_name="Mo Member"),
        "outsider": make_user(Role.CHANNEL_MEMBER, organisation=probation, full_name="Olly Outsider"),
    }


def police_referral(people: dict[str, Any], *, born: dt.date = dt.date(2010, 5, 4)) -> Referral:
    concern = make_submitted(people["practitioner"], person={"person_date_of_birth": born})
    concern_services.triage_record_decision(
        actor=people["spoc"],
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
    return Referral.objects.get(concern=concern, destination=ReferralDestination.POLICE_PREVENT)


def open_case(people: dict[str, Any], **kwargs: Any) -> ChannelCase:
    referral = police_referral(people, **kwargs)
    gateway = C.gateway_referral_from_concern(actor=people["police"], referral=referral)
    C.gateway_record_assessment(
        actor=people["police"],
        gateway_referral=gateway,
        checks=["police_systems"],
        checks_notes="",
        outcome="channel",
        signposted_to="",
        rationale="Vulnerable, ideology present",
        case_officer=people["coordinator"],
    )
    return ChannelCase.objects.get(gateway_referral=gateway)


def meeting_today(people: dict[str, Any], *, on: dt.date | None = None) -> PanelMeeting:
    meeting = PanelMeeting.objects.create(
        meeting_on=on or timezone.localdate(), created_by=people["coordinator"]
    )
    meeting.members.set([people["member"], people["chair"]])
    return meeting


def decide(people: dict[str, Any], meeting: PanelMeeting, case: ChannelCase, outcome: str) -> ChannelCase:
    if not meeting.agenda_items.filter(case=case).exists():
        C.agenda_add_case(actor=people["coordinator"], meeting=meeting, case=case, kind="new_case")
    decision = C.decision_record(
        actor=people["coordinator"],
        meeting=meeting,
        case=case,
        outcome=outcome,
        other_mechanism="",
        rationale="Because",
    )
    C.decision_confirm(actor=people["chair"], decision=decision)
    case.refresh_from_db()
    return case


def consent_given(people: dict[str, Any], case: ChannelCase) -> None:
    C.consent_record(
        actor=people["coordinator"],
        case=case,
        data=C.ConsentInput(
            outcome="given",
            given_by="parent",
            giver_name="Jo Parent",
            child_view="Happy to meet a mentor",
            obtained_on=timezone.localdate(),
            method="in_person",
            obtained_by="Cora Coordinator",
            told_support_needs_consent=True,
        ),
    )


def adopted_case(people: dict[str, Any]) -> tuple[ChannelCase, PanelMeeting]:
    case = open_case(people)
    meeting = meeting_today(people)
    return decide(people, meeting, case, DecisionOutcome.ADOPT), meeting


@pytest.fixture
def provider(db: Any) -> ApprovedProvider:
    return ApprovedProvider.objects.create(
        name="Youth Mentoring Ltd", is_home_office_intervention_provider=True
    )
