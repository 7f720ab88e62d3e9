"""Reads of concerns and referrals, within what the user may see.

What a user may see is decided once, in rules.py: lists come from
`scoped(user, Action.X)` and single records from the `access_*` helpers
there (404 when missing or out of scope). People are read through
prevent/people/selectors.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet

from prevent.accounts.roles import Role
from prevent.core.notify import active_users_with_role
from prevent.guidance.models import (
    ConcernType,
    Influence,
    KeyQuestion,
    VulnerabilityArea,
    VulnerabilityFactor,
)
from prevent.people.models import Person
from prevent.people.selectors import possible_matches as _people_matches
from prevent.policy import Action, access, can, require, scoped

from .chronology import ChronologyEntry, chronology  # noqa: F401  (moved to chronology.py)
from .models import (
    Concern,
    ConcernAddendum,
    ConcernFactor,
    ConcernInfluence,
    ConcernKeyQuestionAnswer,
    ConcernStatus,
    InformationRequest,
    Referral,
    ReferralInformation,
    ReferralStatus,
    ReferralUpdate,
    TriageDecision,
)
from .rules import visible_concerns_q

if TYPE_CHECKING:
    from prevent.accounts.models import User


def organisation_spocs(user: User) -> list[User]:
    """The active SPOCs of the user's organisation (names and email
    addresses), for the page that tells someone who may not record a
    concern whom to ask."""
    if user.organisation_id is None:
        return []
    spocs = active_users_with_role(Role.SPOC, organisation=user.organisation_id).exclude(pk=user.pk)
    return list(spocs.order_by("full_name").only("full_name", "email"))


def own_concerns(user: User) -> QuerySet[Concern]:
    return Concern.objects.filter(raised_by=user).select_related("organisation").order_by("-updated_at")


def _factors_qs() -> QuerySet[ConcernFactor]:
    return ConcernFactor.objects.select_related("factor__area")


def _answers_qs() -> QuerySet[ConcernKeyQuestionAnswer]:
    return ConcernKeyQuestionAnswer.objects.select_related("question__area")


def _influences_qs() -> QuerySet[ConcernInfluence]:
    return ConcernInfluence.objects.select_related("influence")


def _with_answers(qs: QuerySet[Concern]) -> QuerySet[Concern]:
    return qs.select_related("concern_type", "person").prefetch_related(
        Prefetch("factors", queryset=_factors_qs()),
        Prefetch("key_question_answers", queryset=_answers_qs()),
        Prefetch("influences", queryset=_influences_qs()),
        "attachments",
    )


def concern_for_view(*, user: User, pk: object) -> Concern:
    """A concern with everything its page shows, in a fixed number of queries."""
    queryset = _with_answers(Concern.objects.select_related("organisation", "raised_by")).prefetch_related(
        Prefetch("addenda", queryset=ConcernAddendum.objects.select_related("added_by")),
        Prefetch(
            "information_requests",
            queryset=InformationRequest.objects.select_related("asked_by", "answered_by"),
        ),
        Prefetch("decisions", queryset=TriageDecision.objects.select_related("decided_by")),
        Prefetch(
            "referrals",
            queryset=Referral.objects.select_related("created_by").prefetch_related(
                Prefetch("updates", queryset=ReferralUpdate.objects.select_related("changed_by")),
                Prefetch(
                    "further_information", queryset=ReferralInformation.objects.select_related("added_by")
                ),
            ),
        ),
    )
    return access(user, Action.VIEW_CONCERN, pk, queryset)


def draft_with_details(*, user: User, pk: object) -> Concern:
    """A draft with its answers, for the "Check your answers" page."""
    return access(user, Action.EDIT_CONCERN_DRAFT, pk, _with_answers(Concern.objects.all()))


# Guidance (current entries only).


def guidance_areas() -> list[VulnerabilityArea]:
    return list(
        VulnerabilityArea.objects.current().prefetch_related(
            Prefetch("factors", queryset=VulnerabilityFactor.objects.current(), to_attr="current_factors"),
            Prefetch("key_questions", queryset=KeyQuestion.objects.current(), to_attr="current_questions"),
        )
    )


def guidance_influences() -> list[Influence]:
    return list(Influence.objects.current())


def guidance_concern_types() -> list[ConcernType]:
    return list(ConcernType.objects.current())


# Triage.


def triage_queue(user: User) -> QuerySet[Concern]:
    """The concerns of the user's organisation awaiting its SPOC, oldest first."""
    require(user, Action.VIEW_TRIAGE_QUEUE)
    return (
        scoped(user, Action.VIEW_CONCERN)
        .filter(
            organisation_id=user.organisation_id,
            status__in=[ConcernStatus.SUBMITTED, ConcernStatus.MORE_INFORMATION_REQUESTED],
        )
        .select_related("raised_by", "concern_type", "person")
        .order_by("submitted_at", "pk")
    )


