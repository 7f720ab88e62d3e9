"""Who may record, see, triage and refer concerns: the one place for
concerns access.

Each object rule sits beside its `@scope`, the same condition as a query, so
"may this user act on this concern" and "which concerns" cannot drift
(tests/test_policy_scopes.py). Views look records up with the `access_*`
helpers at the bottom (404 when missing or out of scope); selectors list
with `scoped(...)`. People: a person is visible through a visible concern
(`person_visible_through`, see prevent/people/rules.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.http import Http404

from prevent.accounts.roles import Role
from prevent.people.rules import person_visible_through, restricted_through
from prevent.policy import Action, access, can, parse_pk, rule, scope

from .models import (
    Concern,
    ConcernAttachment,
    ConcernStatus,
    Referral,
    ReferralDestination,
)

if TYPE_CHECKING:
    from prevent.accounts.models import User

NONE = Q(pk__in=[])

# A restricted person's concerns and referrals are hidden as theirs is
# (prevent/people/rules.py, ADR 0017).
restricted_through("concerns.Concern", "person")
restricted_through("concerns.Referral", "concern__person")


def _spoc_org(user: User) -> int | None:
    """The organisation whose concerns the user triages as its SPOC."""
    if user.has_role(Role.SPOC) and user.organisation_id is not None:
        return user.organisation_id
    return None


def _is_spoc_of(user: User, organisation_id: int | None) -> bool:
    return organisation_id is not None and organisation_id == _spoc_org(user)


def _police_prevent(user: User) -> bool:
    return user.has_role(Role.PREVENT_COORDINATOR, Role.POLICE_PREVENT_OFFICER)


def _spoc_q(user: User, prefix: str = "") -> Q:
    org = _spoc_org(user)
    return Q(**{f"{prefix}organisation_id": org}) if org is not None else NONE


# Recording.


@rule(Action.RECORD_CONCERN)
def _record_concern(user: User, obj: None) -> bool:
    """Practitioners (and SPOCs) of an organisation; administrators and
    analysts see no case content."""
    return user.organisation_id is not None and user.has_role(Role.PRACTITIONER, Role.SPOC)


@scope(Action.EDIT_CONCERN_DRAFT, "concerns.Concern")
def _edit_concern_draft_scope(user: User) -> Q:
    return Q(raised_by_id=user.pk, status=ConcernStatus.DRAFT)


@rule(Action.EDIT_CONCERN_DRAFT)
def _edit_concern_draft(user: User, obj: Concern | None) -> bool:
    return obj is not None and obj.raised_by_id == user.pk and obj.status == ConcernStatus.DRAFT


# Seeing a concern.


def visible_concerns_q(user: User, prefix: str = "") -> Q:
    """VIEW_CONCERN as a query, on a concern reached through `prefix`
    ("concern__" from a referral)."""
    submitted = ~Q(**{f"{prefix}status": ConcernStatus.DRAFT})
    q = Q(**{f"{prefix}raised_by_id": user.pk}) | (submitted & _spoc_q(user, prefix))
    if _police_prevent(user):
        q |= submitted & Q(**{f"{prefix}referred_to_police_prevent": True})
    return q


@scope(Action.VIEW_CONCERN, "concerns.Concern")
def _view_concern_scope(user: User) -> Q:
    return visible_concerns_q(user)


@rule(Action.VIEW_CONCERN)
def _view_concern(user: User, obj: Concern | None) -> bool:
    """The raiser; once submitted, the SPOC of its organisation, and Prevent
    Coordinators and Police Prevent Officers once referred to police Prevent."""
    if obj is None:
        return False
    if obj.raised_by_id == user.pk:
        return True
    if obj.status == ConcernStatus.DRAFT:
        return False
    if _is_spoc_of(user, obj.organisation_id):
        return True
    return _police_prevent(user) and obj.referred_to_police_prevent


@person_visible_through
def _people_of_visible_concerns(user: User) -> Q:
    return Q(
        pk__in=Concern.objects.filter(visible_concerns_q(user), person__isnull=False).values("person_id")
    )


# After submission.


@scope(Action.ANSWER_CONCERN_QUESTION, "concerns.Concern")
def _answer_concern_question_scope(user: User) -> Q:
    return Q(raised_by_id=user.pk, status=ConcernStatus.MORE_INFORMATION_REQUESTED)


@rule(Action.ANSWER_CONCERN_QUESTION)
def _answer_concern_question(user: User, obj: Concern | None) -> bool:
    return (
        obj is not None
        and obj.raised_by_id == user.pk
        and obj.status == ConcernStatus.MORE_INFORMATION_REQUESTED
    )


@scope(Action.ADD_CONCERN_ADDENDUM, "concerns.Concern")
def _add_concern_addendum_scope(user: User) -> Q:
    return ~Q(status=ConcernStatus.DRAFT) & (Q(raised_by_id=user.pk) | _spoc_q(user))


@rule(Action.ADD_CONCERN_ADDENDUM)
def _add_concern_addendum(user: User, obj: Concern | None) -> bool:
    if obj is None or obj.status == ConcernStatus.DRAFT:
        return False
    return obj.raised_by_id == user.pk or _is_spoc_of(user, obj.organisation_id)


# Triage.


@rule(Action.VIEW_TRIAGE_QUEUE)
def _view_triage_queue(user: User, obj: None) -> bool:
    """A list-level question: does the user have a triage queue."""
    return _spoc_org(user) is not None


@scope(Action.TRIAGE_CONCERN, "concerns.Concern")
def _triage_concern_scope(user: User) -> Q:
    return Q(status=ConcernStatus.SUBMITTED) & _spoc_q(user)


@rule(Action.TRIAGE_CONCERN)
def _triage_concern(user: User, obj: Concern | None) -> bool:
    return (
        obj is not None and obj.status == ConcernStatus.SUBMITTED and _is_spoc_of(user, obj.organisation_id)
    )


@scope(Action.LINK_CONCERN_PERSON, "concerns.Concern")
def _link_concern_person_scope(user: User) -> Q:
    return ~Q(status=ConcernStatus.DRAFT) & _spoc_q(user)


@rule(Action.LINK_CONCERN_PERSON)
def _link_concern_person(user: User, obj: Concern | None) -> bool:
    """The SPOC re-points a submitted concern at an existing person record
    (with LINK_PERSON on that person: prevent/people/rules.py)."""
    return obj is not None and obj.status != ConcernStatus.DRAFT and _is_spoc_of(user, obj.organisation_id)


# Referrals.


@scope(Action.UPDATE_REFERRAL, "concerns.Referral")
def _update_referral_scope(user: User) -> Q:
    return _spoc_q(user, "concern__")


@rule(Action.UPDATE_REFERRAL)
def _update_referral(user: User, obj: Referral | None) -> bool:
    return obj is not None and _is_spoc_of(user, obj.concern.organisation_id)


@scope(Action.RECORD_REFERRAL_OUTCOME, "concerns.Referral")
def _record_referral_outcome_scope(user: User) -> Q:
    q = _spoc_q(user, "concern__")
    if user.has_role(Role.POLICE_PREVENT_OFFICER):
        q |= Q(destination=ReferralDestination.POLICE_PREVENT)
    return q


@rule(Action.RECORD_REFERRAL_OUTCOME)
def _record_referral_outcome(user: User, obj: Referral | None) -> bool:
    """The SPOC who sent it, or, for a referral to police Prevent, the
    Police Prevent Officer whose gateway assessment is its outcome."""
    if obj is None:
        return False
    if _is_spoc_of(user, obj.concern.organisation_id):
        return True
    return (
        user.has_role(Role.POLICE_PREVENT_OFFICER) and obj.destination == ReferralDestination.POLICE_PREVENT
    )


# Lookups for views: the record, or 404.


def access_concern(user: User, pk: object, action: Action = Action.VIEW_CONCERN) -> Concern:
    return access(user, action, pk, Concern.objects.select_related("organisation", "concern_type"))


def access_referral(user: User, pk: object, action: Action = Action.UPDATE_REFERRAL) -> Referral:
    return access(user, action, pk, Referral.objects.select_related("concern"))


def access_attachment(
    user: User, concern: Concern, pk: object, action: Action = Action.VIEW_CONCERN
) -> ConcernAttachment:
    """An attachment of a concern the caller has already accessed for `action`."""
    attachment = concern.attachments.filter(pk=parse_pk(pk)).first()
    if attachment is None or not can(user, action, concern):
        raise Http404
    attachment.concern = concern
    return attachment
