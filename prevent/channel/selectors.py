"""Reads for the gateway and Channel, scoped to what the user may see, in a
fixed number of queries whatever the data size."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from prevent.accounts.models import User
from prevent.accounts.roles import Role
from prevent.concerns.models import Referral, ReferralDestination
from prevent.core.models import Organisation
from prevent.policy import Action, require

from .models import (
    AgendaItem,
    ApprovedProvider,
    AssessmentFramework,
    CaseStatus,
    ChannelCase,
    ConsentRecord,
    FactorAnswer,
    FrameworkDimension,
    FrameworkFactor,
    GatewayAssessment,
    GatewayReferral,
    GatewayStatus,
    InformationRequest,
    Intervention,
    PanelAction,
    PanelDecision,
    PanelMeeting,
    PostExitReview,
    ProgressNote,
    RequestStatus,
    VulnerabilityAssessment,
)

LIST_LIMIT = 200
CHANNEL_STAFF = (Role.PREVENT_COORDINATOR, Role.POLICE_PREVENT_OFFICER, Role.CHANNEL_CHAIR)


# ---- Gateway ----------------------------------------------------------------


def concern_referrals_awaiting_gateway(user: Any) -> QuerySet[Referral]:
    """SPOCs' police Prevent referrals not yet at the gateway, oldest first."""
    require(user, Action.VIEW_GATEWAY_QUEUE)
    return (
        Referral.objects.filter(
            destination=ReferralDestination.POLICE_PREVENT,
            gateway_referral__isnull=True,
            concern__person__isnull=False,
        )
        .select_related("concern__organisation")
        .order_by("sent_on", "pk")
    )


def gateway_referrals_awaiting(user: Any) -> QuerySet[GatewayReferral]:
    require(user, Action.VIEW_GATEWAY_QUEUE)
    return (
        GatewayReferral.objects.filter(status=GatewayStatus.AWAITING)
        .select_related("referral__concern", "previous_case")
        .order_by("received_on", "pk")
    )


def gateway_recently_assessed(user: Any) -> QuerySet[GatewayAssessment]:
    require(user, Action.VIEW_GATEWAY_QUEUE)
    return GatewayAssessment.objects.select_related("gateway_referral__channel_case", "assessed_by").order_by(
        "-assessed_at", "-pk"
    )


def gateway_referral_for_assessment(*, user: Any, pk: int) -> GatewayReferral:
    require(user, Action.VIEW_GATEWAY_QUEUE, hide=True)
    gateway = (
        GatewayReferral.objects.filter(pk=pk)
        .select_related("person", "referral__concern__organisation", "previous_case")
        .prefetch_related(
            Prefetch("assessments", queryset=GatewayAssessment.objects.select_related("assessed_by"))
        )
        .first()
    )
    if gateway is None:
        raise Http404
    return gateway


def concern_referral_for_gateway(*, user: Any, pk: int) -> Referral:
    require(user, Action.RECORD_GATEWAY_ASSESSMENT, hide=True)
    referral = (
        Referral.objects.filter(pk=pk, destination=ReferralDestination.POLICE_PREVENT)
        .select_related("concern__person")
        .first()
    )
    if referral is None or referral.concern.person_id is None:
        raise Http404
    return referral


@dataclass(frozen=True)
class GatewayOutcomeView:
    referral_pk: int
    outcome: str
    assessed_on: Any
    case_href: str


def gateway_outcomes_for_concern(*, user: Any, concern: Any) -> list[GatewayOutcomeView]:
    """For the concern page: the gateway outcome of each of the concern's
    police Prevent referrals, by name only (no rationale); a link to the
    Channel case for those who may open it. One query (two with a case)."""
    from django.urls import reverse

    from prevent.policy import can

    require(user, Action.VIEW_CONCERN, concern, hide=True)
    rows = GatewayAssessment.objects.filter(gateway_referral__referral__concern=concern).select_related(
        "gateway_referral__channel_case"
    )
    views = []
    for a in rows.order_by("assessed_at", "pk"):
        case = getattr(a.gateway_referral, "channel_case", None)
        href = (
            reverse("channel:case-detail", args=[case.pk])
            if case and can(user, Action.VIEW_CHANNEL_CASE, case)
            else ""
        )
        views.append(
            GatewayOutcomeView(
                a.gateway_referral.referral_id or 0, a.get_outcome_display(), a.assessed_at, href
            )
        )
    return views


# ---- Cases ------------------------------------------------------------------


def cases_visible_to(user: Any) -> QuerySet[ChannelCase]:
    if not getattr(user, "is_authenticated", False):
        return ChannelCase.objects.none()
    if user.has_role(*CHANNEL_STAFF):
        return ChannelCase.objects.all()
    if user.has_role(Role.CHANNEL_MEMBER):
        on_my_agenda = AgendaItem.objects.filter(meeting__members=user).values("case_id")
        return ChannelCase.objects.filter(pk__in=on_my_agenda)
    return ChannelCase.objects.none()


