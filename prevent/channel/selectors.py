"""Reads for the gateway and Channel, scoped to what the user may act on
(`scoped(...)` and the `access_<entity>` lookups of rules.py), in a fixed
number of queries whatever the data size."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse

from prevent.accounts.models import User
from prevent.accounts.roles import Role
from prevent.concerns.models import Concern, Referral
from prevent.core import clock
from prevent.core.models import Organisation
from prevent.core.notify import active_users_with_role
from prevent.people.rules import hidden_people
from prevent.policy import Action, can, parse_pk, require, scoped

from .models import (
    AgendaItem,
    ApprovedProvider,
    AssessmentFramework,
    Attendance,
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
    ResponseFile,
    VulnerabilityAssessment,
)
from .rules import (
    access_case,
    access_concern_referral,
    access_decision,
    access_gateway_referral,
    access_information_request,
    access_meeting,
    access_provider,
    access_review,
)

LIST_LIMIT = 200


# ---- Gateway ----------------------------------------------------------------


def concern_referrals_awaiting_gateway(user: User) -> QuerySet[Referral]:
    """SPOCs' police Prevent referrals not yet at the gateway, oldest first."""
    require(user, Action.VIEW_GATEWAY_QUEUE)
    referrals = Referral.objects.filter(gateway_referral__isnull=True).select_related(
        "concern__organisation", "concern__person"
    )
    return scoped(user, Action.VIEW_GATEWAY_CONCERN_REFERRAL, referrals).order_by("sent_on", "pk")


def gateway_referrals_awaiting(user: User) -> QuerySet[GatewayReferral]:
    require(user, Action.VIEW_GATEWAY_QUEUE)
    awaiting = GatewayReferral.objects.filter(status=GatewayStatus.AWAITING).select_related(
        "referral__concern", "previous_case", "person"
    )
    return scoped(user, Action.VIEW_GATEWAY_REFERRAL, awaiting).order_by("received_on", "pk")


def gateway_recently_assessed(user: User) -> QuerySet[GatewayAssessment]:
    require(user, Action.VIEW_GATEWAY_QUEUE)
    assessed = GatewayAssessment.objects.select_related("gateway_referral__channel_case", "assessed_by")
    return scoped(user, Action.VIEW_GATEWAY_ASSESSMENT, assessed).order_by("-assessed_at", "-pk")


def gateway_referral_for_assessment(*, user: User, pk: object) -> GatewayReferral:
    """The gateway page's referral, with its person and assessments."""
    queryset = GatewayReferral.objects.select_related(
        "person", "referral__concern__organisation", "previous_case"
    ).prefetch_related(
        Prefetch("assessments", queryset=GatewayAssessment.objects.select_related("assessed_by"))
    )
    return access_gateway_referral(user, pk, queryset=queryset)


def concern_referral_for_gateway(*, user: User, pk: object) -> Referral:
    return access_concern_referral(user, pk, queryset=Referral.objects.select_related("concern__person"))


@dataclass(frozen=True)
class GatewayOutcomeView:
    referral_pk: int
    outcome: str
    assessed_on: dt.datetime
    case_href: str


def gateway_outcomes_for_concern(*, user: User, concern: Concern) -> list[GatewayOutcomeView]:
    """For the concern page: the gateway outcome of each of the concern's
    police Prevent referrals, by name only (no rationale); a link to the
    Channel case for those who may open it. One query (two with a case)."""
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


def cases_visible_to(user: User) -> QuerySet[ChannelCase]:
    return scoped(user, Action.VIEW_CHANNEL_CASE, ChannelCase.objects.all())


def case_list(user: User, *, status: str = "") -> QuerySet[ChannelCase]:
    require(user, Action.VIEW_CHANNEL_CASES)
    cases = cases_visible_to(user).select_related("person", "case_officer")
    if status in CaseStatus.values:
        cases = cases.filter(status=status)
    return cases.order_by("-opened_at", "-pk")


