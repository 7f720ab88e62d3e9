"""The "Your work" lists of the home page for Channel roles, for the lead to
wire in. Each returns at most LIMIT items per list from a bounded number of
queries, shaped as the concerns app's WorkItem."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Count, QuerySet
from django.urls import reverse

from prevent.concerns.work import LIMIT, WorkItem
from prevent.core import clock
from prevent.policy import Action, can, scoped

from .models import (
    AgendaItem,
    CaseStatus,
    ChannelCase,
    InformationRequest,
    Intervention,
    PanelAction,
    PanelDecision,
    PanelMeeting,
    PostExitReview,
    RequestStatus,
)
from .selectors import concern_referrals_awaiting_gateway, gateway_referrals_awaiting

if TYPE_CHECKING:
    import datetime as dt

    from prevent.accounts.models import User


def _date(value: dt.date) -> str:
    return f"{value:%-d %B %Y}"


CLOSED = [CaseStatus.EXITED, CaseStatus.NOT_ADOPTED]


def _meeting_items(meetings: list[Any]) -> list[WorkItem]:
    """Meetings annotated with agenda_count."""
    return [
        WorkItem(
            f"Channel Panel {_date(m.meeting_on)}",
            reverse("channel:panel-detail", args=[m.pk]),
            "Agenda ready" if m.agenda_count else "No agenda yet",
            f"{m.agenda_count} case(s) on the agenda",
        )
        for m in meetings
    ]


def upcoming_meetings(user: User, *, limit: int = 3) -> list[WorkItem]:
    """The next panel meetings the user may see, with the size of their agenda (1 query)."""
    meetings = scoped(
        user, Action.VIEW_PANEL_MEETING, PanelMeeting.objects.filter(meeting_on__gte=clock.today())
    ).annotate(agenda_count=Count("agenda_items"))
    return _meeting_items(list(meetings.order_by("meeting_on", "pk")[:limit]))


def coordinator_items(user: User) -> dict[str, list[WorkItem]]:
    """Cases the user officers, answered and overdue information requests,
    actions due, interventions to review, post-exit reviews due or overdue,
    cases awaiting consent or a closing report, and the coming panels
    (9 queries)."""
    lists: dict[str, list[WorkItem]] = {
        "cases": [],
        "requests_answered": [],
        "interventions_to_review": [],
        "upcoming_panels": [],
        "requests_overdue": [],
        "actions_due": [],
        "reviews_due": [],
        "awaiting_consent": [],
        "awaiting_closing_report": [],
    }
    if not can(user, Action.MANAGE_CHANNEL_CASES):
        return lists
    today = clock.today()
    officered = scoped(
        user,
        Action.VIEW_CHANNEL_CASE,
        ChannelCase.objects.filter(case_officer=user).exclude(status__in=CLOSED),
    )
    for c in officered.order_by("-updated_at", "pk")[:LIMIT]:
        lists["cases"].append(
            WorkItem(
                c.reference,
                reverse("channel:case-detail", args=[c.pk]),
                c.get_status_display(),
                f"Updated {_date(c.updated_at)}",
            )
        )
    answered = scoped(
        user,
        Action.VIEW_INFORMATION_REQUEST,
        InformationRequest.objects.filter(
            status=RequestStatus.ANSWERED, answered_at__date__gte=today - timedelta(days=14)
        ),
    ).select_related("case", "agency")
    for r in answered.order_by("-answered_at", "pk")[:LIMIT]:
        lists["requests_answered"].append(
            WorkItem(
                f"{r.case.reference}: {r.agency.name} answered",
                reverse("channel:information-request", args=[r.pk]),
                "Answered: read it",
                f"Answered {_date(r.answered_at)}" if r.answered_at else "",
            )
        )
    to_review = scoped(
        user,
        Action.MANAGE_CHANNEL_CASE,
        ChannelCase.objects.filter(status=CaseStatus.SUPPORT),
    ).values("pk")
    interventions = Intervention.objects.filter(
        case__in=to_review, end_on__isnull=True, review_on__lte=today + timedelta(days=7)
    ).select_related("case")
    for iv in interventions.order_by("review_on", "pk")[:LIMIT]:
        review_on = iv.review_on or today
        lists["interventions_to_review"].append(
            WorkItem(
                f"{iv.case.reference}: review the {iv.get_type_display().lower()}",
                reverse("channel:intervention-progress", args=[iv.case_id, iv.pk]),
                "Overdue" if review_on < today else "Review due",
                f"Review by {_date(review_on)}",
                review_on < today,
            )
        )
    lists["upcoming_panels"] = upcoming_meetings(user)
    overdue = scoped(
        user,
        Action.VIEW_INFORMATION_REQUEST,
        InformationRequest.objects.filter(status=RequestStatus.SENT, due_on__lt=today),
    ).select_related("case", "agency")
    for r in overdue.order_by("due_on", "pk")[:LIMIT]:
        lists["requests_overdue"].append(
            WorkItem(
                f"{r.case.reference}: information from {r.agency.name}",
                reverse("channel:case-detail", args=[r.case_id]) + f"#request-{r.pk}",
                "Overdue",
                f"Due {_date(r.due_on)}",
                True,
            )
        )
    horizon = today + timedelta(days=14)
    actions = scoped(
        user,
        Action.MARK_PANEL_ACTION_DONE,
        PanelAction.objects.filter(done_at__isnull=True, due_on__lte=horizon),
    ).select_related("owner", "case")
    for a in actions.order_by("due_on", "pk")[:LIMIT]:
        lists["actions_due"].append(
            WorkItem(
                f"Action{' on ' + a.case.reference if a.case else ''} ({a.owner.full_name})",
                reverse("channel:panel-detail", args=[a.meeting_id]) + f"#action-{a.pk}",
                "Overdue" if a.is_overdue(today) else "Due",
                f"Due {_date(a.due_on)}",
                a.is_overdue(today),
            )
        )
    reviews = scoped(
        user,
        Action.RECORD_POST_EXIT_REVIEW,
        PostExitReview.objects.filter(due_on__lte=today + timedelta(days=31)),
    )
    for rv in reviews.select_related("case").order_by("due_on", "pk")[:LIMIT]:
        lists["reviews_due"].append(
            WorkItem(
                f"{rv.case.reference}: {rv.months}-month post-exit review",
                reverse("channel:review-record", args=[rv.case_id, rv.pk]),
                "Overdue" if rv.is_overdue(today) else "Due",
                f"Due {_date(rv.due_on)}",
                rv.is_overdue(today),
            )
        )
    waiting = scoped(
        user,
        Action.MANAGE_CHANNEL_CASE,
        ChannelCase.objects.filter(status__in=[CaseStatus.AWAITING_CONSENT, CaseStatus.EXIT_RECOMMENDED]),
    )
    for c in waiting.order_by("updated_at", "pk")[:LIMIT]:
        key = "awaiting_consent" if c.status == CaseStatus.AWAITING_CONSENT else "awaiting_closing_report"
        lists[key].append(
            WorkItem(
                c.reference,
                reverse("channel:case-detail", args=[c.pk]),
                c.get_status_display(),
                f"Since {_date(c.updated_at)}",
            )
        )
    return lists


def _gateway_due(received: dt.date, expected: dt.date | None) -> dt.date:
    """When no response date was agreed, the gateway assessment is expected
    within PREVENT_GATEWAY_DUE_DAYS of the referral (a local target the
    partnership confirms; shown so the oldest is done first)."""
    return expected or received + timedelta(days=settings.PREVENT_GATEWAY_DUE_DAYS)


def police_cases(user: User) -> list[WorkItem]:
    """The open Channel cases police Prevent may see, most recent first (1 query)."""
    if not can(user, Action.VIEW_CHANNEL_CASES):
        return []
    cases = scoped(user, Action.VIEW_CHANNEL_CASE, ChannelCase.objects.exclude(status__in=CLOSED))
    return [
        WorkItem(c.reference, reverse("channel:case-detail", args=[c.pk]), c.get_status_display())
        for c in cases.order_by("-updated_at", "pk")[:LIMIT]
    ]


def police_items(user: User) -> list[WorkItem]:
    """The gateway queue, oldest first, with waiting time and the date the
    assessment is due (2 queries)."""
    if not can(user, Action.ASSESS_GATEWAY_REFERRALS):
        return []
    today = clock.today()
    items = [
        WorkItem(
            f"Referral from concern {r.concern.reference}",
            reverse("channel:gateway-assess-concern", args=[r.pk]),
            "Overdue" if _gateway_due(r.sent_on, r.expected_response_on) < today else "Assess it",
            f"Waiting {(today - r.sent_on).days} day(s); "
            f"due {_date(_gateway_due(r.sent_on, r.expected_response_on))}",
            _gateway_due(r.sent_on, r.expected_response_on) < today,
        )
        for r in concern_referrals_awaiting_gateway(user)[:LIMIT]
    ]
    items += [
        WorkItem(
            g.reference,
            reverse("channel:gateway-assess", args=[g.pk]),
            "Overdue" if _gateway_due(g.received_on, None) < today else "Assess it",
            f"{g.get_source_display()}: waiting {(today - g.received_on).days} day(s); "
            f"due {_date(_gateway_due(g.received_on, None))}",
            _gateway_due(g.received_on, None) < today,
        )
        for g in gateway_referrals_awaiting(user)[:LIMIT]
    ]
    return items[:LIMIT]


def decisions_to_confirm(user: User) -> QuerySet[PanelDecision]:
    """The panel decisions waiting for the user's confirmation (the chair's
    list on "Your work" and the count in the navigation)."""
    if not can(user, Action.CONFIRM_PANEL_DECISIONS):
        return PanelDecision.objects.none()
    return scoped(user, Action.CONFIRM_PANEL_DECISION, PanelDecision.objects.all())


def requests_to_answer(user: User) -> QuerySet[InformationRequest]:
    """The information requests the user may answer for their agency (the
    member's list on "Your work" and the count in the navigation)."""
    return scoped(user, Action.ANSWER_INFORMATION_REQUEST, InformationRequest.objects.all())


def chair_items(user: User) -> dict[str, list[WorkItem]]:
    """Decisions to confirm, closing reports to complete and the next panel (3 queries)."""
    lists: dict[str, list[WorkItem]] = {"decisions_to_confirm": [], "closing_reports": [], "next_panel": []}
    if not can(user, Action.CONFIRM_PANEL_DECISIONS):
        return lists
    lists["next_panel"] = upcoming_meetings(user, limit=1)
    pending = decisions_to_confirm(user).select_related("case", "agenda_item__meeting")
    for d in pending.order_by("recorded_at", "pk")[:LIMIT]:
        lists["decisions_to_confirm"].append(
            WorkItem(
                f"{d.case.reference}: {d.get_outcome_display()}",
                reverse("channel:decision-confirm", args=[d.pk]),
                "Awaiting your confirmation",
                f"Meeting {_date(d.agenda_item.meeting.meeting_on)}",
            )
        )
    exits = scoped(
        user, Action.COMPLETE_CLOSING_REPORT, ChannelCase.objects.filter(closing_report__isnull=True)
    )
    for c in exits.order_by("updated_at", "pk")[:LIMIT]:
        lists["closing_reports"].append(
            WorkItem(
                c.reference, reverse("channel:closing-report", args=[c.pk]), "Closing report to complete"
            )
        )
    return lists


def member_items(user: User) -> dict[str, list[WorkItem]]:
    """Information requests to the user's agency awaiting their answer, and
    the cases on the next panels they sit on (2 queries)."""
    lists: dict[str, list[WorkItem]] = {"information_requests": [], "next_panels": []}
    today = clock.today()
    for r in requests_to_answer(user).select_related("case").order_by("due_on", "pk")[:LIMIT]:
        lists["information_requests"].append(
            WorkItem(
                f"Information request on {r.case.reference}",
                reverse("channel:information-request", args=[r.pk]),
                "Overdue" if r.is_overdue(today) else "Awaiting your answer",
                f"Due {_date(r.due_on)}",
                r.is_overdue(today),
            )
        )
    items = AgendaItem.objects.filter(meeting__members=user, meeting__meeting_on__gte=today).select_related(
        "case", "meeting"
    )
    for i in items.order_by("meeting__meeting_on", "pk")[:LIMIT]:
        lists["next_panels"].append(
            WorkItem(
                f"{i.case.reference}: {i.get_kind_display()}",
                reverse("channel:panel-detail", args=[i.meeting_id]) + f"#item-{i.pk}",
                f"Panel {_date(i.meeting.meeting_on)}",
            )
        )
    return lists