def case_list(user: Any, *, status: str = "") -> QuerySet[ChannelCase]:
    require(user, Action.VIEW_CHANNEL_CASES)
    cases = cases_visible_to(user).select_related("person", "case_officer")
    if status in CaseStatus.values:
        cases = cases.filter(status=status)
    return cases.order_by("-opened_at", "-pk")


def case_for_view(*, user: Any, pk: int) -> ChannelCase:
    """A case with everything its page shows, in a fixed number of queries."""
    case = (
        cases_visible_to(user)
        .filter(pk=pk)
        .select_related(
            "person",
            "case_officer",
            "gateway_referral__referral__concern",
            "gateway_referral__previous_case",
            "closing_report__completed_by",
        )
        .prefetch_related(
            "safeguarding_links",
            Prefetch(
                "information_requests",
                queryset=InformationRequest.objects.select_related("agency", "answered_by").prefetch_related(
                    "files"
                ),
            ),
            Prefetch(
                "assessments",
                queryset=VulnerabilityAssessment.objects.select_related("assessed_by", "framework"),
            ),
            Prefetch(
                "decisions",
                queryset=PanelDecision.objects.select_related(
                    "agenda_item__meeting", "recorded_by", "confirmed_by"
                ),
            ),
            Prefetch("consents", queryset=ConsentRecord.objects.select_related("recorded_by")),
            Prefetch(
                "interventions",
                queryset=Intervention.objects.select_related("provider").prefetch_related(
                    Prefetch("progress_notes", queryset=ProgressNote.objects.select_related("recorded_by"))
                ),
            ),
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.select_related("meeting").order_by("meeting__meeting_on"),
            ),
            Prefetch("actions", queryset=PanelAction.objects.select_related("owner")),
            Prefetch("post_exit_reviews", queryset=PostExitReview.objects.select_related("new_referral")),
            Prefetch("re_referrals"),
        )
        .first()
    )
    require(user, Action.VIEW_CHANNEL_CASE, case, hide=True)
    assert case is not None
    return case


def case_visible(*, user: Any, pk: int) -> ChannelCase:
    case = cases_visible_to(user).filter(pk=pk).select_related("person", "case_officer").first()
    require(user, Action.VIEW_CHANNEL_CASE, case, hide=True)
    assert case is not None
    return case


def case_for_manage(*, user: Any, pk: int) -> ChannelCase:
    case = case_visible(user=user, pk=pk)
    require(user, Action.MANAGE_CHANNEL_CASE, case, hide=True)
    return case


def other_agencies() -> QuerySet[Organisation]:
    return Organisation.objects.filter(archived_at__isnull=True).order_by("name")


def coordinators() -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True, role_assignments__role=Role.PREVENT_COORDINATOR)
        .distinct()
        .order_by("full_name")
    )


def panel_people() -> QuerySet[User]:
    return (
        User.objects.filter(
            is_active=True, role_assignments__role__in=[Role.CHANNEL_MEMBER, Role.CHANNEL_CHAIR]
        )
        .select_related("organisation")
        .distinct()
        .order_by("full_name")
    )


def action_owners() -> QuerySet[User]:
    roles = [Role.CHANNEL_MEMBER, Role.CHANNEL_CHAIR, Role.PREVENT_COORDINATOR, Role.POLICE_PREVENT_OFFICER]
    return (
        User.objects.filter(is_active=True, role_assignments__role__in=roles)
        .select_related("organisation")
        .distinct()
        .order_by("full_name")
    )


def providers() -> QuerySet[ApprovedProvider]:
    return ApprovedProvider.objects.filter(archived_at__isnull=True).order_by("name")


# ---- Information requests ---------------------------------------------------


def information_requests_for(user: Any) -> QuerySet[InformationRequest]:
    """Requests to the user's agency (all requests for a coordinator), open first."""
    require(user, Action.VIEW_INFORMATION_REQUESTS)
    qs = InformationRequest.objects.select_related("case", "agency")
    if not user.has_role(Role.PREVENT_COORDINATOR):
        qs = qs.filter(agency_id=user.organisation_id)
    return qs.order_by("-status", "due_on", "pk")


def information_request_for_view(*, user: Any, pk: int) -> InformationRequest:
    request = (
        InformationRequest.objects.filter(pk=pk)
        .select_related("case", "agency", "sent_by", "answered_by")
        .prefetch_related("files")
        .first()
    )
    require(user, Action.VIEW_INFORMATION_REQUEST, request, hide=True)
    assert request is not None
    return request


# ---- VAF --------------------------------------------------------------------


