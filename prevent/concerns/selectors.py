"""Reads of concerns, people and referrals, scoped to what the user may see.

`visible_concerns_q` mirrors the VIEW_CONCERN rule of the policy as a query:
the concern's raiser; the SPOC of its organisation once submitted; Prevent
Coordinators and Police Prevent Officers once referred to police Prevent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from prevent.accounts.roles import Role
from prevent.guidance.models import (
    ConcernType,
    Influence,
    KeyQuestion,
    VulnerabilityArea,
    VulnerabilityFactor,
)
from prevent.policy import Action, require

from .models import (
    Concern,
    ConcernAddendum,
    ConcernStatus,
    InformationRequest,
    Person,
    Referral,
    ReferralStatus,
    ReferralUpdate,
    TriageDecision,
    normalise_address,
    normalise_name,
    normalise_postcode,
)


def visible_concerns_q(user: Any, prefix: str = "") -> Q:
    def f(name: str) -> str:
        return f"{prefix}{name}"

    if user is None or not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    q = Q(**{f("raised_by"): user.pk})
    submitted = ~Q(**{f("status"): ConcernStatus.DRAFT})
    if user.has_role(Role.SPOC) and user.organisation_id is not None:
        q |= submitted & Q(**{f("organisation_id"): user.organisation_id})
    if user.has_role(Role.PREVENT_COORDINATOR, Role.POLICE_PREVENT_OFFICER):
        q |= submitted & Q(**{f("referred_to_police_prevent"): True})
    return q


def concerns_visible_to(user: Any) -> QuerySet[Concern]:
    return Concern.objects.filter(visible_concerns_q(user))


def organisation_spocs(user: Any) -> list[Any]:
    """The active SPOCs of the user's organisation (names and email
    addresses), for the page that tells someone who may not record a
    concern whom to ask."""
    from prevent.accounts.models import User

    if user.organisation_id is None:
        return []
    return list(
        User.objects.filter(
            is_active=True, organisation_id=user.organisation_id, role_assignments__role=Role.SPOC
        )
        .exclude(pk=user.pk)
        .distinct()
        .order_by("full_name")
        .only("full_name", "email")
    )


def own_concerns(user: Any) -> QuerySet[Concern]:
    return Concern.objects.filter(raised_by=user).select_related("organisation").order_by("-updated_at")


def concern_for_edit(*, user: Any, pk: int) -> Concern:
    """A draft the user may edit; 404 for anything else."""
    concern = Concern.objects.filter(pk=pk, raised_by=user).select_related("concern_type").first()
    require(user, Action.EDIT_CONCERN_DRAFT, concern, hide=True)
    assert concern is not None
    return concern


def concern_owned(*, user: Any, pk: int) -> Concern:
    """The user's own concern, in any status (404 otherwise)."""
    concern = Concern.objects.filter(pk=pk, raised_by=user).first()
    if concern is None:
        raise Http404
    return concern


def concern_for_view(*, user: Any, pk: int) -> Concern:
    """A concern with everything its page shows, in a fixed number of queries."""
    concern = (
        concerns_visible_to(user)
        .filter(pk=pk)
        .select_related("organisation", "raised_by", "concern_type", "person")
        .prefetch_related(
            Prefetch("factors", queryset=_factors_qs()),
            Prefetch("key_question_answers", queryset=_answers_qs()),
            Prefetch("influences", queryset=_influences_qs()),
            "attachments",
            Prefetch("addenda", queryset=ConcernAddendum.objects.select_related("added_by")),
            Prefetch(
                "information_requests",
                queryset=InformationRequest.objects.select_related("asked_by", "answered_by"),
            ),
            Prefetch("decisions", queryset=TriageDecision.objects.select_related("decided_by")),
            Prefetch(
                "referrals",
                queryset=Referral.objects.select_related("created_by").prefetch_related(
                    Prefetch("updates", queryset=ReferralUpdate.objects.select_related("changed_by"))
                ),
            ),
        )
        .first()
    )
    require(user, Action.VIEW_CONCERN, concern, hide=True)
    assert concern is not None
    return concern


