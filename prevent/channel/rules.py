"""Who may act in the police gateway and the Channel Panel: the one place.

Each object rule sits beside its scope (`@scope`, the same condition as a
Q), so "may this user act on this record" and "which records may they act
on" cannot drift (tests/test_policy_scopes.py). Rules refuse a missing or
wrong object. List-level questions ("may they see the case list at all")
are actions of their own, asked without an object.

Views and selectors look a record up with the `access_<entity>` functions
below (built on `prevent.policy.access`: 404 when missing or out of
scope), and list with `scoped(...)`. Nothing outside this module asks
which roles a user holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from prevent.accounts.roles import Role
from prevent.concerns.models import Referral, ReferralDestination
from prevent.people.rules import person_visible_through, restricted_through
from prevent.policy import Action, access, rule, scope

from .models import (
    AgendaItem,
    ApprovedProvider,
    CaseStatus,
    ChannelCase,
    GatewayAssessment,
    GatewayReferral,
    InformationRequest,
    PanelAction,
    PanelDecision,
    PanelMeeting,
    PostExitReview,
    RequestStatus,
)

if TYPE_CHECKING:
    from prevent.accounts.models import User

# Everyone who works Channel cases; a Channel Panel Member sees only the
# cases on the agenda of a meeting they sit on.
CHANNEL_STAFF = (Role.PREVENT_COORDINATOR, Role.POLICE_PREVENT_OFFICER, Role.CHANNEL_CHAIR)
GATEWAY_STAFF = (Role.POLICE_PREVENT_OFFICER, Role.PREVENT_COORDINATOR)
AGENCY_ROLES = (Role.PREVENT_COORDINATOR, Role.CHANNEL_MEMBER, Role.SPOC, Role.POLICE_PREVENT_OFFICER)
PANEL_ORGANISERS = (Role.PREVENT_COORDINATOR, Role.CHANNEL_CHAIR)

NOTHING = Q(pk__in=[])

# A restricted person's gateway and Channel records are hidden as theirs is
# (prevent/people/rules.py, ADR 0017).
for _label, _path in (
    ("channel.GatewayReferral", "person"),
    ("channel.GatewayAssessment", "gateway_referral__person"),
    ("channel.ChannelCase", "person"),
    ("channel.InformationRequest", "case__person"),
    ("channel.PanelDecision", "case__person"),
    ("channel.PanelAction", "case__person"),
    ("channel.PostExitReview", "case__person"),
):
    restricted_through(_label, _path)


def _all_if(allowed: bool) -> Q:
    """Every record, or none. (Never OR a Q with an empty Q(): Django drops
    the empty one, which would turn "everything" into the other condition.)"""
    return Q() if allowed else NOTHING


# ---- List-level questions ---------------------------------------------------


@rule(Action.VIEW_GATEWAY_QUEUE)
def _view_gateway_queue(user: User, obj: object) -> bool:
    return user.has_role(*GATEWAY_STAFF)


@rule(Action.ASSESS_GATEWAY_REFERRALS)
def _assess_gateway_referrals(user: User, obj: object) -> bool:
    return user.has_role(Role.POLICE_PREVENT_OFFICER)


@rule(Action.LOG_EXTERNAL_REFERRAL)
def _log_external_referral(user: User, obj: object) -> bool:
    return user.has_role(Role.POLICE_PREVENT_OFFICER)


@rule(Action.VIEW_CHANNEL_CASES)
def _view_channel_cases(user: User, obj: object) -> bool:
    return user.has_role(*CHANNEL_STAFF, Role.CHANNEL_MEMBER)


@rule(Action.MANAGE_CHANNEL_CASES)
def _manage_channel_cases(user: User, obj: object) -> bool:
    return user.has_role(Role.PREVENT_COORDINATOR)


@rule(Action.VIEW_PANEL_MEETINGS)
def _view_panel_meetings(user: User, obj: object) -> bool:
    return user.has_role(*CHANNEL_STAFF, Role.CHANNEL_MEMBER)


@rule(Action.SCHEDULE_PANEL_MEETINGS)
def _schedule_panel_meetings(user: User, obj: object) -> bool:
    return user.has_role(*PANEL_ORGANISERS)


@rule(Action.CONFIRM_PANEL_DECISIONS)
def _confirm_panel_decisions(user: User, obj: object) -> bool:
    return user.has_role(Role.CHANNEL_CHAIR)


@rule(Action.VIEW_INFORMATION_REQUESTS)
def _view_information_requests(user: User, obj: object) -> bool:
    return user.organisation_id is not None and user.has_role(*AGENCY_ROLES)


@rule(Action.RECORD_POST_EXIT_REVIEWS)
def _record_post_exit_reviews(user: User, obj: object) -> bool:
    return user.has_role(Role.PREVENT_COORDINATOR)


@rule(Action.MANAGE_APPROVED_PROVIDERS)
def _manage_approved_providers(user: User, obj: object) -> bool:
    return user.has_role(Role.PREVENT_COORDINATOR)


@rule(Action.VIEW_APPROVED_PROVIDERS)
def _view_approved_providers(user: User, obj: object) -> bool:
    """The chair reads the list the coordinator keeps (the panel agrees
    support with these providers)."""
    return user.has_role(Role.PREVENT_COORDINATOR, Role.CHANNEL_CHAIR)


# Asked of another user: may they be made a case officer, a panel member.


@rule(Action.LEAD_CHANNEL_CASE)
def _lead_channel_case(user: User, obj: object) -> bool:
    return user.has_role(Role.PREVENT_COORDINATOR)


@rule(Action.SIT_ON_CHANNEL_PANEL)
def _sit_on_channel_panel(user: User, obj: object) -> bool:
    return user.has_role(Role.CHANNEL_MEMBER, Role.CHANNEL_CHAIR)


# ---- Police gateway ---------------------------------------------------------


def _at_gateway(referral: Referral) -> bool:
    """A SPOC's referral to police Prevent about a known person."""
    return (
        referral.destination == ReferralDestination.POLICE_PREVENT and referral.concern.person_id is not None
    )


