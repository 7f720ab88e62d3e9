"""People, concerns at every status, triage decisions and referrals.

Concerns are spread over the history in time order (ids and references in
the order they were submitted). The recent weeks hold the open ones
(drafts, awaiting triage, more information requested); older ones are
decided: referred, no referral, or closed with no further action. Each
referral to police Prevent is handed to the gateway stage (channel.py)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from itertools import accumulate, pairwise

from prevent.accounts.roles import Role
from prevent.concerns import steps as S
from prevent.concerns.demographics import Ethnicity, age_at_referral
from prevent.concerns.models import (
    CareNeed,
    Concern,
    ConcernFactor,
    ConcernKeyQuestionAnswer,
    ConcernStatus,
    Gender,
    InformationRequest,
    Referral,
    ReferralDestination,
    ReferralMethod,
    ReferralStatus,
    ReferralUpdate,
    TriageDecision,
)
from prevent.core.models import ReferenceCounter
from prevent.guidance.models import ConcernType, KeyQuestion, VulnerabilityFactor
from prevent.people.matching import keys_column, search_text, split_names
from prevent.people.models import Person, PersonKey, normalise_address, normalise_name, normalise_postcode

from . import words
from .partnership import org_weight
from .plan import Context
from .writer import Table

OPEN_DAYS = 45
ALL_STEPS = [
    S.EMERGENCY,
    S.PERSON,
    S.SUPPORT,
    S.CONCERN,
    S.FACTORS,
    S.INFLUENCES,
    S.CONCERN_TYPE,
    S.ATTACHMENTS,
]
OPEN_WEIGHTS = {
    ConcernStatus.DRAFT: 20,
    ConcernStatus.SUBMITTED: 45,
    ConcernStatus.MORE_INFORMATION_REQUESTED: 10,
    "decided": 25,
}


@lru_cache(maxsize=65536)
def _name_keys(full_name: str, other_names: str) -> tuple[str, str]:
    names = split_names(full_name, other_names)
    return search_text(names), keys_column(names)


class Casework:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.rng = ctx.rng("casework")
        self.practitioners: dict[int, list[int]] = {}
        self.spocs: dict[int, list[int]] = {}
        practitioners = set(ctx.users_by_role.get(Role.PRACTITIONER, []))
        spocs = set(ctx.users_by_role.get(Role.SPOC, []))
        for org, users in ctx.users_by_org.items():
            self.practitioners[org] = [u for u in users if u in practitioners]
            self.spocs[org] = [u for u in users if u in spocs]
        self.raising_orgs = [o for o in ctx.organisations if self.practitioners.get(o) and self.spocs.get(o)]
        position = {org: index for index, org in enumerate(ctx.organisations)}
        self.org_cum = list(accumulate(org_weight(position[o]) for o in self.raising_orgs))
        self.factors = list(VulnerabilityFactor.objects.order_by("pk").values_list("pk", flat=True))
        self.questions = list(KeyQuestion.objects.order_by("pk").values_list("pk", flat=True))
        self.ethnicities = ["", *(e.value for e in Ethnicity)]
        self.concern_types = list(ConcernType.objects.order_by("pk").values_list("pk", flat=True))
        # Handed to the gateway: (referral id, person id, sent at, concern id).
        self.police_referrals: list[tuple[int, int, datetime, int]] = []
        self.person_first: dict[int, datetime] = {}
        self.person_born: dict[int, date] = {}

    def run(self) -> None:
        plan = self.ctx.plan
        rng = self.rng
        recent = self.ctx.anchor - timedelta(days=OPEN_DAYS)
        times = sorted(self.ctx.moment(rng) for _ in range(plan.concerns))
        statuses: list[str] = []
        for when in times:
            if when >= recent:
                statuses.append(rng.choices(list(OPEN_WEIGHTS), weights=list(OPEN_WEIGHTS.values()))[0])
            else:
                statuses.append("decided")
        decided = [i for i, s in enumerate(statuses) if s == "decided"]
        referred = set(rng.sample(decided, min(len(decided), round(plan.referrals / 1.15))))
        for i in decided:
            if i in referred:
                statuses[i] = ConcernStatus.REFERRED
            else:
                statuses[i] = rng.choices(
                    [ConcernStatus.NO_REFERRAL, ConcernStatus.CLOSED_NO_FURTHER_ACTION], weights=[45, 55]
                )[0]
        # Who each submitted concern is about: every person once, the rest
        # repeat concerns about someone already known.
        submitted = [i for i, s in enumerate(statuses) if s != ConcernStatus.DRAFT]
        people = min(plan.people, len(submitted))
        owners = list(range(1, people + 1)) + [
            rng.randrange(1, people + 1) for _ in range(len(submitted) - people)
        ]
        rng.shuffle(owners)
        person_of = dict(zip(submitted, owners, strict=True))
        for i in submitted:
            p = person_of[i]
            if p not in self.person_first:
                self.person_first[p] = times[i]
        self._people(people)
        self._concerns(times, statuses, person_of)

    # -- people ---------------------------------------------------------------------------------
    def _people(self, count: int) -> None:
        ctx, rng = self.ctx, self.ctx.rng("people")
        people = Table(
            Person,
            [
                "id",
                "full_name",
                "other_names",
                "date_of_birth",
                "address",
                "postcode",
                "name_key",
                "postcode_key",
                "address_key",
                "created_at",
                "created_by_id",
                "search_text",
                "phonetic_keys",
            ],
            anchor=ctx.anchor,
            bar=ctx.progress.bar("people", count),
        )
        keys = Table(PersonKey, ["id", "person_id", "key"], anchor=ctx.anchor)
        key_id = 0
        creators = ctx.users_by_role.get(Role.SPOC, [1])
        for pk in range(1, count + 1):
            full = words.person_name(rng)
            other = words.person_name(rng) if rng.random() < 0.2 else ""
            age = rng.choice((11, 12, 13, 14, 15, 16, 16, 17, 17, 18, 19, 21, 24, 28, 33, 41, 52))
            born = ctx.as_of - timedelta(days=age * 365 + rng.randrange(365))
            code = words.postcode(rng)
            self.person_born[pk] = born
            address = f"{rng.randrange(1, 200)} {rng.choice(words.WORDS)} Road, {rng.choice(words.TOWNS)}"
            text, phonetic = _name_keys(full, other)
            people.add(
                pk,
                full,
                other,
                born,
                address,
                code,
                normalise_name(full),
                normalise_postcode(code),
                normalise_address(address)[:300],
                self.person_first.get(pk, ctx.start),
                rng.choice(creators),
                text,
                phonetic,
            )
            for key in phonetic.split():
                key_id += 1
                keys.add(key_id, pk, key)
        ctx.people = count
        ctx.count("people", people.close())
        ctx.count("person keys", keys.close())

    # -- concerns -------------------------------------------------------------------------------
    def _concerns(self, times: list[datetime], statuses: list[str], person_of: dict[int, int]) -> None:
        ctx, rng = self.ctx, self.rng
        concerns = Table(
            Concern,
            [
                "id",
                "reference",
                "organisation_id",
                "raised_by_id",
                "status",
                "created_at",
                "updated_at",
                "submitted_at",
                "completed_steps",
                "emergency",
                "person_id",
                "person_name",
                "person_approximate_age",
                "person_gender",
                "person_district",
                "person_school_or_employer",
                "care_needs",
                "services_involved",
                "person_aware",
                "what_happened",
                "observed_on",
                "location",
                "how_came_to_notice",
                "concern_type_id",
                "pyramid_level",
                "referred_to_police_prevent",
                "closed_reason",
                "person_ethnicity",
                "mental_health_needs",
                "neurodivergent",
                "age_at_referral",
            ],
            anchor=ctx.anchor,
            bar=ctx.progress.bar("concerns", len(times)),
        )
        factors = Table(ConcernFactor, ["id", "concern_id", "factor_id", "note"], anchor=ctx.anchor)
        answers = Table(
            ConcernKeyQuestionAnswer, ["id", "concern_id", "question_id", "answer", "note"], anchor=ctx.anchor
        )
        decisions = Table(
            TriageDecision,
            ["id", "concern_id", "pyramid_level", "rationale", "decided_by_id", "decided_at"],
            anchor=ctx.anchor,
        )
        requests = Table(
            InformationRequest,
            [
                "id",
                "concern_id",
                "question",
                "asked_by_id",
                "asked_at",
                "answer",
                "answered_by_id",
                "answered_at",
            ],
            anchor=ctx.anchor,
        )
        self.referrals = Table(
            Referral,
            [
                "id",
                "concern_id",
                "decision_id",
                "destination",
                "sent_on",
                "method",
                "receiving_reference",
                "expected_response_on",
                "status",
                "outcome",
                "outcome_received_on",
                "created_by_id",
                "created_at",
            ],
            anchor=ctx.anchor,
            bar=ctx.progress.bar("referrals", ctx.plan.referrals),
        )
        self.updates = Table(
            ReferralUpdate,
            ["id", "referral_id", "from_status", "to_status", "note", "changed_by_id", "changed_at"],
            anchor=ctx.anchor,
        )
        self.referral_id = self.update_id = 0
        counters: dict[int, int] = {}
        factor_id = answer_id = request_id = 0
        for index, created in enumerate(times):
            concern_id = index + 1
            status = statuses[index]
            org = rng.choices(self.raising_orgs, cum_weights=self.org_cum)[0]
            raiser = rng.choice(self.practitioners[org])
            spoc = rng.choice(self.spocs[org])
            draft = status == ConcernStatus.DRAFT
            submitted_at = None if draft else created + timedelta(minutes=rng.randrange(5, 600))
            reference = None
            if not draft:
                year = submitted_at.year  # type: ignore[union-attr]
                counters[year] = counters.get(year, 0) + 1
                reference = f"PH-{year}-{counters[year]:05d}"
            decided_at = None
            level = None
            if status in (
                ConcernStatus.REFERRED,
                ConcernStatus.NO_REFERRAL,
                ConcernStatus.CLOSED_NO_FURTHER_ACTION,
            ):
                decided_at = min(
                    (submitted_at or created) + timedelta(hours=rng.randrange(2, 240)),
                    ctx.anchor - timedelta(minutes=1),
                )
                level = rng.choice((2, 3)) if status == ConcernStatus.REFERRED else rng.choice((1, 1, 2))
            concerns.add(
                concern_id,
                reference,
                org,
                raiser,
                status,
                created,
                decided_at or submitted_at or created,
                submitted_at,
                ALL_STEPS if not draft else ALL_STEPS[: rng.randrange(1, 5)],
                "no",
                None if draft else person_of[index],
                words.person_name(rng) if draft else "",
                rng.choice((None, 14, 15, 16)),
                rng.choice([g.value for g in Gender]),
                rng.choice(("cherwell", "oxford_city", "south_oxfordshire", "vale_of_white_horse")),
                ctx.org_name[org] if ctx.org_sector[org] in ("school", "further_education") else "",
                rng.sample([c.value for c in CareNeed], rng.randrange(0, 3)),
                [],
                rng.choice(("yes", "no", "not_known")),
                rng.choice(words.HAPPENED),
                created.date() - timedelta(days=rng.randrange(0, 10)),
                rng.choice(("Classroom", "Online", "Clinic", "Home visit", "Youth club")),
                rng.choice(words.NOTICED),
                rng.choice(self.concern_types) if self.concern_types else None,
                level,
                status == ConcernStatus.REFERRED,
                "No radicalisation concern after discussion with the family."
                if status == ConcernStatus.CLOSED_NO_FURTHER_ACTION
                else "",
                rng.choice(self.ethnicities),
                rng.choice(("", "yes", "no", "no", "not_known")),
                rng.choice(("", "yes", "no", "no", "not_known")),
                None
                if draft or submitted_at is None
                else age_at_referral(self.person_born.get(person_of[index]), None, submitted_at.date()),
            )
            ctx.concern_ids.append(concern_id)
            if draft:
                continue
            for factor in rng.sample(self.factors, min(len(self.factors), rng.randrange(1, 4))):
                factor_id += 1
                factors.add(factor_id, concern_id, factor, "")
            for question in rng.sample(self.questions, min(len(self.questions), rng.randrange(0, 3))):
                answer_id += 1
                answers.add(answer_id, concern_id, question, rng.choice(("yes", "no", "not_known")), "")
            if status == ConcernStatus.MORE_INFORMATION_REQUESTED or rng.random() < 0.05:
                request_id += 1
                asked = submitted_at + timedelta(hours=rng.randrange(1, 48))  # type: ignore[operator]
                asked = min(asked, ctx.anchor - timedelta(minutes=2))
                answered = status != ConcernStatus.MORE_INFORMATION_REQUESTED
                requests.add(
                    request_id,
                    concern_id,
                    "Has the family been told about the concern?",
                    spoc,
                    asked,
                    "Yes, the parents were told on the same day." if answered else "",
                    raiser if answered else None,
                    asked + timedelta(minutes=30) if answered else None,
                )
            if decided_at is not None:
                decisions.add(concern_id, concern_id, level, rng.choice(words.RATIONALES), spoc, decided_at)
                if status == ConcernStatus.REFERRED:
                    self._referrals(concern_id, person_of[index], spoc, decided_at)
        ctx.count("concerns", concerns.close())
        ctx.count("concern factors", factors.close())
        ctx.count("key question answers", answers.close())
        ctx.count("triage decisions", decisions.close())
        ctx.count("concern information requests", requests.close())
        ctx.count("referrals", self.referrals.close())
        ctx.count("referral updates", self.updates.close())
        ReferenceCounter.objects.bulk_create(
            [ReferenceCounter(prefix="PH", year=y, last_number=n) for y, n in sorted(counters.items())]
        )

    def _referrals(self, concern_id: int, person: int, spoc: int, sent_at: datetime) -> None:
        rng = self.rng
        destinations = [
            ReferralDestination.POLICE_PREVENT
            if rng.random() < 0.8
            else ReferralDestination.CHILDRENS_SOCIAL_CARE
        ]
        if rng.random() < 0.15:
            destinations.append(
                rng.choice(
                    (ReferralDestination.CHILDRENS_SOCIAL_CARE, ReferralDestination.ADULTS_SOCIAL_CARE)
                )
            )
        for destination in dict.fromkeys(destinations):
            self.referral_id += 1
            age = (self.ctx.anchor - sent_at).days
            status = ReferralStatus.OUTCOME_RECEIVED if age > 30 else rng.choice(list(ReferralStatus))
            path = _status_path(status)
            self.referrals.add(
                self.referral_id,
                concern_id,
                concern_id,
                destination,
                sent_at.date(),
                rng.choice([m.value for m in ReferralMethod]),
                f"RX{self.referral_id:06d}",
                sent_at.date() + timedelta(days=10),
                status,
                "Assessed; outcome shared with the SPOC."
                if status == ReferralStatus.OUTCOME_RECEIVED
                else "",
                min(sent_at.date() + timedelta(days=rng.randrange(2, 25)), self.ctx.as_of)
                if status == ReferralStatus.OUTCOME_RECEIVED
                else None,
                spoc,
                sent_at,
            )
            when = sent_at
            for before, after in pairwise(path):
                self.update_id += 1
                when = min(
                    when + timedelta(days=rng.randrange(1, 6)), self.ctx.anchor - timedelta(seconds=30)
                )
                self.updates.add(self.update_id, self.referral_id, before, after, "", spoc, when)
            if destination == ReferralDestination.POLICE_PREVENT:
                self.police_referrals.append((self.referral_id, person, sent_at, concern_id))
            self.ctx.referral_ids.append(self.referral_id)


def _status_path(status: str) -> list[ReferralStatus]:
    order = [
        ReferralStatus.SENT,
        ReferralStatus.ACKNOWLEDGED,
        ReferralStatus.CHASED,
        ReferralStatus.OUTCOME_RECEIVED,
    ]
    if status == ReferralStatus.OUTCOME_RECEIVED:
        return [ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED, ReferralStatus.OUTCOME_RECEIVED]
    return order[: order.index(ReferralStatus(status)) + 1]
