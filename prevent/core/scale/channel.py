"""Channel cases through every stage: information gathering, panel
decisions at weekly panel meetings (agenda, attendance, members, minutes,
actions), VAF assessments, consent or its refusal, interventions with
progress notes, the chair's closing report, exit, and the reviews 6 and 12
months later (some leading to a re-referral to the gateway)."""

from __future__ import annotations

import bisect
from datetime import date, datetime, time, timedelta

from prevent.accounts.roles import Role
from prevent.channel import models as m
from prevent.core.models import ReferenceCounter, Sector
from prevent.training.models import add_months

from .channel_tables import tables
from .gateway import Gateway
from .plan import Context

S = m.CaseStatus
# Weights of each status by the case's age in days: (up to age, {status: weight}).
BY_AGE: list[tuple[int, dict[str, int]]] = [
    (30, {S.PRELIMINARY: 1}),
    (75, {S.PRELIMINARY: 2, S.AWAITING_CONSENT: 4, S.NOT_ADOPTED: 2, S.CONSENT_REFUSED: 1}),
    (240, {S.SUPPORT: 7, S.CONSENT_REFUSED: 1, S.NOT_ADOPTED: 2}),
    (330, {S.SUPPORT: 4, S.EXIT_RECOMMENDED: 3, S.EXITED: 3, S.NOT_ADOPTED: 1}),
    (100_000, {S.EXITED: 7, S.NOT_ADOPTED: 2, S.SUPPORT: 1}),
]
ADOPTED = {S.AWAITING_CONSENT, S.CONSENT_REFUSED, S.SUPPORT, S.EXIT_RECOMMENDED, S.EXITED}
SUPPORTED = {S.SUPPORT, S.EXIT_RECOMMENDED, S.EXITED}