def case_for_view(*, user: User, pk: object) -> ChannelCase:
    """A case with everything its page shows, in a fixed number of queries."""
    queryset = ChannelCase.objects.select_related(
        "person",
        "case_officer",
        "gateway_referral__referral__concern",
        "gateway_referral__previous_case",
        "closing_report__completed_by",
    ).prefetch_related(
        "safeguarding_links",
        Prefetch(
            "information_requests",
            queryset=InformationRequest.objects.select_related("agency", "answered_by").prefetch_related(
                "files"
            ),
        ),
        Prefetch(
            "assessments", queryset=VulnerabilityAssessment.objects.select_related("assessed_by", "framework")
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
    return access_case(user, pk, queryset=queryset)


def case_for(*, user: User, pk: object, action: Action) -> ChannelCase:
    """A case the user may do `action` to (404 otherwise), with its person."""
    return access_case(user, pk, action, ChannelCase.objects.select_related("person", "case_officer"))


def case_visible(*, user: User, pk: object) -> ChannelCase:
    return case_for(user=user, pk=pk, action=Action.VIEW_CHANNEL_CASE)


def case_for_manage(*, user: User, pk: object) -> ChannelCase:
    return case_for(user=user, pk=pk, action=Action.MANAGE_CHANNEL_CASE)


def intervention_for_manage(*, user: User, case_pk: object, pk: object) -> Intervention:
    case = case_for_manage(user=user, pk=case_pk)
    intervention = Intervention.objects.filter(pk=parse_pk(pk), case=case).first()
    if intervention is None:
        raise Http404
    intervention.case = case
    return intervention


def other_agencies() -> QuerySet[Organisation]:
    return Organisation.objects.filter(archived_at__isnull=True).order_by("name")


def coordinators() -> QuerySet[User]:
    """Who may be made a case officer."""
    return active_users_with_role(Role.PREVENT_COORDINATOR).order_by("full_name")


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


def providers_for_manage(user: User) -> QuerySet[ApprovedProvider]:
    """Every provider, archived last (the list the coordinator manages and
    the chair reads)."""
    require(user, Action.VIEW_APPROVED_PROVIDERS)
    return ApprovedProvider.objects.order_by("archived_at", "name")


def provider_for_archive(*, user: User, pk: object) -> ApprovedProvider:
    require(user, Action.MANAGE_APPROVED_PROVIDERS)
    return access_provider(user, pk)


# ---- Information requests ---------------------------------------------------


def information_requests_for(user: User) -> QuerySet[InformationRequest]:
    """Requests to the user's agency (all requests for a coordinator), open first."""
    require(user, Action.VIEW_INFORMATION_REQUESTS)
    requests = InformationRequest.objects.select_related("case", "agency")
    return scoped(user, Action.VIEW_INFORMATION_REQUEST, requests).order_by("-status", "due_on", "pk")


def information_request_for_view(*, user: User, pk: object) -> InformationRequest:
    queryset = InformationRequest.objects.select_related(
        "case", "agency", "sent_by", "answered_by"
    ).prefetch_related("files")
    return access_information_request(user, pk, queryset=queryset)


def response_file_of(*, request: InformationRequest, pk: object) -> ResponseFile:
    """A file of a request the user may see (404 for any other)."""
    stored = ResponseFile.objects.filter(pk=parse_pk(pk), request=request).first()
    if stored is None:
        raise Http404
    stored.request = request
    return stored


# ---- VAF --------------------------------------------------------------------


def current_framework() -> AssessmentFramework | None:
    return AssessmentFramework.objects.filter(is_current=True).order_by("-published_on", "-pk").first()


def framework_with_factors(framework: AssessmentFramework) -> list[FrameworkDimension]:
    return list(
        framework.dimensions.prefetch_related(
            Prefetch("factors", queryset=FrameworkFactor.objects.order_by("number"))
        )
    )


def assessment_for_view(*, user: User, case: ChannelCase, pk: object) -> VulnerabilityAssessment:
    """An assessment of a case the user may see (`case` came from access_case)."""
    require(user, Action.VIEW_CHANNEL_CASE, case, hide=True)
    assessment = (
        VulnerabilityAssessment.objects.filter(pk=parse_pk(pk), case=case)
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


def meetings_visible_to(user: User) -> QuerySet[PanelMeeting]:
    require(user, Action.VIEW_PANEL_MEETINGS)
    return scoped(user, Action.VIEW_PANEL_MEETING, PanelMeeting.objects.all())


def meeting_list(user: User) -> QuerySet[PanelMeeting]:
    return (
        meetings_visible_to(user)
        .annotate(item_count=Count("agenda_items", distinct=True))
        .order_by("meeting_on")
    )


def meeting_for_view(*, user: User, pk: object) -> PanelMeeting:
    queryset = PanelMeeting.objects.prefetch_related(
        Prefetch("members", queryset=User.objects.select_related("organisation").order_by("full_name")),
        Prefetch("attendance", queryset=Attendance.objects.select_related("agency")),
        Prefetch(
            "agenda_items",
            queryset=AgendaItem.objects.select_related("case__person").prefetch_related(
                Prefetch(
                    "decisions", queryset=PanelDecision.objects.select_related("recorded_by", "confirmed_by")
                )
            ),
        ),
        Prefetch("actions", queryset=PanelAction.objects.select_related("owner", "case")),
    )
    meeting = access_meeting(user, pk, queryset=queryset)
    # A restricted person's item (and actions) show to users not named on
    # the restriction only as "Restricted record" (issue 14, ADR 0017): the
    # meeting is not per-person, so its page is not guarded as a whole.
    hidden = hidden_people(user)
    for item in meeting.agenda_items.all():
        item.restricted = item.case.person_id in hidden  # type: ignore[attr-defined]
    for action in meeting.actions.all():
        action.restricted = action.case is not None and action.case.person_id in hidden  # type: ignore[attr-defined]
    return meeting


def meeting_visible(*, user: User, pk: object) -> PanelMeeting:
    return access_meeting(user, pk)


def meeting_for_manage(*, user: User, pk: object) -> PanelMeeting:
    """A meeting the user may see (404 otherwise) and run (403 otherwise)."""
    meeting = meeting_visible(user=user, pk=pk)
    require(user, Action.MANAGE_PANEL_MEETING, meeting)
    return meeting


def agenda_item_for_manage(*, user: User, meeting: PanelMeeting, pk: object) -> AgendaItem:
    require(user, Action.MANAGE_PANEL_MEETING, meeting)
    item = (
        AgendaItem.objects.filter(pk=parse_pk(pk), meeting=meeting)
        .select_related("case__person", "meeting")
        .first()
    )
    if item is None or item.case.person_id in hidden_people(user):
        raise Http404
    return item


def panel_action_of(*, meeting: PanelMeeting, pk: object) -> PanelAction:
    """An action of a meeting the user may see (404 for any other); who may
    mark it done is the service's question (MARK_PANEL_ACTION_DONE)."""
    action = PanelAction.objects.filter(pk=parse_pk(pk), meeting=meeting).select_related("meeting").first()
    if action is None:
        raise Http404
    return action


def decision_for(*, user: User, pk: object) -> PanelDecision:
    queryset = PanelDecision.objects.select_related(
        "case__person", "agenda_item__meeting", "recorded_by", "superseded_by"
    )
    return access_decision(user, pk, queryset=queryset)


def review_for_record(*, user: User, case: ChannelCase, pk: object) -> PostExitReview:
    """A post-exit review of `case` still to record (404 otherwise)."""
    return access_review(user, pk, queryset=PostExitReview.objects.filter(case=case))


def cases_for_agenda(user: User) -> QuerySet[ChannelCase]:
    return (
        cases_visible_to(user)
        .exclude(status=CaseStatus.NOT_ADOPTED)
        .select_related("person")
        .order_by("reference")
    )


def agenda_cases(user: User, meeting: PanelMeeting) -> QuerySet[ChannelCase]:
    """The cases on the meeting's agenda (for an action about one of them)."""
    return cases_for_agenda(user).filter(agenda_items__meeting=meeting)


def next_meeting(today: dt.date | None = None) -> PanelMeeting | None:
    return PanelMeeting.objects.filter(meeting_on__gte=today or clock.today()).order_by("meeting_on").first()


def upcoming_meeting_dates(today: dt.date | None = None, limit: int = 24) -> list[dt.date]:
    """The dates that already have a meeting, from today (for the schedule page)."""
    dates = PanelMeeting.objects.filter(meeting_on__gte=today or clock.today()).order_by("meeting_on")
    return list(dates.values_list("meeting_on", flat=True)[:limit])