def concern_visible(*, user: Any, pk: int) -> Concern:
    """A concern the user may see, without its related records."""
    concern = concerns_visible_to(user).filter(pk=pk).select_related("organisation").first()
    require(user, Action.VIEW_CONCERN, concern, hide=True)
    assert concern is not None
    return concern


def _factors_qs() -> QuerySet[Any]:
    from .models import ConcernFactor

    return ConcernFactor.objects.select_related("factor__area")


def _answers_qs() -> QuerySet[Any]:
    from .models import ConcernKeyQuestionAnswer

    return ConcernKeyQuestionAnswer.objects.select_related("question__area")


def _influences_qs() -> QuerySet[Any]:
    from .models import ConcernInfluence

    return ConcernInfluence.objects.select_related("influence")


def draft_with_details(*, user: Any, pk: int) -> Concern:
    """A draft with its answers, for the "Check your answers" page."""
    concern = (
        Concern.objects.filter(pk=pk, raised_by=user)
        .select_related("concern_type")
        .prefetch_related(
            Prefetch("factors", queryset=_factors_qs()),
            Prefetch("key_question_answers", queryset=_answers_qs()),
            Prefetch("influences", queryset=_influences_qs()),
            "attachments",
        )
        .first()
    )
    require(user, Action.EDIT_CONCERN_DRAFT, concern, hide=True)
    assert concern is not None
    return concern


# Guidance (the other engineer's selectors when present; the models otherwise).


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


def triage_queue(user: Any) -> QuerySet[Concern]:
    """Concerns awaiting the SPOC, oldest first."""
    require(user, Action.VIEW_TRIAGE_QUEUE)
    return (
        Concern.objects.filter(
            organisation_id=user.organisation_id,
            status__in=[ConcernStatus.SUBMITTED, ConcernStatus.MORE_INFORMATION_REQUESTED],
        )
        .select_related("raised_by", "concern_type")
        .order_by("submitted_at", "pk")
    )


def referrals_for_spoc(user: Any) -> QuerySet[Referral]:
    """The organisation's referrals that await an outcome, oldest expected first."""
    if not user.has_role(Role.SPOC) or user.organisation_id is None:
        return Referral.objects.none()
    return (
        Referral.objects.filter(concern__organisation_id=user.organisation_id)
        .exclude(status=ReferralStatus.OUTCOME_RECEIVED)
        .select_related("concern")
        .order_by("expected_response_on", "sent_on", "pk")
    )


def referral_for_update(*, user: Any, pk: int) -> Referral:
    referral = Referral.objects.filter(pk=pk).select_related("concern").first()
    require(user, Action.UPDATE_REFERRAL, referral, hide=True)
    assert referral is not None
    return referral


# People.


def people_visible_to(user: Any) -> QuerySet[Person]:
    return Person.objects.annotate(
        visible_concern_count=Count("concerns", filter=visible_concerns_q(user, "concerns__"), distinct=True)
    ).filter(visible_concern_count__gt=0)


def person_for_view(*, user: Any, pk: int) -> Person:
    person = (
        Person.objects.filter(pk=pk)
        .annotate(
            visible_concern_count=Count(
                "concerns", filter=visible_concerns_q(user, "concerns__"), distinct=True
            )
        )
        .first()
    )
    require(user, Action.VIEW_PERSON, person, hide=True)
    assert person is not None
    return person


def _similar_names(a: str, b: str) -> bool:
    a, b = normalise_name(a), normalise_name(b)
    if not a or not b:
        return False
    if a == b:
        return True
    ta, tb = a.split(), b.split()
    # Same family name and same first initial ("Sam Smith" / "Samuel Smith").
    return ta[-1] == tb[-1] and ta[0][0] == tb[0][0]


def _names_of(name: str, other_names: str) -> list[str]:
    names = [name]
    names.extend(n for n in other_names.replace(";", ",").split(",") if n.strip())
    return names