AT_GATEWAY = Q(destination=ReferralDestination.POLICE_PREVENT, concern__person__isnull=False)


@rule(Action.VIEW_GATEWAY_CONCERN_REFERRAL)
def _view_gateway_concern_referral(user: User, obj: object) -> bool:
    return isinstance(obj, Referral) and user.has_role(*GATEWAY_STAFF) and _at_gateway(obj)


@scope(Action.VIEW_GATEWAY_CONCERN_REFERRAL, "concerns.Referral")
def _view_gateway_concern_referral_scope(user: User) -> Q:
    return AT_GATEWAY if user.has_role(*GATEWAY_STAFF) else NOTHING


@rule(Action.ASSESS_CONCERN_REFERRAL)
def _assess_concern_referral(user: User, obj: object) -> bool:
    return isinstance(obj, Referral) and user.has_role(Role.POLICE_PREVENT_OFFICER) and _at_gateway(obj)


@scope(Action.ASSESS_CONCERN_REFERRAL, "concerns.Referral")
def _assess_concern_referral_scope(user: User) -> Q:
    return AT_GATEWAY if user.has_role(Role.POLICE_PREVENT_OFFICER) else NOTHING


@rule(Action.VIEW_GATEWAY_REFERRAL)
def _view_gateway_referral(user: User, obj: object) -> bool:
    return isinstance(obj, GatewayReferral) and user.has_role(*GATEWAY_STAFF)


@scope(Action.VIEW_GATEWAY_REFERRAL, "channel.GatewayReferral")
def _view_gateway_referral_scope(user: User) -> Q:
    return _all_if(user.has_role(*GATEWAY_STAFF))


