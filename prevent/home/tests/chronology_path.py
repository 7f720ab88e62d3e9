"""One person taken through the whole Channel path through the services, a
day apart per step (clock.as_of), so that every kind of chronology entry
exists in a known order: for the chronology tests and the browser test.

`times` repeats every repeatable step (questions, addenda, information
requests, assessments, panel discussions, interventions), so a test can
compare a chronology with one event of each kind and one with many."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from prevent.channel import services as C
from prevent.channel.models import (
    ApprovedProvider,
    AssessmentFramework,
    ChannelCase,
    DecisionOutcome,
    PanelMeeting,
    PostExitReview,
)
from prevent.concerns import services as concern_services
from prevent.concerns.models import Concern, Referral, ReferralDestination
from prevent.concerns.tests.conftest import make_submitted
from prevent.core import clock
from prevent.people.models import Person

# The kinds in the order the path makes them first.
PATH_ORDER = [
    "concern",
    "question",
    "addendum",
    "triage",
    "referral",
    "gateway",
    "case",
    "information",
    "vaf",
    "panel",
    "consent",
    "intervention",
    "closing_report",
    "exit",
    "review",
]

NAME = "Tamsin Quarrendon-Blyth"


@dataclass
class Path:
    person: Person
    concern: Concern
    case: ChannelCase
    first_day: dt.date
    last_day: dt.date


class _Days:
    """Consecutive days from `start`, 10am each, for clock.as_of."""

    def __init__(self, start: dt.date) -> None:
        self.day = start - dt.timedelta(days=1)

    def next(self) -> Any:
        self.day += dt.timedelta(days=1)
        return clock.as_of(self.day)


def whole_path(people: dict[str, Any], framework: AssessmentFramework, *, times: int = 1) -> Path:
    """Concern to post-exit review for one person. Needs the Channel fixtures'
    `people` (practitioner, spoc, police, coordinator, chair, member, health)."""
    p = people
    provider = ApprovedProvider.objects.create(
        name=f"Mentors {times}", is_home_office_intervention_provider=True
    )
    start = timezone.localdate() - dt.timedelta(days=120)
    days = _Days(start)
    with days.next():
        concern = make_submitted(p["practitioner"], person={"person_name": NAME})
    for n in range(times):
        with days.next():
            concern_services.triage_request_more_information(
                actor=p["spoc"], concern=concern, question=f"Has anything changed at home? ({n})"
            )
        concern.refresh_from_db()
        with days.next():
            concern_services.concern_answer_question(
                actor=p["practitioner"], concern=concern, answer=f"Parents separated last month ({n})"
            )
        concern.refresh_from_db()
        with days.next():
            concern_services.concern_add_addendum(
                actor=p["practitioner"],
                concern=concern,
                section="concern",
                text=f"Also at the youth club ({n})",
                reason="Forgot",
            )
    concern.refresh_from_db()
    with days.next() as now:
        concern_services.triage_record_decision(
            actor=p["spoc"],
            concern=concern,
            pyramid_level=3,
            rationale="Clear concern",
            referrals=[
                concern_services.ReferralInput(
                    destination=ReferralDestination.POLICE_PREVENT, sent_on=now.date(), method="email"
                )
            ],
        )
    referral = Referral.objects.get(concern=concern, destination=ReferralDestination.POLICE_PREVENT)
    with days.next():
        gateway = C.gateway_referral_from_concern(actor=p["police"], referral=referral)
    with days.next():
        C.gateway_record_assessment(
            actor=p["police"],
            gateway_referral=gateway,
            checks=["police_systems"],
            checks_notes="",
            outcome="channel",
            signposted_to="",
            rationale="Vulnerable, ideology present",
            case_officer=p["coordinator"],
        )
    case = ChannelCase.objects.get(gateway_referral=gateway)
    dims = list(framework.dimensions.prefetch_related("factors"))
    factors = [f for d in dims for f in d.factors.all()]
    for _ in range(times):
        with days.next() as now:
            request = C.information_request_send(
                actor=p["coordinator"],
                case=case,
                agency=p["health"],
                question="Known to you?",
                due_on=now.date(),
            )
        with days.next():
            C.information_request_answer(
                actor=p["member"],
                request=request,
                response="information_provided",
                text="Seen twice",
                uploads=[],
            )
    for n in range(times + 1):  # a first assessment and then `times` that change a factor
        ratings = {f.pk: ("not_present", "") for f in factors}
        if n:
            ratings[factors[0].pk] = ("present" if n % 2 else "not_present", "Said so")
            ratings[factors[n % len(factors)].pk] = ("present", "Seen")
        with days.next():
            C.vaf_record_assessment(
                actor=p["coordinator"],
                case=case,
                framework=framework,
                ratings=ratings,
                summaries={d.pk: "Summary" for d in dims},
                overall_judgement="Needs support",
            )
    meetings = []
    for n in range(times):
        with days.next() as now:
            meeting = PanelMeeting.objects.create(meeting_on=now.date(), created_by=p["coordinator"])
            meeting.members.set([p["member"], p["chair"]])
            item = C.agenda_add_case(
                actor=p["coordinator"], meeting=meeting, case=case, kind="new_case" if not n else "review"
            )
            C.agenda_record_notes(actor=p["coordinator"], item=item, notes="Discussed the assessment")
            meetings.append(meeting)
    with days.next():
        decision = C.decision_record(
            actor=p["coordinator"],
            meeting=meetings[-1],
            case=case,
            outcome=DecisionOutcome.ADOPT,
            other_mechanism="",
            rationale="Adopt",
        )
        C.decision_confirm(actor=p["chair"], decision=decision)
    case.refresh_from_db()
    with days.next() as now:
        C.consent_record(
            actor=p["coordinator"],
            case=case,
            data=C.ConsentInput(
                outcome="given",
                given_by="parent",
                giver_name="Jo Parent",
                child_view="Happy to meet a mentor",
                obtained_on=now.date(),
                method="in_person",
                obtained_by="Cora Coordinator",
                told_support_needs_consent=True,
            ),
        )
    case.refresh_from_db()
    for _ in range(times):
        with days.next() as now:
            intervention = C.intervention_add(
                actor=p["coordinator"],
                case=case,
                type="diversionary",
                provider=provider,
                description="Boxing club",
                start_on=now.date(),
                review_on=None,
                end_on=None,
            )
        with days.next() as now:
            C.intervention_end(
                actor=p["coordinator"],
                intervention=intervention,
                end_on=now.date(),
                outcome="Went every week",
            )
    case.refresh_from_db()
    with days.next() as now:
        exit_meeting = PanelMeeting.objects.create(meeting_on=now.date(), created_by=p["coordinator"])
        exit_meeting.members.set([p["member"], p["chair"]])
        C.agenda_add_case(actor=p["coordinator"], meeting=exit_meeting, case=case, kind="proposed_exit")
        decision = C.decision_record(
            actor=p["coordinator"],
            meeting=exit_meeting,
            case=case,
            outcome=DecisionOutcome.EXIT,
            other_mechanism="",
            rationale="Risk reduced",
        )
        C.decision_confirm(actor=p["chair"], decision=decision)
    case.refresh_from_db()
    with days.next():
        C.closing_report_complete(actor=p["chair"], case=case, evidence="Risk managed")
    case.refresh_from_db()
    with days.next():
        case = C.case_exit(actor=p["coordinator"], case=case)
    for review in PostExitReview.objects.filter(case=case).order_by("months"):
        with days.next():
            C.post_exit_review_record(
                actor=p["coordinator"], review=review, outcome="no_further_concerns", notes="All well"
            )
    concern.refresh_from_db()
    case.refresh_from_db()
    assert concern.person is not None
    return Path(person=concern.person, concern=concern, case=case, first_day=start, last_day=days.day)