def possible_matches(*, user: Any, concern: Concern) -> list[Person]:
    """People within the user's scope who may be the concern's person: same
    date of birth and a similar name or other name, or the same address and
    postcode. Two queries whatever the data size (candidates are found by
    indexed columns first)."""
    if concern.person_id is None:
        return []
    dob = concern.person_date_of_birth
    postcode = normalise_postcode(concern.person_postcode)
    address = normalise_address(concern.person_address)
    candidate_q = Q(pk__in=[])
    if dob:
        candidate_q |= Q(date_of_birth=dob)
    if postcode and address:
        candidate_q |= Q(postcode_key=postcode, address_key=address)
    candidates = people_visible_to(user).filter(candidate_q).exclude(pk=concern.person_id)[:50]
    mine = _names_of(concern.person_name, concern.person_other_names)
    matches = []
    for person in candidates:
        theirs = _names_of(person.full_name, person.other_names)
        same_address = bool(postcode and address and person.postcode_key == postcode)
        same_address = same_address and person.address_key == address
        similar = dob is not None and person.date_of_birth == dob
        similar = similar and any(_similar_names(a, b) for a in mine for b in theirs)
        if same_address or similar:
            matches.append(person)
    return matches


@dataclass
class ChronologyEntry:
    when: datetime | date
    kind: str
    text: str
    href: str
    reference: str


def _at(value: datetime | date) -> datetime:
    if isinstance(value, datetime):
        return value
    return timezone.make_aware(datetime(value.year, value.month, value.day))


def chronology(*, user: Any, person: Person) -> list[ChronologyEntry]:
    """Every visible concern, decision, referral, referral update,
    information request and answer and addendum of the person, in date
    order. One query per kind of record."""
    scope = visible_concerns_q(user, "concern__")
    entries: list[ChronologyEntry] = []
    concerns = concerns_visible_to(user).filter(person=person).exclude(status=ConcernStatus.DRAFT)
    for c in concerns.select_related("organisation"):
        href = reverse("concerns:detail", args=[c.pk])
        entries.append(
            ChronologyEntry(
                c.submitted_at or c.created_at,
                "Concern",
                f"Concern raised by {c.organisation.name}",
                href,
                c.label,
            )
        )
    for d in TriageDecision.objects.filter(scope, concern__person=person).select_related("concern"):
        entries.append(
            ChronologyEntry(
                d.decided_at,
                "Decision",
                f"SPOC decision: Prevent pyramid level {d.pyramid_level}",
                reverse("concerns:detail", args=[d.concern_id]) + f"#decision-{d.pk}",
                d.concern.label,
            )
        )
    for r in Referral.objects.filter(scope, concern__person=person).select_related("concern"):
        entries.append(
            ChronologyEntry(
                r.sent_on,
                "Referral",
                f"Referred to {r.get_destination_display()}",
                reverse("concerns:detail", args=[r.concern_id]) + f"#referral-{r.pk}",
                r.concern.label,
            )
        )
    updates = ReferralUpdate.objects.filter(
        visible_concerns_q(user, "referral__concern__"), referral__concern__person=person
    ).select_related("referral__concern")
    for u in updates:
        entries.append(
            ChronologyEntry(
                u.changed_at,
                "Referral update",
                f"{u.referral.get_destination_display()}: {u.get_to_status_display()}",
                reverse("concerns:detail", args=[u.referral.concern_id]) + f"#referral-{u.referral_id}",
                u.referral.concern.label,
            )
        )
    requests = InformationRequest.objects.filter(scope, concern__person=person).select_related("concern")
    for ir in requests:
        href = reverse("concerns:detail", args=[ir.concern_id]) + f"#request-{ir.pk}"
        label = ir.concern.label
        entries.append(
            ChronologyEntry(
                ir.asked_at, "Information request", "SPOC asked for more information", href, label
            )
        )
        if ir.answered_at:
            entries.append(
                ChronologyEntry(ir.answered_at, "Information given", "Practitioner answered", href, label)
            )
    for a in ConcernAddendum.objects.filter(scope, concern__person=person).select_related("concern"):
        entries.append(
            ChronologyEntry(
                a.added_at,
                "Addendum",
                "Addendum added",
                reverse("concerns:detail", args=[a.concern_id]) + f"#addendum-{a.pk}",
                a.concern.label,
            )
        )
    entries.sort(key=lambda e: _at(e.when))
    return entries