@rule(Action.RECORD_GATEWAY_ASSESSMENT)
def _record_gateway_assessment(user: User, obj: object) -> bool:
    """Whether it is still awaiting its assessment is the service's
    question (it answers with a message on the form)."""
    return isinstance(obj, GatewayReferral) and user.has_role(Role.POLICE_PREVENT_OFFICER)


@scope(Action.RECORD_GATEWAY_ASSESSMENT, "channel.GatewayReferral")
def _record_gateway_assessment_scope(user: User) -> Q:
    return _all_if(user.has_role(Role.POLICE_PREVENT_OFFICER))


@rule(Action.VIEW_GATEWAY_ASSESSMENT)
def _view_gateway_assessment(user: User, obj: object) -> bool:
    """The outcome on a person's chronology (the chair sees it too)."""
    return isinstance(obj, GatewayAssessment) and user.has_role(*CHANNEL_STAFF)


@scope(Action.VIEW_GATEWAY_ASSESSMENT, "channel.GatewayAssessment")
def _view_gateway_assessment_scope(user: User) -> Q:
    return _all_if(user.has_role(*CHANNEL_STAFF))


# ---- Channel cases ----------------------------------------------------------


def _sits_on_agenda_of(user: User, case: ChannelCase) -> bool:
    """A panel member's case: on the agenda of a meeting they sit on."""
    return case.agenda_items.filter(meeting__members=user).exists()


def _case_scope(user: User) -> Q:
    if user.has_role(*CHANNEL_STAFF):
        return Q()
    if user.has_role(Role.CHANNEL_MEMBER):
        return Q(pk__in=AgendaItem.objects.filter(meeting__members=user).values("case_id"))
    return NOTHING


@rule(Action.VIEW_CHANNEL_CASE)
def _view_channel_case(user: User, obj: object) -> bool:
    if not isinstance(obj, ChannelCase):
        return False
    if user.has_role(*CHANNEL_STAFF):
        return True
    return user.has_role(Role.CHANNEL_MEMBER) and _sits_on_agenda_of(user, obj)


@scope(Action.VIEW_CHANNEL_CASE, "channel.ChannelCase")
def _view_channel_case_scope(user: User) -> Q:
    return _case_scope(user)


@rule(Action.MANAGE_CHANNEL_CASE)
def _manage_channel_case(user: User, obj: object) -> bool:
    return isinstance(obj, ChannelCase) and user.has_role(Role.PREVENT_COORDINATOR)


@scope(Action.MANAGE_CHANNEL_CASE, "channel.ChannelCase")
def _manage_channel_case_scope(user: User) -> Q:
    return _all_if(user.has_role(Role.PREVENT_COORDINATOR))


@rule(Action.COMPLETE_CLOSING_REPORT)
def _complete_closing_report(user: User, obj: object) -> bool:
    return (
        isinstance(obj, ChannelCase)
        and obj.status == CaseStatus.EXIT_RECOMMENDED
        and user.has_role(Role.CHANNEL_CHAIR)
    )


@scope(Action.COMPLETE_CLOSING_REPORT, "channel.ChannelCase")
def _complete_closing_report_scope(user: User) -> Q:
    return Q(status=CaseStatus.EXIT_RECOMMENDED) if user.has_role(Role.CHANNEL_CHAIR) else NOTHING


@rule(Action.EXIT_CHANNEL_CASE)
def _exit_channel_case(user: User, obj: object) -> bool:
    return (
        isinstance(obj, ChannelCase)
        and obj.status == CaseStatus.EXIT_RECOMMENDED
        and user.has_role(*PANEL_ORGANISERS)
    )


@scope(Action.EXIT_CHANNEL_CASE, "channel.ChannelCase")
def _exit_channel_case_scope(user: User) -> Q:
    return Q(status=CaseStatus.EXIT_RECOMMENDED) if user.has_role(*PANEL_ORGANISERS) else NOTHING


# ---- Information requests ---------------------------------------------------


