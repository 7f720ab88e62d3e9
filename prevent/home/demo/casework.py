"""The demo partnership's casework in mid-year, seeded through the services.

Every record is made by the service a user would call, as the demo user who
would call it, so the policy checks it and the audit chain is real. Events
of the past are placed in the past by running those services as of a past
time (`prevent.core.clock.as_of`): no rule is relaxed for anyone.

What it seeds, relative to the day it runs: concerns awaiting triage, one
with a question to the practitioner, concerns triaged at each level of the
Prevent pyramid, referrals at the police gateway (one a repeat referral of
a person who already went through Channel) and one logged from outside,
Channel cases in information gathering, adopted with consent and a support
plan, with consent refused and a risk management plan, recommended for
exit awaiting the chair's closing report, and exited with their post-exit
reviews (one overdue); past panel meetings with attendance, decisions and
minutes, and the next meeting with its agenda; self-assessments rated
Green, Amber and Red; an invited account awaiting set-up.

Idempotent: each scenario is keyed by a demo marker (the made-up name of
its person, or of its organisation's assessment) and seeded only when the
marker is missing, so what a user added or changed is kept. Every name is
invented; never put real data in the demo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction

from prevent.accounts.models import User
from prevent.accounts.roles import Role
from prevent.accounts.services import users as user_services
from prevent.channel import services as C
from prevent.channel.models import (
    ApprovedProvider,
    Attendance,
    ChannelCase,
    DecisionOutcome,
    GatewayReferral,
    PanelMeeting,
)
from prevent.concerns import services as concern_services
from prevent.concerns import steps as S
from prevent.concerns.models import Concern, Referral, ReferralDestination
from prevent.core import clock
from prevent.core.models import Organisation
from prevent.self_assessment import services as SA
from prevent.self_assessment.models import Assessment
from prevent.self_assessment.selectors import assessment_sections

from . import partnership as P
from .cast import (
    CHAIR,
    COORDINATOR,
    INVITED,
    MEMBERS,
    POLICE,
    PRACTITIONER,
    PRACTITIONER_HEALTH,
    PROVIDER,
    SPOC,
    SPOC_HEALTH,
    SPOC_SCHOOL_B,
    _weekday,
)
from .training import Training


class Casework:
    def __init__(self, users: dict[str, User], organisations: dict[str, Organisation]) -> None:
        self.u = users
        self.orgs = organisations
        self.today = clock.today()
        self.seeded: list[str] = []

    def day(self, days_ago: int) -> dt.date:
        return self.today - dt.timedelta(days=days_ago)

    # ---- running -------------------------------------------------------------

    def load(self) -> list[str]:
        """Seed every scenario whose marker is missing; the markers seeded."""
        scenarios: list[tuple[str, Callable[[str], None]]] = [
            ("Jordan Ellis", self.awaiting_triage),
            ("Casey Marsh", self.question_asked),
            ("Robin Hale", self.level_one),
            ("Taylor Quinn", self.level_two_overdue),
            ("Morgan Vale", self.at_gateway),
            ("Frankie Dunn", self.external_at_gateway),
            ("Sasha Brook", self.information_gathering),
            ("Riley Stone", self.adopted_with_support),
            ("Jamie Fox", self.consent_refused),
            ("Drew Carter", self.exit_recommended),
            ("Avery Lane", self.exited_review_overdue),
            ("Charlie Reed", self.exited_review_due),
            ("Avery Lane (repeat)", self.repeat_referral),
        ]
        for marker, seed in scenarios:
            name = marker.removesuffix(" (repeat)")
            # The repeat referral is the second concern about its person.
            wanted = 2 if marker != name else 1
            found = Concern.objects.filter(person__full_name=name).count()
            found += GatewayReferral.objects.filter(person__full_name=name, referral=None).count()
            if found < wanted:
                with transaction.atomic():
                    seed(name)
                self.seeded.append(marker)
        self.next_panel()
        self.self_assessments()
        self.invited_account()
        self.seeded += Training(self.u, self.orgs).load()
        return self.seeded

    # ---- building blocks -----------------------------------------------------

    def concern(
        self,
        name: str,
        *,
        on: dt.date,
        by: str = PRACTITIONER,
        born: dt.date = dt.date(2009, 3, 14),
        what: str = "Shared extremist videos with other pupils and spoke of a 'race war'.",
    ) -> Concern:
        user = self.u[by]
        with clock.as_of(on):
            concern = concern_services.concern_create_draft(actor=user, emergency="no")
            concern = concern_services.concern_save_step(
                actor=user,
                concern=concern,
                step=S.PERSON,
                answers={},
                cleaned={
                    "person_name": name,
                    "person_other_names": "",
                    "person_date_of_birth": born,
                    "person_approximate_age": None,
                    "person_gender": "male",
                    "person_address": "1 Example Road, Banbury",
                    "person_postcode": "OX16 9ZZ",
                    "person_district": "cherwell",
                    "person_school_or_employer": user.organisation.name if user.organisation else "",
                },
            )
            concern = concern_services.concern_save_step(
                actor=user,
                concern=concern,
                step=S.SUPPORT,
                answers={},
                cleaned={"care_needs": ["social_isolation"], "services_involved": [], "person_aware": "no"},
            )
            concern = concern_services.concern_save_step(
                actor=user,
                concern=concern,
                step=S.CONCERN,
                answers={},
                cleaned={
                    "what_happened": what,
                    "observed_on": on - dt.timedelta(days=1),
                    "location": "At school",
                    "how_came_to_notice": "Other pupils told me.",
                },
            )
            return concern_services.concern_submit(actor=user, concern=concern)

    def triage(
        self,
        concern: Concern,
        *,
        on: dt.date,
        level: int,
        spoc: str = SPOC,
        to: str | None = None,
        expected: dt.date | None = None,
    ) -> Referral | None:
        referrals = []
        if to is not None:
            referrals.append(
                concern_services.ReferralInput(
                    destination=to, sent_on=on, method="email", expected_response_on=expected
                )
            )
        with clock.as_of(on):
            concern_services.triage_record_decision(
                actor=self.u[spoc],
                concern=concern,
                pyramid_level=level,
                rationale=f"Level {level} on the Prevent pyramid: see the concern.",
                referrals=referrals,
            )
        return Referral.objects.filter(concern=concern).order_by("-pk").first()

    def to_gateway(self, name: str, *, on: dt.date, by: str = PRACTITIONER, spoc: str = SPOC) -> Referral:
        concern = self.concern(name, on=on, by=by)
        referral = self.triage(concern, on=on, level=3, spoc=spoc, to=ReferralDestination.POLICE_PREVENT)
        if referral is None:
            raise RuntimeError(f"The level 3 decision on {concern} made no referral")
        return referral

    def open_case(self, name: str, *, on: dt.date, **kwargs: Any) -> ChannelCase:
        referral = self.to_gateway(name, on=on, **kwargs)
        police = self.u[POLICE]
        with clock.as_of(on + dt.timedelta(days=2)):
            gateway = C.gateway_referral_from_concern(actor=police, referral=referral)
            C.gateway_record_assessment(
                actor=police,
                gateway_referral=gateway,
                checks=["police_systems"],
                checks_notes="Known to police systems: no offences.",
                outcome="channel",
                signposted_to="",
                rationale="Vulnerable to radicalisation, an ideology is present: for the Channel Panel.",
                case_officer=self.u[COORDINATOR],
            )
        return ChannelCase.objects.get(gateway_referral=gateway)

    def meeting(self, days_ago: int) -> PanelMeeting:
        """The panel meeting on the weekday nearest `days_ago` days ago (or after)."""
        day = _weekday(self.day(days_ago)) if days_ago > 0 else self.day(days_ago)
        found = PanelMeeting.objects.filter(meeting_on=day).first()
        if found is not None:
            return found
        coordinator = self.u[COORDINATOR]
        with clock.as_of(day - dt.timedelta(days=14)):
            made = C.panel_generate_schedule(
                actor=coordinator, first_on=day, months=1, location="County Hall, Oxford"
            )
            meeting = (
                made[0] if made else PanelMeeting.objects.filter(meeting_on__gte=day).earliest("meeting_on")
            )
            members = [self.u[CHAIR], *(self.u[m] for m in MEMBERS)]
            C.panel_set_members(actor=coordinator, meeting=meeting, members=members)
        return meeting

    def attended(self, meeting: PanelMeeting) -> None:
        if Attendance.objects.filter(meeting=meeting).exists():
            return
        with clock.as_of(meeting.meeting_on):
            for email in (CHAIR, *MEMBERS, COORDINATOR, POLICE):
                user = self.u[email]
                organisation = self.orgs[P.DEMO_USERS_BY_EMAIL[email].organisation]
                C.attendance_record(
                    actor=self.u[COORDINATOR],
                    meeting=meeting,
                    agency=organisation,
                    representative=user.full_name,
                    status="present",
                )

    def decide(
        self, meeting: PanelMeeting, case: ChannelCase, outcome: str, *, confirm: bool = True, kind: str = ""
    ) -> ChannelCase:
        coordinator = self.u[COORDINATOR]
        with clock.as_of(meeting.meeting_on - dt.timedelta(days=7)):
            if not meeting.agenda_items.filter(case=case).exists():
                C.agenda_add_case(actor=coordinator, meeting=meeting, case=case, kind=kind or "new_case")
        self.attended(meeting)
        with clock.as_of(dt.datetime.combine(meeting.meeting_on, dt.time(11, 0))):
            decision = C.decision_record(
                actor=coordinator,
                meeting=meeting,
                case=case,
                outcome=outcome,
                other_mechanism="",
                rationale="The panel considered the vulnerability assessment and the agencies' information.",
            )
            if confirm:
                C.decision_confirm(actor=self.u[CHAIR], decision=decision)
        with clock.as_of(meeting.meeting_on + dt.timedelta(days=1)):
            meeting.refresh_from_db()
            if not meeting.minutes:
                C.meeting_record_minutes(
                    actor=coordinator,
                    meeting=meeting,
                    minutes="Attendance as recorded. The panel discussed each case on the agenda; "
                    "decisions as recorded against each case.",
                )
        case.refresh_from_db()
        return case

    def consent(self, case: ChannelCase, *, on: dt.date, given: bool) -> None:
        with clock.as_of(on):
            C.consent_record(
                actor=self.u[COORDINATOR],
                case=case,
                data=C.ConsentInput(
                    outcome="given" if given else "refused",
                    given_by="parent",
                    giver_name="A parent (demo)",
                    child_view="Willing to meet a mentor" if given else "Does not want support",
                    obtained_on=on,
                    method="in_person",
                    obtained_by=self.u[COORDINATOR].full_name,
                    told_support_needs_consent=True,
                    risk_management_plan=""
                    if given
                    else "School safeguarding lead to monitor weekly; police Prevent to review in 3 months.",
                    reassess_on=None if given else on + dt.timedelta(days=90),
                ),
            )
        case.refresh_from_db()

    def provider(self) -> ApprovedProvider:
        found = ApprovedProvider.objects.filter(name=PROVIDER).first()
        if found is not None:
            return found
        return C.provider_add(
            actor=self.u[COORDINATOR], name=PROVIDER, is_home_office_intervention_provider=True
        )

    def support(self, case: ChannelCase, *, on: dt.date, review_on: dt.date | None) -> None:
        with clock.as_of(on):
            C.intervention_add(
                actor=self.u[COORDINATOR],
                case=case,
                type="diversionary",
                provider=self.provider(),
                description="Weekly mentoring sessions",
                start_on=on,
                review_on=review_on,
                end_on=None,
            )
        case.refresh_from_db()

    def exit(self, case: ChannelCase, meeting: PanelMeeting) -> ChannelCase:
        case = self.decide(meeting, case, DecisionOutcome.EXIT, kind="proposed_exit")
        with clock.as_of(meeting.meeting_on + dt.timedelta(days=1)):
            C.closing_report_complete(
                actor=self.u[CHAIR],
                case=case,
                evidence="The vulnerabilities are reduced: engaging with the mentor, no further incidents.",
            )
            C.case_exit(actor=self.u[COORDINATOR], case=case)
        case.refresh_from_db()
        return case

    # ---- the scenarios -------------------------------------------------------

    def awaiting_triage(self, name: str) -> None:
        self.concern(name, on=self.day(2))

    def question_asked(self, name: str) -> None:
        concern = self.concern(name, on=self.day(6))
        with clock.as_of(self.day(5)):
            concern_services.triage_request_more_information(
                actor=self.u[SPOC],
                concern=concern,
                question="Has this happened before, and who else saw it?",
            )

    def level_one(self, name: str) -> None:
        concern = self.concern(name, on=self.day(40), what="Repeated a slogan heard online; no other signs.")
        self.triage(concern, on=self.day(39), level=1)

    def level_two_overdue(self, name: str) -> None:
        concern = self.concern(name, on=self.day(30), by=PRACTITIONER_HEALTH)
        self.triage(
            concern,
            on=self.day(29),
            level=2,
            spoc=SPOC_HEALTH,
            to=ReferralDestination.CHILDRENS_SOCIAL_CARE,
            expected=self.day(9),
        )

    def at_gateway(self, name: str) -> None:
        self.to_gateway(name, on=self.day(3))

    def external_at_gateway(self, name: str) -> None:
        with clock.as_of(self.day(4)):
            C.gateway_log_external_referral(
                actor=self.u[POLICE],
                person=C.ExternalPerson(name, dt.date(2001, 7, 2)),
                external_source="public",
                external_detail="",
                summary="A member of the public reported worrying posts online.",
                received_on=self.day(4),
            )

    def information_gathering(self, name: str) -> None:
        case = self.open_case(name, on=self.day(12))
        health, probation = self.orgs[P.OXFORD_HEALTH], self.orgs[P.PROBATION]
        with clock.as_of(self.day(9)):
            C.information_request_send(
                actor=self.u[COORDINATOR],
                case=case,
                agency=health,
                question="Is the person known to your services, and is there any current support?",
                due_on=self.day(-5),
            )
            C.information_request_send(
                actor=self.u[COORDINATOR],
                case=case,
                agency=probation,
                question="Is the person or anyone in the household known to probation?",
                due_on=self.day(2),
            )

    def adopted_with_support(self, name: str) -> None:
        case = self.open_case(name, on=self.day(100), by=PRACTITIONER_HEALTH, spoc=SPOC_HEALTH)
        case = self.decide(self.meeting(90), case, DecisionOutcome.ADOPT)
        self.consent(case, on=self.day(86), given=True)
        self.support(case, on=self.day(80), review_on=self.day(3))
        # At the last meeting the panel asked to keep the case open: the chair
        # has still to confirm it.
        self.decide(self.meeting(21), case, DecisionOutcome.CONTINUE, confirm=False, kind="review")

    def consent_refused(self, name: str) -> None:
        case = self.open_case(name, on=self.day(70))
        case = self.decide(self.meeting(60), case, DecisionOutcome.ADOPT)
        self.consent(case, on=self.day(56), given=False)

    def exit_recommended(self, name: str) -> None:
        case = self.open_case(name, on=self.day(35))
        self.decide(self.meeting(21), case, DecisionOutcome.EXIT, kind="new_case")

    def exited_review_overdue(self, name: str) -> None:
        case = self.open_case(name, on=self.day(250))
        case = self.decide(self.meeting(230), case, DecisionOutcome.ADOPT)
        self.consent(case, on=self.day(226), given=True)
        self.support(case, on=self.day(224), review_on=None)
        self.exit(case, self.meeting(200))

    def exited_review_due(self, name: str) -> None:
        case = self.open_case(name, on=self.day(205))
        case = self.decide(self.meeting(200), case, DecisionOutcome.ADOPT)
        self.consent(case, on=self.day(198), given=True)
        self.support(case, on=self.day(196), review_on=None)
        self.exit(case, self.meeting(176))

    def repeat_referral(self, name: str) -> None:
        """A new concern about a person who already exited Channel."""
        self.to_gateway(name, on=self.day(1))

    # ---- the next panel, self-assessments, accounts --------------------------

    def next_panel(self) -> None:
        """The next meeting, with the case in information gathering on its agenda."""
        day = self.today + dt.timedelta(days=14)
        while day.weekday() not in (1, 2, 3):
            day += dt.timedelta(days=1)
        if PanelMeeting.objects.filter(meeting_on__gt=self.today).exists():
            return
        case = ChannelCase.objects.filter(person__full_name="Sasha Brook").first()
        with transaction.atomic():
            meeting = self.meeting(-(day - self.today).days)
            if case is not None:
                C.agenda_add_case(actor=self.u[COORDINATOR], meeting=meeting, case=case, kind="new_case")
        self.seeded.append("next panel")

    def self_assessments(self) -> None:
        """Submitted assessments rated Green (all met), Amber (some met) and a
        draft rated Red (none met) that the SPOC still has to finish."""
        plans: list[tuple[str, str, Callable[[int], bool], bool]] = [
            (SPOC_HEALTH, "green", lambda i: True, True),
            (SPOC, "amber", lambda i: i % 2 == 0, True),
            (SPOC_SCHOOL_B, "red", lambda i: False, False),
        ]
        for email, rating, met, submit in plans:
            spoc = self.u[email]
            organisation = self.orgs[P.DEMO_USERS_BY_EMAIL[email].organisation]
            if Assessment.objects.filter(organisation=organisation).exists():
                continue
            with transaction.atomic(), clock.as_of(self.day(150)):
                assessment = SA.assessment_start(
                    actor=spoc,
                    organisation=organisation,
                    assessor_names=spoc.full_name,
                    assessed_on=self.day(151),
                    review_due_on=self.day(-20) if submit else self.day(-215),
                )
                for section in assessment_sections(assessment):
                    SA.assessment_save_objective(
                        actor=spoc,
                        assessment=assessment,
                        objective=section.objective,
                        answers={
                            row.statement.pk: (met(i), "Seen in the policy and the training records")
                            for i, row in enumerate(section.rows)
                        },
                    )
                if submit:
                    SA.assessment_submit(actor=spoc, assessment=assessment)
            self.seeded.append(f"self-assessment ({rating})")

    def invited_account(self) -> None:
        """An account invited but not yet set up, for the administrator."""
        if User.objects.filter(email=INVITED).exists():
            return
        user_services.user_create(
            actor=self.u[P.ADMINISTRATOR.email],
            email=INVITED,
            full_name="Nia Newcomer",
            job_title="Teacher",
            organisation=self.orgs[P.SCHOOL_B],
            roles=[Role.PRACTITIONER],
            base_url=P.BASE_URL,
            send_invitation=False,
        )
        self.seeded.append("invited account")