def framework_with_factors(framework: AssessmentFramework) -> list[FrameworkDimension]:
    return list(
        framework.dimensions.prefetch_related(
            Prefetch("factors", queryset=FrameworkFactor.objects.order_by("number"))
        )
    )


def assessment_for_view(*, user: Any, case: ChannelCase, pk: int) -> VulnerabilityAssessment:
    assessment = (
        VulnerabilityAssessment.objects.filter(pk=pk, case=case)
        .select_related("framework", "assessed_by")
        .prefetch_related(
            Prefetch("answers", queryset=FactorAnswer.objects.select_related("factor__dimension")),
            "summaries__dimension",
        )
        .first()
    )
    if assessment is None:
        raise Http404
    return assessment


@dataclass
class FactorChange:
    factor: FrameworkFactor
    before: str
    after: str
    evidence: str

    @property
    def changed(self) -> bool:
        return bool(self.before) and self.before != self.after


def factor_changes(
    assessment: VulnerabilityAssessment,
) -> tuple[VulnerabilityAssessment | None, list[FactorChange]]:
    """Each factor's rating now and in the case's previous assessment (2 queries)."""
    previous = (
        VulnerabilityAssessment.objects.filter(
            case_id=assessment.case_id, assessed_at__lt=assessment.assessed_at
        )
        .order_by("-assessed_at", "-pk")
        .prefetch_related("answers")
        .first()
    )
    before = {a.factor_id: a.get_rating_display() for a in previous.answers.all()} if previous else {}
    changes = [
        FactorChange(a.factor, before.get(a.factor_id, ""), a.get_rating_display(), a.evidence)
        for a in assessment.answers.all()
    ]
    return previous, changes


# ---- Panels -----------------------------------------------------------------


def meetings_visible_to(user: Any) -> QuerySet[PanelMeeting]:
    require(user, Action.VIEW_PANEL_MEETINGS)
    if user.has_role(*CHANNEL_STAFF):
        return PanelMeeting.objects.all()
    return PanelMeeting.objects.filter(members=user)


def meeting_list(user: Any) -> QuerySet[PanelMeeting]:
    from django.db.models import Count

    return (
        meetings_visible_to(user)
        .annotate(item_count=Count("agenda_items", distinct=True))
        .order_by("meeting_on")
    )


def meeting_for_view(*, user: Any, pk: int) -> PanelMeeting:
    meeting = (
        PanelMeeting.objects.filter(pk=pk)
        .prefetch_related(
            Prefetch("members", queryset=User.objects.select_related("organisation").order_by("full_name")),
            Prefetch("attendance", queryset=_attendance_qs()),
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.select_related("case__person").prefetch_related(
                    Prefetch(
                        "decisions",
                        queryset=PanelDecision.objects.select_related("recorded_by", "confirmed_by"),
                    )
                ),
            ),
            Prefetch("actions", queryset=PanelAction.objects.select_related("owner", "case")),
        )
        .first()
    )
    require(user, Action.VIEW_PANEL_MEETING, meeting, hide=True)
    assert meeting is not None
    return meeting


def _attendance_qs() -> QuerySet[Any]:
    from .models import Attendance

    return Attendance.objects.select_related("agency")


def meeting_visible(*, user: Any, pk: int) -> PanelMeeting:
    meeting = PanelMeeting.objects.filter(pk=pk).first()
    require(user, Action.VIEW_PANEL_MEETING, meeting, hide=True)
    assert meeting is not None
    return meeting


def meeting_for_manage(*, user: Any, pk: int) -> PanelMeeting:
    meeting = meeting_visible(user=user, pk=pk)
    require(user, Action.MANAGE_PANEL_MEETING, meeting)
    return meeting


def agenda_item_for_manage(*, user: Any, meeting: PanelMeeting, pk: int) -> AgendaItem:
    item = AgendaItem.objects.filter(pk=pk, meeting=meeting).select_related("case__person", "meeting").first()
    if item is None:
        raise Http404
    return item


def decision_for(*, user: Any, pk: int) -> PanelDecision:
    decision = (
        PanelDecision.objects.filter(pk=pk)
        .select_related("case__person", "agenda_item__meeting", "recorded_by", "superseded_by")
        .first()
    )
    if decision is None:
        raise Http404
    require(user, Action.VIEW_CHANNEL_CASE, decision.case, hide=True)
    return decision


def cases_for_agenda() -> QuerySet[ChannelCase]:
    return (
        ChannelCase.objects.exclude(status=CaseStatus.NOT_ADOPTED)
        .select_related("person")
        .order_by("reference")
    )


def next_meeting(today: Any = None) -> PanelMeeting | None:
    return (
        PanelMeeting.objects.filter(meeting_on__gte=today or timezone.localdate())
        .order_by("meeting_on")
        .first()
    )


def open_requests_q() -> Q:
    return Q(status=RequestStatus.SENT)