class Channel:
    def __init__(self, ctx: Context, gateway: Gateway) -> None:
        self.ctx = ctx
        self.gateway = gateway
        self.rng = ctx.rng("channel")
        self.t = tables(ctx)
        self.ids = {name: 0 for name in self.t}
        self.chairs = ctx.users_by_role[Role.CHANNEL_CHAIR]
        self.members = ctx.users_by_role[Role.CHANNEL_MEMBER]
        self.officers = (
            ctx.users_by_role[Role.PREVENT_COORDINATOR] + ctx.users_by_role[Role.POLICE_PREVENT_OFFICER]
        )
        self.agencies = [
            o
            for o in ctx.organisations[:300]
            if ctx.org_sector[o] in (Sector.HEALTH, Sector.LOCAL_AUTHORITY, Sector.SCHOOL, Sector.PROBATION)
        ] or ctx.organisations[:5]
        framework = m.AssessmentFramework.objects.filter(is_current=True).order_by("-pk").first()
        self.framework = framework.pk if framework else None
        self.dimensions = list(
            m.FrameworkDimension.objects.filter(framework=framework).values_list("pk", flat=True)
        )
        self.factors = list(
            m.FrameworkFactor.objects.filter(dimension__framework=framework).values_list("pk", flat=True)
        )
        self.case_counters: dict[int, int] = {}

    def next_id(self, name: str) -> int:
        self.ids[name] += 1
        return self.ids[name]

    def run(self) -> None:
        self._meetings()
        self._providers()
        statuses = self._statuses()
        for (gateway_id, person, opened), status in zip(self.gateway.to_channel, statuses, strict=True):
            self._case(gateway_id, person, opened, status)
        self.gateway.close()
        for name, table in self.t.items():
            self.ctx.count(f"channel {name}s", table.close())
        ReferenceCounter.objects.bulk_create(
            [
                ReferenceCounter(prefix="CH", year=y, last_number=n)
                for y, n in sorted(self.case_counters.items())
            ]
        )

    def _statuses(self) -> list[str]:
        """Each case's status by its age, then every status at least once."""
        rng = self.rng
        statuses = []
        for _, _, opened in self.gateway.to_channel:
            weights = next(w for limit, w in BY_AGE if (self.ctx.anchor - opened).days <= limit)
            statuses.append(rng.choices(list(weights), weights=list(weights.values()))[0])
        for status in S:
            if status in statuses or len(statuses) < len(S):
                continue
            spare = [i for i, s in enumerate(statuses) if statuses.count(s) > 1]
            statuses[rng.choice(spare)] = status
        return statuses

    # -- meetings ---------------------------------------------------------------------------------
    def _meetings(self) -> None:
        ctx, rng = self.ctx, self.rng
        day = ctx.start.date() + timedelta(days=(2 - ctx.start.weekday()) % 7)  # Wednesdays
        self.meeting_days: list[date] = []
        while day <= ctx.as_of + timedelta(weeks=8):
            meeting_id = self.next_id("meeting")
            past = day < ctx.as_of
            created = datetime.combine(day - timedelta(days=28), time(9), ctx.anchor.tzinfo)
            self.t["meeting"].add(
                meeting_id,
                day,
                time(10),
                time(12),
                "County Hall, Oxford",
                "The panel discussed each case on the agenda." if past else "",
                datetime.combine(day, time(15), ctx.anchor.tzinfo) if past else None,
                rng.choice(self.officers),
                max(created, ctx.start),
            )
            for user in dict.fromkeys(
                [rng.choice(self.chairs), *rng.sample(self.members, min(6, len(self.members)))]
            ):
                self.t["member"].add(self.next_id("member"), meeting_id, user)
            if past:
                for agency in rng.sample(self.agencies, min(6, len(self.agencies))):
                    self.t["attendance"].add(
                        self.next_id("attendance"),
                        meeting_id,
                        agency,
                        "Panel representative",
                        "present" if rng.random() < 0.85 else "apologies",
                        rng.choice(self.officers),
                        datetime.combine(day, time(12), ctx.anchor.tzinfo),
                    )
            self.meeting_days.append(day)
            ctx.meeting_ids.append(meeting_id)
            day += timedelta(weeks=1)

    def meeting_after(self, when: date, used: set[int]) -> tuple[int, date]:
        """The first meeting on or after `when` the case is not on yet."""
        index = bisect.bisect_left(self.meeting_days, when)
        while index + 1 in used and index < len(self.meeting_days) - 1:
            index += 1
        index = min(index, len(self.meeting_days) - 1)
        used.add(index + 1)
        return index + 1, self.meeting_days[index]

    def _providers(self) -> None:
        names = ["Home Office Intervention Provider", "Oxfordshire Mentoring", "Youth Diversion Project"]
        names += ["Family Support Service", "Careers Hub", "Community Mental Health Team"]
        for index, name in enumerate(names):
            self.t["provider"].add(self.next_id("provider"), name, index == 0, self.ctx.start)
        self.providers = list(range(1, len(names) + 1))

    # -- one case ---------------------------------------------------------------------------------
    def _case(self, gateway_id: int, person: int, opened: datetime, status: str) -> None:
        ctx, rng = self.ctx, self.rng
        case_id = self.next_id("case")
        self.case_counters[opened.year] = self.case_counters.get(opened.year, 0) + 1
        officer = rng.choice(self.officers)
        chair = rng.choice(self.chairs)
        # A case runs about a year from opening to exit; younger ones are
        # squeezed into the time they have had.
        span = min(max(ctx.anchor - opened, timedelta(hours=6)), timedelta(days=rng.randrange(300, 420)))

        def at(fraction: float) -> datetime:
            return opened + span * fraction

        used: set[int] = set()
        exited_on = at(0.85).date() if status == S.EXITED else None
        self.t["case"].add(
            case_id,
            f"CH-{opened.year}-{self.case_counters[opened.year]:05d}",
            person,
            gateway_id,
            officer,
            status,
            opened,
            officer,
            exited_on,
            at(0.9),
        )
        ctx.case_ids.append(case_id)
        for _ in range(rng.randrange(1, 4)):
            sent = at(0.05)
            due = sent.date() + timedelta(days=10)
            answered = due < ctx.as_of and rng.random() < 0.85
            self.t["request"].add(
                self.next_id("request"),
                case_id,
                rng.choice(self.agencies),
                "What does your agency know about the person and their family?",
                due,
                officer,
                sent,
                m.RequestStatus.ANSWERED if answered else m.RequestStatus.SENT,
                rng.choice([r.value for r in m.RequestResponse]) if answered else "",
                "Known to the service; no concerns about the family." if answered else "",
                rng.choice(self.members) if answered else None,
                sent + timedelta(days=3) if answered else None,
            )
        if rng.random() < 0.2:
            self.t["link"].add(
                self.next_id("link"),
                case_id,
                rng.choice(list(m.SafeguardingProcess)),
                "SG-1",
                officer,
                at(0.06),
            )
        if status != S.PRELIMINARY or rng.random() < 0.5:
            self._vaf(case_id, officer, at(0.1))
        if status == S.PRELIMINARY:
            if rng.random() < 0.6:  # on the agenda of a coming meeting
                meeting, _ = self.meeting_after(ctx.as_of, used)
                self._item(meeting, case_id, m.AgendaKind.NEW_CASE, officer, at(0.5), None)
            return
        meeting, day = self.meeting_after(at(0.2).date(), used)
        adopted = status in ADOPTED
        first = self._item(meeting, case_id, m.AgendaKind.NEW_CASE, officer, at(0.15), day)
        self._decision(
            first,
            case_id,
            m.DecisionOutcome.ADOPT if adopted else m.DecisionOutcome.NOT_ADOPT,
            officer,
            chair,
            day,
            S.PRELIMINARY,
            S.AWAITING_CONSENT if adopted else S.NOT_ADOPTED,
        )
        if rng.random() < 0.5:
            self.t["action"].add(
                self.next_id("action"), meeting, case_id, "Share the panel's decision with the family.",
                rng.choice(self.members), day + timedelta(days=14),
                None if rng.random() < 0.3
                else datetime.combine(day + timedelta(days=7), time(11), ctx.anchor.tzinfo),
                None, officer, datetime.combine(day, time(12), ctx.anchor.tzinfo),
            )  # fmt: skip
        if not adopted or status == S.AWAITING_CONSENT:
            return
        consent_on = min(day + timedelta(days=rng.randrange(3, 20)), ctx.as_of)
        refused = status == S.CONSENT_REFUSED
        self.t["consent"].add(
            self.next_id("consent"), case_id,
            m.ConsentOutcome.REFUSED if refused else m.ConsentOutcome.GIVEN,
            rng.choice(list(m.ConsentGiver)), "A. Parent", consent_on, rng.choice(list(m.ConsentMethod)),
            "Case officer", True, "Police-led risk management plan." if refused else "",
            consent_on + timedelta(days=90) if refused else None, officer,
            datetime.combine(consent_on, time(16), ctx.anchor.tzinfo),
        )  # fmt: skip
        if refused:
            return
        self._interventions(case_id, officer, consent_on, status)
        for fraction in (0.4, 0.55, 0.7)[: rng.randrange(1, 4)]:
            meeting, day = self.meeting_after(at(fraction).date(), used)
            if day >= ctx.as_of:
                break
            item = self._item(meeting, case_id, m.AgendaKind.REVIEW, officer, at(fraction - 0.05), day)
            self._decision(
                item, case_id, m.DecisionOutcome.CONTINUE, officer, chair, day, S.SUPPORT, S.SUPPORT
            )
        if status == S.SUPPORT:
            return
        meeting, day = self.meeting_after(at(0.78).date(), used)
        day = min(day, ctx.as_of - timedelta(days=1))
        item = self._item(meeting, case_id, m.AgendaKind.PROPOSED_EXIT, officer, at(0.75), day)
        decision = self._decision(
            item, case_id, m.DecisionOutcome.EXIT, officer, chair, day, S.SUPPORT, S.EXIT_RECOMMENDED
        )
        if status == S.EXITED and exited_on is not None:
            self.t["closing"].add(
                self.next_id("closing"), case_id, decision, "Support complete; risk reduced.", chair,
                datetime.combine(exited_on, time(14), ctx.anchor.tzinfo),
            )  # fmt: skip
            self._reviews(case_id, person, exited_on, officer)

    def _item(self, meeting: int, case: int, kind: str, by: int, added: datetime, day: date | None) -> int:
        item = self.next_id("item")
        tz = self.ctx.anchor.tzinfo
        self.t["item"].add(
            item, meeting, case, kind,
            "Discussed; see the decision." if day else "",
            datetime.combine(day, time(11), tz) if day else None,
            by, min(added, self.ctx.anchor - timedelta(minutes=5)),
        )  # fmt: skip
        return item

    def _decision(
        self, item: int, case: int, outcome: str, by: int, chair: int, day: date, before: str, after: str
    ) -> int:
        decision = self.next_id("decision")
        when = datetime.combine(day, time(11, 30), self.ctx.anchor.tzinfo)
        self.t["decision"].add(
            decision, item, case, outcome,
            "Early help" if outcome == m.DecisionOutcome.NOT_ADOPT else "",
            "The panel agreed after hearing from every agency.", by, when, chair, when + timedelta(hours=2),
            before, after,
        )  # fmt: skip
        return decision

    def _vaf(self, case: int, officer: int, when: datetime) -> None:
        if self.framework is None:
            return
        rng = self.rng
        for repeat in range(rng.choice((1, 1, 2))):
            vaf = self.next_id("vaf")
            self.t["vaf"].add(
                vaf,
                case,
                self.framework,
                "Engagement and intent factors present; capability low.",
                officer,
                when + timedelta(days=30 * repeat),
            )
            for dimension in self.dimensions:
                self.t["summary"].add(
                    self.next_id("summary"), vaf, dimension, "Summary of the factors in this dimension."
                )
            for factor in self.factors:
                rating = rng.choice([r.value for r in m.FactorRating])
                self.t["answer"].add(
                    self.next_id("answer"),
                    vaf,
                    factor,
                    rating,
                    "From partner information." if rating == "present" else "",
                )
            self.ctx.assessment_ids.append(vaf)

    def _interventions(self, case: int, officer: int, start: date, status: str) -> None:
        ctx, rng = self.ctx, self.rng
        tz = ctx.anchor.tzinfo
        for _ in range(rng.randrange(1, 4)):
            intervention = self.next_id("intervention")
            begins = min(start + timedelta(days=rng.randrange(1, 20)), ctx.as_of)
            ended = status == S.EXITED or (status == S.EXIT_RECOMMENDED and rng.random() < 0.6)
            end_on = min(begins + timedelta(days=rng.randrange(30, 150)), ctx.as_of) if ended else None
            self.t["intervention"].add(
                intervention, case, rng.choice(list(m.InterventionType)), rng.choice(self.providers),
                "Weekly sessions.", begins, begins + timedelta(days=42), end_on,
                "Completed; engaged well." if ended else "", officer,
                datetime.combine(begins, time(9), tz),
            )  # fmt: skip
            for note in range(rng.randrange(1, 4)):
                recorded = min(
                    datetime.combine(begins + timedelta(days=14 * (note + 1)), time(10), tz),
                    ctx.anchor - timedelta(minutes=1),
                )
                self.t["note"].add(
                    self.next_id("note"), intervention, "Attended; progress noted.", officer, recorded
                )

    def _reviews(self, case: int, person: int, exited_on: date, officer: int) -> None:
        ctx, rng = self.ctx, self.rng
        for months in (6, 12):
            due = add_months(exited_on, months)
            done = due < ctx.as_of
            outcome = ""
            new_referral = None
            if done:
                outcome = (
                    m.ReviewOutcome.RE_REFERRAL
                    if rng.random() < 0.06
                    else m.ReviewOutcome.NO_FURTHER_CONCERNS
                )
                if outcome == m.ReviewOutcome.RE_REFERRAL:
                    received = datetime.combine(due, time(10), ctx.anchor.tzinfo)
                    new_referral = self.gateway.add_referral(
                        source=m.GatewaySource.RE_REFERRAL, person=person, received=received,
                        previous_case=case, assessed=False,
                    )  # fmt: skip
            self.t["review"].add(
                self.next_id("review"), case, months, due, outcome,
                "Spoke to the family and the school." if done else "",
                officer if done else None,
                datetime.combine(due, time(12), ctx.anchor.tzinfo) if done else None,
                new_referral,
            )  # fmt: skip