def _to_my_agency(user: User, request: InformationRequest) -> bool:
    return _view_information_requests(user, None) and request.agency_id == user.organisation_id


@rule(Action.VIEW_INFORMATION_REQUEST)
def _view_information_request(user: User, obj: object) -> bool:
    if not isinstance(obj, InformationRequest):
        return False
    return user.has_role(Role.PREVENT_COORDINATOR) or _to_my_agency(user, obj)


@scope(Action.VIEW_INFORMATION_REQUEST, "channel.InformationRequest")
def _view_information_request_scope(user: User) -> Q:
    if user.has_role(Role.PREVENT_COORDINATOR):
        return Q()
    if _view_information_requests(user, None):
        return Q(agency_id=user.organisation_id)
    return NOTHING


@rule(Action.ANSWER_INFORMATION_REQUEST)
def _answer_information_request(user: User, obj: object) -> bool:
    return (
        isinstance(obj, InformationRequest) and obj.status == RequestStatus.SENT and _to_my_agency(user, obj)
    )


@scope(Action.ANSWER_INFORMATION_REQUEST, "channel.InformationRequest")
def _answer_information_request_scope(user: User) -> Q:
    if _view_information_requests(user, None):
        return Q(status=RequestStatus.SENT, agency_id=user.organisation_id)
    return NOTHING


# ---- Panel meetings, decisions and actions ----------------------------------


@rule(Action.VIEW_PANEL_MEETING)
def _view_panel_meeting(user: User, obj: object) -> bool:
    if not isinstance(obj, PanelMeeting):
        return False
    if user.has_role(*CHANNEL_STAFF):
        return True
    return user.has_role(Role.CHANNEL_MEMBER) and obj.members.filter(pk=user.pk).exists()


@scope(Action.VIEW_PANEL_MEETING, "channel.PanelMeeting")
def _view_panel_meeting_scope(user: User) -> Q:
    if user.has_role(*CHANNEL_STAFF):
        return Q()
    if user.has_role(Role.CHANNEL_MEMBER):
        return Q(pk__in=PanelMeeting.objects.filter(members=user).values("pk"))
    return NOTHING


@rule(Action.MANAGE_PANEL_MEETING)
def _manage_panel_meeting(user: User, obj: object) -> bool:
    return isinstance(obj, PanelMeeting) and user.has_role(*PANEL_ORGANISERS)


@scope(Action.MANAGE_PANEL_MEETING, "channel.PanelMeeting")
def _manage_panel_meeting_scope(user: User) -> Q:
    return _all_if(user.has_role(*PANEL_ORGANISERS))


@rule(Action.VIEW_PANEL_DECISION)
def _view_panel_decision(user: User, obj: object) -> bool:
    return isinstance(obj, PanelDecision) and _view_channel_case(user, obj.case)


@scope(Action.VIEW_PANEL_DECISION, "channel.PanelDecision")
def _view_panel_decision_scope(user: User) -> Q:
    return Q(case__in=ChannelCase.objects.filter(_case_scope(user)).values("pk"))


@rule(Action.CONFIRM_PANEL_DECISION)
def _confirm_panel_decision(user: User, obj: object) -> bool:
    return (
        isinstance(obj, PanelDecision)
        and obj.confirmed_at is None
        and obj.superseded_at is None
        and user.has_role(Role.CHANNEL_CHAIR)
    )


@scope(Action.CONFIRM_PANEL_DECISION, "channel.PanelDecision")
def _confirm_panel_decision_scope(user: User) -> Q:
    if user.has_role(Role.CHANNEL_CHAIR):
        return Q(confirmed_at__isnull=True, superseded_at__isnull=True)
    return NOTHING


@rule(Action.MARK_PANEL_ACTION_DONE)
def _mark_panel_action_done(user: User, obj: object) -> bool:
    """The action's owner, or whoever runs the meetings."""
    return isinstance(obj, PanelAction) and (obj.owner_id == user.pk or user.has_role(*PANEL_ORGANISERS))


