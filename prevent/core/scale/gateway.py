"""The police gateway: a gateway referral for every referral to police
Prevent, a few from outside, and a gateway assessment with its outcome for
all but the newest. Exactly the planned number go to Channel (channel.py
opens their cases)."""

from __future__ import annotations

from datetime import datetime, timedelta

from prevent.accounts.roles import Role
from prevent.channel.models import (
    ExternalSource,
    GatewayAssessment,
    GatewayCheck,
    GatewayOutcome,
    GatewayReferral,
    GatewaySource,
    GatewayStatus,
)

from .plan import Context
from .writer import Table

AWAITING_DAYS = 14


class Gateway:
    def __init__(self, ctx: Context, police_referrals: list[tuple[int, int, datetime, int]]) -> None:
        self.ctx = ctx
        self.rng = ctx.rng("gateway")
        self.police = ctx.users_by_role[Role.POLICE_PREVENT_OFFICER]
        self.incoming = police_referrals
        self.counters: dict[int, int] = {}
        self.referral_id = 0
        # Filled for channel.py: (gateway referral id, person id, assessed at).
        self.to_channel: list[tuple[int, int, datetime]] = []
        self.table = Table(
            GatewayReferral,
            [
                "id",
                "reference",
                "source",
                "referral_id",
                "previous_case_id",
                "person_id",
                "external_source",
                "external_detail",
                "summary",
                "received_on",
                "status",
                "created_by_id",
                "created_at",
            ],
            anchor=ctx.anchor,
            bar=ctx.progress.bar("gateway referrals", len(police_referrals)),
        )
        self.assessments = Table(
            GatewayAssessment,
            [
                "id",
                "gateway_referral_id",
                "checks",
                "checks_notes",
                "outcome",
                "signposted_to",
                "rationale",
                "assessed_by_id",
                "assessed_at",
                "history_warning_shown",
                "history_acknowledged",
            ],
            anchor=ctx.anchor,
        )

    def reference(self, when: datetime) -> str:
        self.counters[when.year] = self.counters.get(when.year, 0) + 1
        return f"GW-{when.year}-{self.counters[when.year]:05d}"

    def add_referral(
        self,
        *,
        source: str,
        person: int,
        received: datetime,
        referral: int | None = None,
        previous_case: int | None = None,
        assessed: bool = True,
    ) -> int:
        rng = self.rng
        self.referral_id += 1
        external = source == GatewaySource.EXTERNAL
        self.table.add(
            self.referral_id,
            self.reference(received),
            source,
            referral,
            previous_case,
            person,
            rng.choice([s.value for s in ExternalSource]) if external else "",
            "Called the police non-emergency number" if external else "",
            "Concern about online radicalisation and changes in behaviour.",
            received.date(),
            GatewayStatus.ASSESSED if assessed else GatewayStatus.AWAITING,
            rng.choice(self.police),
            received,
        )
        return self.referral_id

    def run(self) -> None:
        ctx, rng = self.ctx, self.rng
        arrivals: list[tuple[datetime, str, int, int | None]] = [
            (sent_at, GatewaySource.SPOC_REFERRAL, person, referral)
            for referral, person, sent_at, _ in self.incoming
        ]
        for _ in range(max(3, len(self.incoming) // 10)):
            arrivals.append((ctx.moment(rng), GatewaySource.EXTERNAL, rng.randrange(1, ctx.people + 1), None))
        arrivals.sort(key=lambda a: (a[0], a[1], a[2]))
        cutoff = ctx.anchor - timedelta(days=AWAITING_DAYS)
        # The newest wait for their assessment (always a few, at any scale).
        waiting = max(3, len(arrivals) // 50)
        assessable = [i for i, a in enumerate(arrivals) if a[0] < cutoff and i < len(arrivals) - waiting]
        # The oldest are most likely to have reached Channel; keep a few
        # recent ones too so information gathering is under way.
        wanted = min(ctx.plan.channel_cases, len(assessable))
        recent = [i for i in assessable if arrivals[i][0] > ctx.anchor - timedelta(days=60)]
        n_recent = min(len(recent), max(4, wanted // 12))
        to_channel = set(rng.sample(recent, n_recent))
        rest = [i for i in assessable if i not in to_channel]
        to_channel |= set(rng.sample(rest, min(len(rest), wanted - len(to_channel))))
        assessment_id = 0
        for index, (received, source, person, referral) in enumerate(arrivals):
            assessed = received < cutoff and index < len(arrivals) - waiting
            gateway_id = self.add_referral(
                source=source, person=person, received=received, referral=referral, assessed=assessed
            )
            if not assessed:
                continue
            assessment_id += 1
            at = min(
                received + timedelta(days=rng.randrange(1, AWAITING_DAYS)), ctx.anchor - timedelta(hours=1)
            )
            if index in to_channel:
                outcome = GatewayOutcome.CHANNEL
                self.to_channel.append((gateway_id, person, at))
            else:
                others = [
                    GatewayOutcome.NO_FURTHER_ACTION,
                    GatewayOutcome.SIGNPOSTED,
                    GatewayOutcome.POLICE_LED,
                ]
                # Each outcome at least once, then by weight.
                outcome = (
                    others[assessment_id % 3] if assessment_id <= 6 else rng.choices(others, [35, 35, 30])[0]
                )
            self.assessments.add(
                assessment_id,
                gateway_id,
                rng.sample([c.value for c in GatewayCheck], rng.randrange(2, 6)),
                "No information held that raises the risk.",
                outcome,
                "Early help" if outcome == GatewayOutcome.SIGNPOSTED else "",
                "Checks made with partners; see the rationale in the referral.",
                rng.choice(self.police),
                at,
                False,
                False,
            )

    def close(self) -> None:
        from prevent.core.models import ReferenceCounter

        self.ctx.count("gateway referrals", self.table.close())
        self.ctx.count("gateway assessments", self.assessments.close())
        ReferenceCounter.objects.bulk_create(
            [ReferenceCounter(prefix="GW", year=y, last_number=n) for y, n in sorted(self.counters.items())]
        )
