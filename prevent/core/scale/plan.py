"""How many of each record a scale asks for, and what the stages share.

Full scale (1.0) is the national design target of issue 16: 200,000 people,
300,000 concerns, 50,000 referrals, 5,000 Channel cases, 5 million audit
events, 2,000 organisations and 50,000 users. Smaller scales divide every
count, with floors that keep every stage of every process present even at
a thousandth."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from .writer import Progress

FULL = {
    "organisations": 2_000,
    "users": 50_000,
    "people": 200_000,
    "concerns": 300_000,
    "referrals": 50_000,
    "channel_cases": 5_000,
    "audit_events": 5_000_000,
}
FLOORS = {
    "organisations": 24,
    "users": 120,
    "people": 250,
    "concerns": 500,
    "referrals": 150,
    "channel_cases": 42,
    "audit_events": 3_000,
}
# The data covers this many days before the anchor day.
HISTORY_DAYS = 3 * 365


@dataclass(frozen=True)
class Plan:
    scale: float
    organisations: int
    users: int
    people: int
    concerns: int
    referrals: int
    channel_cases: int
    audit_events: int

    @classmethod
    def for_scale(cls, scale: float) -> Plan:
        counts = {name: max(FLOORS[name], round(full * scale)) for name, full in FULL.items()}
        return cls(scale=scale, **counts)


@dataclass
class Context:
    """What the stages share: the plan, the seed, the anchor time and the ids
    each stage made for the ones after it."""

    plan: Plan
    seed: int
    as_of: date
    progress: Progress
    # Filled in by the stages.
    organisations: list[int] = field(default_factory=list)
    org_sector: dict[int, str] = field(default_factory=dict)
    org_name: dict[int, str] = field(default_factory=dict)
    users_by_role: dict[str, list[int]] = field(default_factory=dict)
    users_by_org: dict[int, list[int]] = field(default_factory=dict)
    user_label: dict[int, tuple[str, int | None, list[str]]] = field(default_factory=dict)
    bench_users: dict[str, int] = field(default_factory=dict)
    people: int = 0
    concern_ids: list[int] = field(default_factory=list)
    referral_ids: list[int] = field(default_factory=list)
    case_ids: list[int] = field(default_factory=list)
    meeting_ids: list[int] = field(default_factory=list)
    assessment_ids: list[int] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def anchor(self) -> datetime:
        """Midnight UTC at the start of the anchor day: every record is older."""
        return datetime.combine(self.as_of, time.min, UTC)

    @property
    def start(self) -> datetime:
        return self.anchor - timedelta(days=HISTORY_DAYS)

    def rng(self, stage: str) -> random.Random:
        """A generator of its own for each stage, so stages stay reproducible
        when another stage changes."""
        return random.Random(f"{self.seed}:{stage}")  # noqa: S311  (made-up data, not secrets)

    def moment(
        self, rng: random.Random, after: datetime | None = None, within_days: int | None = None
    ) -> datetime:
        """A time in the history (after `after`, within `within_days` of it),
        always before the anchor, to the second."""
        low = after or self.start
        high = self.anchor - timedelta(minutes=1)
        if within_days is not None:
            high = min(high, low + timedelta(days=within_days))
        if high <= low:
            return low + timedelta(seconds=1) if low < self.anchor else self.anchor - timedelta(seconds=1)
        span = int((high - low).total_seconds())
        return low + timedelta(seconds=rng.randrange(1, max(span, 2)))

    def count(self, name: str, value: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + value