@scope(Action.MARK_PANEL_ACTION_DONE, "channel.PanelAction")
def _mark_panel_action_done_scope(user: User) -> Q:
    return Q() if user.has_role(*PANEL_ORGANISERS) else Q(owner_id=user.pk)


# ---- Exit and providers -----------------------------------------------------


@rule(Action.RECORD_POST_EXIT_REVIEW)
def _record_post_exit_review(user: User, obj: object) -> bool:
    return (
        isinstance(obj, PostExitReview)
        and obj.completed_at is None
        and user.has_role(Role.PREVENT_COORDINATOR)
    )


@scope(Action.RECORD_POST_EXIT_REVIEW, "channel.PostExitReview")
def _record_post_exit_review_scope(user: User) -> Q:
    return Q(completed_at__isnull=True) if user.has_role(Role.PREVENT_COORDINATOR) else NOTHING


@rule(Action.ARCHIVE_APPROVED_PROVIDER)
def _archive_approved_provider(user: User, obj: object) -> bool:
    return (
        isinstance(obj, ApprovedProvider)
        and obj.archived_at is None
        and user.has_role(Role.PREVENT_COORDINATOR)
    )


@scope(Action.ARCHIVE_APPROVED_PROVIDER, "channel.ApprovedProvider")
def _archive_approved_provider_scope(user: User) -> Q:
    return Q(archived_at__isnull=True) if user.has_role(Role.PREVENT_COORDINATOR) else NOTHING


# ---- One lookup per entity (404 when missing or out of scope) ---------------


def access_concern_referral(
    user: User,
    pk: object,
    action: Action = Action.ASSESS_CONCERN_REFERRAL,
    queryset: QuerySet[Referral] | None = None,
) -> Referral:
    return access(user, action, pk, queryset)


def access_gateway_referral(
    user: User,
    pk: object,
    action: Action = Action.VIEW_GATEWAY_REFERRAL,
    queryset: QuerySet[GatewayReferral] | None = None,
) -> GatewayReferral:
    return access(user, action, pk, queryset)


def access_case(
    user: User,
    pk: object,
    action: Action = Action.VIEW_CHANNEL_CASE,
    queryset: QuerySet[ChannelCase] | None = None,
) -> ChannelCase:
    return access(user, action, pk, queryset)


def access_information_request(
    user: User,
    pk: object,
    action: Action = Action.VIEW_INFORMATION_REQUEST,
    queryset: QuerySet[InformationRequest] | None = None,
) -> InformationRequest:
    return access(user, action, pk, queryset)


def access_meeting(
    user: User,
    pk: object,
    action: Action = Action.VIEW_PANEL_MEETING,
    queryset: QuerySet[PanelMeeting] | None = None,
) -> PanelMeeting:
    return access(user, action, pk, queryset)


def access_decision(
    user: User,
    pk: object,
    action: Action = Action.VIEW_PANEL_DECISION,
    queryset: QuerySet[PanelDecision] | None = None,
) -> PanelDecision:
    return access(user, action, pk, queryset)


def access_review(
    user: User,
    pk: object,
    action: Action = Action.RECORD_POST_EXIT_REVIEW,
    queryset: QuerySet[PostExitReview] | None = None,
) -> PostExitReview:
    return access(user, action, pk, queryset)


def access_provider(
    user: User,
    pk: object,
    action: Action = Action.ARCHIVE_APPROVED_PROVIDER,
    queryset: QuerySet[ApprovedProvider] | None = None,
) -> ApprovedProvider:
    return access(user, action, pk, queryset)


@person_visible_through
def _people_of_visible_channel_records(user: User) -> Q:
    """People whose gateway referral or Channel case the user may see."""
    cases = ChannelCase.objects.filter(_case_scope(user)).values("person_id")
    referrals = GatewayReferral.objects.filter(_view_gateway_referral_scope(user)).values("person_id")
    return Q(pk__in=cases) | Q(pk__in=referrals)
