"""The hand-counted partnership for the statistics tests: 71 concerns from
three organisations in three districts over two financial years, with their
triage decisions, referrals, gateway assessments, Channel cases, consent,
support and post-exit reviews, made directly as rows (the services are
tested in their own apps; here only the counting is).

Blocks (each line: how many concerns, all alike). Dates are submission days;
a concern is triaged `triage_days` later, referred that day when its level
is 2 or above, and assessed at the gateway `gateway_days` after that.

FY 2025 to 2026 (62 concerns)
  Cherwell school   Q1 10 Apr 2025  12  male 14    Islamist      L2  NFA 6, signposted 3, Channel 3
                    Q2  8 Jul 2025   8  female 16  ERW           L3  Channel 2, police-led 6
                    Q3  7 Oct 2025   3  male 25    ERW           L1
                    Q4  8 Jan 2026   7  (none)     (none)        not triaged
  Oxford health     Q1 10 Apr 2025   6  male 35    Islamist      L2  NFA 6
                    Q2  8 Jul 2025   2  female 45  ERW           L4  Channel 2 (not adopted)
                    Q3  7 Oct 2025  10  male 17    No ideology   L1
  West police       Q1 10 Apr 2025   5  male 19    Islamist      L3  signposted 5
                    Q2  8 Jul 2025   5  female 14  ERW           L2  NFA 5
                    Q4  8 Jan 2026   4  male, no age Islamist    L2  awaiting the gateway
FY 2024 to 2025 (9 concerns)
  Cherwell school   Q1 15 Apr 2024   6  male 15    Islamist      L2  NFA
  Oxford health     Q4 15 Jan 2025   3  female 30  ERW           L3  signposted

Triage takes 2 days in Cherwell, 4 in Oxford, 6 in West; the gateway 5, 3
and 10 days. Channel: the 3 Cherwell Q1 cases are discussed and adopted at
the panel of 20 May 2025, consent given 27 May, support from 10 June, exited
15 November 2025 (one re-referred at its 6-month review, done on time; one
reviewed late; one not reviewed); the 2 Cherwell Q2 and 2 Oxford Q2 cases
are discussed on 19 August 2025: Cherwell's adopted (consent given to one,
from 26 August, support from 9 September; refused by the other), Oxford's
not adopted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from itertools import count
from typing import Any

import pytest
from django.utils import timezone

from prevent.accounts.roles import Role
from prevent.channel.models import (
    AgendaItem,
    AgendaKind,
    ApprovedProvider,
    CaseStatus,
    ChannelCase,
    ConsentGiver,
    ConsentMethod,
    ConsentOutcome,
    ConsentRecord,
    DecisionOutcome,
    GatewayAssessment,
    GatewayOutcome,
    GatewayReferral,
    GatewaySource,
    GatewayStatus,
    Intervention,
    InterventionType,
    PanelDecision,
    PanelMeeting,
    PostExitReview,
    ReviewOutcome,
)
from prevent.concerns.models import (
    Concern,
    ConcernStatus,
    Referral,
    ReferralDestination,
    ReferralMethod,
    ReferralStatus,
    TriageDecision,
)
from prevent.core.models import District, Organisation, Sector
from prevent.guidance.models import ConcernType
from prevent.people.models import Person
from tests.browser.conftest import (  # noqa: F401  (the browser fixtures, for test_browser)
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

_seq = count(1)


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


@dataclass
class Block:
    org: str
    day: dt.date
    n: int
    gender: str
    age: int | None
    type_code: str | None
    level: int | None
    outcomes: list[tuple[str, int]]  # gateway outcome, how many ([] = not assessed)


D = dt.date
BLOCKS = [
    Block(
        "cherwell",
        D(2025, 4, 10),
        12,
        "male",
        14,
        "islamist",
        2,
        [("no_further_action", 6), ("signposted", 3), ("channel", 3)],
    ),
    Block(
        "cherwell",
        D(2025, 7, 8),
        8,
        "female",
        16,
        "extreme-right-wing",
        3,
        [("channel", 2), ("police_led", 6)],
    ),
    Block("cherwell", D(2025, 10, 7), 3, "male", 25, "extreme-right-wing", 1, []),
    Block("cherwell", D(2026, 1, 8), 7, "", None, None, None, []),
    Block("oxford", D(2025, 4, 10), 6, "male", 35, "islamist", 2, [("no_further_action", 6)]),
    Block("oxford", D(2025, 7, 8), 2, "female", 45, "extreme-right-wing", 4, [("channel", 2)]),
    Block("oxford", D(2025, 10, 7), 10, "male", 17, "vulnerability-no-ideology", 1, []),
    Block("west", D(2025, 4, 10), 5, "male", 19, "islamist", 3, [("signposted", 5)]),
    Block("west", D(2025, 7, 8), 5, "female", 14, "extreme-right-wing", 2, [("no_further_action", 5)]),
    Block("west", D(2026, 1, 8), 4, "male", None, "islamist", 2, []),
    Block("cherwell", D(2024, 4, 15), 6, "male", 15, "islamist", 2, [("no_further_action", 6)]),
    Block("oxford", D(2025, 1, 15), 3, "female", 30, "extreme-right-wing", 3, [("signposted", 3)]),
]
TRIAGE_DAYS = {"cherwell": 2, "oxford": 4, "west": 6}
GATEWAY_DAYS = {"cherwell": 5, "oxford": 3, "west": 10}
# Ethnic group and mental health needs by organisation; neurodivergent: the
# 12 Cherwell concerns of April 2025 only.
ETHNICITY = {"cherwell": "white_british", "oxford": "asian_pakistani", "west": ""}
MENTAL_HEALTH = {"cherwell": "no", "oxford": "yes", "west": ""}


def build_partnership(users: dict[str, Any]) -> dict[str, Any]:
    orgs: dict[str, Organisation] = {
        "cherwell": Organisation.objects.get_or_create(
            name="Banbury Academy", sector=Sector.SCHOOL, district=District.CHERWELL
        )[0],
        "oxford": Organisation.objects.get_or_create(
            name="Oxford Health", sector=Sector.HEALTH, district=District.OXFORD_CITY
        )[0],
        "west": Organisation.objects.get_or_create(
            name="West Police Station", sector=Sector.POLICE, district=District.WEST_OXFORDSHIRE
        )[0],
    }
    staff = users["staff"]
    types = {
        code: ConcernType.objects.get_or_create(code=code, defaults={"label": label, "order": i})[0]
        for i, (code, label) in enumerate(
            [
                ("islamist", "Islamist"),
                ("extreme-right-wing", "Extreme right-wing"),
                (
                    "vulnerability-no-ideology",
                    "Vulnerability present but no ideology or counter-terrorism risk",
                ),
            ]
        )
    }
    channel_referrals: dict[tuple[str, dt.date], list[GatewayReferral]] = {}
    for block in BLOCKS:
        outcomes = [o for o, k in block.outcomes for _ in range(k)]
        for i in range(block.n):
            n = next(_seq)
            person = Person.objects.create(full_name=f"Person {n}", name_key=f"person {n}")
            concern = Concern.objects.create(
                reference=f"PH-T-{n:05d}",
                organisation=orgs[block.org],
                raised_by=staff,
                status=ConcernStatus.SUBMITTED if block.level is None else ConcernStatus.REFERRED,
                submitted_at=at(block.day),
                created_at=at(block.day),
                person=person,
                person_gender=block.gender,
                age_at_referral=block.age,
                person_ethnicity=ETHNICITY[block.org],
                mental_health_needs=MENTAL_HEALTH[block.org],
                neurodivergent="yes" if (block.org, block.day) == ("cherwell", D(2025, 4, 10)) else "",
                concern_type=types[block.type_code] if block.type_code else None,
                referred_to_police_prevent=bool(block.level and block.level >= 2),
            )
            if block.level is None:
                continue
            decided = block.day + dt.timedelta(days=TRIAGE_DAYS[block.org])
            decision = TriageDecision.objects.create(
                concern=concern,
                pyramid_level=block.level,
                rationale="r",
                decided_by=staff,
                decided_at=at(decided),
            )
            if block.level < 2:
                concern.status = ConcernStatus.NO_REFERRAL
                concern.save(update_fields=["status"])
                continue
            referral = Referral.objects.create(
                concern=concern,
                decision=decision,
                destination=ReferralDestination.POLICE_PREVENT,
                sent_on=decided,
                method=ReferralMethod.EMAIL,
                created_by=staff,
                created_at=at(decided),
                status=ReferralStatus.SENT if not outcomes else ReferralStatus.OUTCOME_RECEIVED,
            )
            gateway = GatewayReferral.objects.create(
                reference=f"GW-T-{n:05d}",
                source=GatewaySource.SPOC_REFERRAL,
                referral=referral,
                person=person,
                received_on=decided,
                status=GatewayStatus.AWAITING if not outcomes else GatewayStatus.ASSESSED,
                created_by=staff,
            )
            if not outcomes:
                continue
            outcome = outcomes[i]
            GatewayAssessment.objects.create(
                gateway_referral=gateway,
                outcome=outcome,
                rationale="r",
                assessed_by=staff,
                assessed_at=at(decided + dt.timedelta(days=GATEWAY_DAYS[block.org])),
            )
            if outcome == GatewayOutcome.CHANNEL:
                channel_referrals.setdefault((block.org, block.day), []).append(gateway)
    cases = _channel(users, channel_referrals)
    return {"orgs": orgs, "types": types, "cases": cases}


def _channel(
    users: dict[str, Any], found: dict[tuple[str, dt.date], list[GatewayReferral]]
) -> dict[str, list[ChannelCase]]:
    staff = users["staff"]
    may, august = (
        PanelMeeting.objects.get_or_create(meeting_on=D(2025, 5, 20), defaults={"created_by": staff})[0],
        PanelMeeting.objects.get_or_create(meeting_on=D(2025, 8, 19), defaults={"created_by": staff})[0],
    )
    provider = ApprovedProvider.objects.get_or_create(name="Test mentoring provider")[0]

    def case(gateway: GatewayReferral, status: str) -> ChannelCase:
        return ChannelCase.objects.create(
            reference=f"CH-{gateway.reference}",
            person=gateway.person,
            gateway_referral=gateway,
            case_officer=staff,
            opened_by=staff,
            status=status,
        )

    def discuss(case_: ChannelCase, meeting: PanelMeeting, outcome: str) -> None:
        item = AgendaItem.objects.create(
            meeting=meeting, case=case_, kind=AgendaKind.NEW_CASE, added_by=staff
        )
        PanelDecision.objects.create(
            agenda_item=item,
            case=case_,
            outcome=outcome,
            rationale="r",
            recorded_by=staff,
            confirmed_by=staff,
            confirmed_at=at(meeting.meeting_on),
        )

    def consent(case_: ChannelCase, day: dt.date, outcome: str) -> None:
        ConsentRecord.objects.create(
            case=case_,
            outcome=outcome,
            given_by=ConsentGiver.PERSON,
            giver_name="x",
            obtained_on=day,
            method=ConsentMethod.IN_PERSON,
            obtained_by="x",
            recorded_by=staff,
        )

    def support(case_: ChannelCase, day: dt.date) -> None:
        Intervention.objects.create(
            case=case_,
            type=InterventionType.IDEOLOGICAL_MENTORING,
            provider=provider,
            start_on=day,
            created_by=staff,
        )

    first = [case(g, CaseStatus.EXITED) for g in found[("cherwell", D(2025, 4, 10))]]
    for c in first:
        discuss(c, may, DecisionOutcome.ADOPT)
        consent(c, D(2025, 5, 27), ConsentOutcome.GIVEN)
        support(c, D(2025, 6, 10))
        c.exited_on = D(2025, 11, 15)
        c.save(update_fields=["exited_on"])
    due = D(2026, 5, 15)
    PostExitReview.objects.create(
        case=first[0],
        months=6,
        due_on=due,
        outcome=ReviewOutcome.RE_REFERRAL,
        completed_by=staff,
        completed_at=at(D(2026, 5, 10)),
    )
    PostExitReview.objects.create(
        case=first[1],
        months=6,
        due_on=due,
        outcome=ReviewOutcome.NO_FURTHER_CONCERNS,
        completed_by=staff,
        completed_at=at(D(2026, 6, 1)),
    )
    PostExitReview.objects.create(case=first[2], months=6, due_on=due)
    second = found[("cherwell", D(2025, 7, 8))]
    given, refused = case(second[0], CaseStatus.SUPPORT), case(second[1], CaseStatus.CONSENT_REFUSED)
    for c in (given, refused):
        discuss(c, august, DecisionOutcome.ADOPT)
    consent(given, D(2025, 8, 26), ConsentOutcome.GIVEN)
    support(given, D(2025, 9, 9))
    consent(refused, D(2025, 8, 26), ConsentOutcome.REFUSED)
    oxford = [case(g, CaseStatus.NOT_ADOPTED) for g in found[("oxford", D(2025, 7, 8))]]
    for c in oxford:
        discuss(c, august, DecisionOutcome.NOT_ADOPT)
    return {"exited": first, "open": [given, refused], "not_adopted": oxford}


@pytest.fixture
def users(make_user: Callable[..., Any]) -> dict[str, Any]:
    council = OrganisationFactory(name="Oxfordshire County Council", district=District.COUNTY_WIDE)
    return {
        "staff": make_user(Role.SPOC, organisation=council),
        "analyst": make_user(Role.PARTNERSHIP_ANALYST, organisation=council),
        "coordinator": make_user(Role.PREVENT_COORDINATOR, organisation=council),
        "practitioner": make_user(Role.PRACTITIONER, organisation=council),
    }


@pytest.fixture
def partnership(users: dict[str, Any]) -> dict[str, Any]:
    return {**build_partnership(users), **users}