def referrals_for_spoc(user: User) -> QuerySet[Referral]:
    """The referrals the user updates that await an outcome, oldest expected first."""
    return (
        scoped(user, Action.UPDATE_REFERRAL)
        .exclude(status=ReferralStatus.OUTCOME_RECEIVED)
        .select_related("concern")
        .order_by("expected_response_on", "sent_on", "pk")
    )


def referral_ids_updatable(user: User, concern: Concern) -> set[int]:
    """The concern's referrals (prefetched) this user may update."""
    return {r.pk for r in concern.referrals.all() if can(user, Action.UPDATE_REFERRAL, r)}


# People.


def possible_matches(*, user: User, concern: Concern) -> list[Person]:
    """People the concern's person may be (see prevent.people.selectors)."""
    if concern.person is None:
        return []
    return _people_matches(user=user, person=concern.person)


def referral_further_information(*, user: User, referral_id: int | None) -> list[ReferralInformation]:
    """What the SPOC added to a referral after sending it, for the gateway
    record (police see the concerns referred to police Prevent). One query."""
    if referral_id is None:
        return []
    return list(
        ReferralInformation.objects.filter(
            visible_concerns_q(user, "referral__concern__"), referral_id=referral_id
        )
        .select_related("added_by")
        .order_by("added_at", "pk")
    )


ORGANISATION_SORTS = {
    "newest": ("-submitted_at", "-pk"),
    "oldest": ("submitted_at", "pk"),
    "person": ("person__full_name", "-submitted_at", "pk"),
}


@dataclass(frozen=True)
class ConcernFilters:
    status: str = ""
    pyramid_level: int | None = None
    submitted_from: date | None = None
    submitted_to: date | None = None
    person: str = ""
    recorded_by: int | None = None
    sort: str = "newest"


def organisation_concerns(user: User, filters: ConcernFilters) -> QuerySet[Concern]:
    """Every submitted concern of the SPOC's organisation, whatever became
    of it, filtered and sorted; with the person and who recorded it (one
    query per page)."""
    require(user, Action.VIEW_TRIAGE_QUEUE)
    concerns: QuerySet[Concern] = (
        scoped(user, Action.VIEW_CONCERN, Concern.objects.all())
        .filter(organisation_id=user.organisation_id or 0)
        .exclude(status=ConcernStatus.DRAFT)
        .select_related("person", "raised_by")
    )
    if filters.status in ConcernStatus.values:
        concerns = concerns.filter(status=filters.status)
    if filters.pyramid_level is not None:
        concerns = concerns.filter(pyramid_level=filters.pyramid_level)
    if filters.submitted_from is not None:
        concerns = concerns.filter(submitted_at__date__gte=filters.submitted_from)
    if filters.submitted_to is not None:
        concerns = concerns.filter(submitted_at__date__lte=filters.submitted_to)
    if filters.person.strip():
        concerns = concerns.filter(person__full_name__icontains=filters.person.strip())
    if filters.recorded_by is not None:
        concerns = concerns.filter(raised_by_id=filters.recorded_by)
    return concerns.order_by(*ORGANISATION_SORTS.get(filters.sort, ORGANISATION_SORTS["newest"]))


def organisation_recorders(user: User) -> list[tuple[int, str]]:
    """Who has recorded a concern in the SPOC's organisation (the filter's choices)."""
    require(user, Action.VIEW_TRIAGE_QUEUE)
    rows: Any = (
        scoped(user, Action.VIEW_CONCERN, Concern.objects.all())
        .filter(organisation_id=user.organisation_id or 0)
        .exclude(status=ConcernStatus.DRAFT)
        .values_list("raised_by_id", "raised_by__full_name")
        .distinct()
        .order_by("raised_by__full_name")
    )
    return [(pk, name) for pk, name in rows]
