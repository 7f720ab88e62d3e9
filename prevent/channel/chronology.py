"""The police gateway's and Channel's entries on a person's chronology, in
the shared entry shape (prevent/concerns/chronology.py): referrals received
at the gateway and their assessment, the case opened, information requests
and answers, vulnerability assessments with what changed since the last,
panel discussions and decisions, consent, interventions, the closing
report, exit and the post-exit reviews.

Only records the user may see contribute: gateway records through their own
scopes, everything else through the cases the user may see
(VIEW_CHANNEL_CASE's scope, the same condition as its rule:
tests/test_policy_scopes.py), so a case page link is always one the reader
may open; other links (the gateway page, a panel meeting) are asked of the
policy. A fixed number of queries (one or two per kind of record), whatever
the number of records."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.text import Truncator

from prevent.concerns.chronology import ChronologyEntry, govuk_moment
from prevent.core import clock
from prevent.policy import Action, can, scoped

from .models import (
    AgendaItem,
    ClosingReport,
    ConsentRecord,
    FactorAnswer,
    GatewayAssessment,
    GatewayReferral,
    GatewaySource,
    InformationRequest,
    Intervention,
    PanelDecision,
    PanelMeeting,
    PostExitReview,
    VulnerabilityAssessment,
)
from .selectors import cases_visible_to

if TYPE_CHECKING:
    from prevent.accounts.models import User
    from prevent.people.models import Person


KINDS: dict[str, str] = {
    "gateway": "Gateway referrals and assessments",
    "case": "Channel case opened",
    "information": "Information requests and answers",
    "vaf": "Vulnerability assessments",
    "panel": "Panel discussions and decisions",
    "consent": "Consent",
    "intervention": "Interventions",
    "exit": "Exit",
    "closing_report": "Closing report",
    "review": "Post-exit reviews",
}


def _short(text: str, words: int = 25) -> str:
    return Truncator(" ".join(text.split())).words(words)


def _name(user: object) -> str:
    return str(getattr(user, "full_name", "") or "")


def _vaf_text(assessment: VulnerabilityAssessment, previous: VulnerabilityAssessment | None) -> str:
    """What the assessment says, against the case's previous one (the
    comparison selectors.factor_changes makes for one assessment)."""
    answers = list(assessment.answers.all())
    if previous is None:
        present = sum(1 for a in answers if a.rating == "present")
        return f"First vulnerability assessment: {present} of {len(answers)} factors present"
    before = {a.factor_id: a for a in previous.answers.all()}
    changes = [
        f"{Truncator(a.factor.text).words(8)} ({before[a.factor_id].get_rating_display().lower()} "
        f"to {a.get_rating_display().lower()})"
        for a in answers
        if a.factor_id in before and before[a.factor_id].rating != a.rating
    ]
    since = govuk_moment(previous.assessed_at.date())
    if not changes:
        return f"Vulnerability assessment: no factor changed since {since}"
    return f"Vulnerability assessment: changed since {since}: " + "; ".join(changes)


def channel_chronology(*, user: User, person: Person) -> list[ChronologyEntry]:
    entries: list[ChronologyEntry] = []
    cases = cases_visible_to(user).filter(person=person)
    visible = cases.values("pk")

    def case_href(case_id: int, anchor: str = "") -> str:
        return reverse("channel:case-detail", args=[case_id]) + anchor

    def add(
        when: dt.datetime | dt.date | None,
        kind: str,
        title: str,
        text: str,
        href: str,
        reference: str,
        who: str = "",
        made_at: dt.datetime | None = None,
    ) -> None:
        if when is not None:
            entries.append(ChronologyEntry(when, kind, title, text, href, reference, who, made_at))

    # The police gateway.
    referrals = scoped(
        user, Action.VIEW_GATEWAY_REFERRAL, GatewayReferral.objects.filter(person=person)
    ).select_related("referral__concern", "previous_case", "created_by")
    for g in referrals:
        if g.source == GatewaySource.EXTERNAL:
            source = f"from outside the system ({g.get_external_source_display().lower()})"
        elif g.source == GatewaySource.RE_REFERRAL and g.previous_case:
            source = f"a re-referral after {g.previous_case.reference}"
        elif g.referral:
            source = f"from the SPOC's referral of {g.referral.concern.label}"
        else:
            source = g.get_source_display().lower()
        add(
            g.created_at,
            "gateway",
            "Referral received at the gateway",
            f"Police Prevent referral {source}",
            reverse("channel:gateway-assess", args=[g.pk])
            if can(user, Action.VIEW_GATEWAY_REFERRAL, g)
            else "",
            g.reference,
            _name(g.created_by),
        )
    assessments = scoped(
        user,
        Action.VIEW_GATEWAY_ASSESSMENT,
        GatewayAssessment.objects.filter(gateway_referral__person=person),
    ).select_related("gateway_referral", "assessed_by")
    for a in assessments:
        add(
            a.assessed_at,
            "gateway",
            "Gateway assessment",
            f"Police gateway outcome: {a.get_outcome_display()}",
            reverse("channel:gateway-assess", args=[a.gateway_referral_id])
            if can(user, Action.VIEW_GATEWAY_REFERRAL, a.gateway_referral)
            else "",
            a.gateway_referral.reference,
            _name(a.assessed_by),
        )

    # The case, its exit.
    for case in cases.select_related("opened_by", "case_officer"):
        add(
            case.opened_at,
            "case",
            "Channel case opened",
            f"Channel case opened; case officer {_name(case.case_officer)}",
            case_href(case.pk),
            case.reference,
            _name(case.opened_by),
        )
        add(
            case.exited_on,
            "exit",
            "Exited Channel",
            "The case exited Channel",
            case_href(case.pk, "#exit"),
            case.reference,
            made_at=case.updated_at,  # the exit is the case's last change
        )

    # Information requests to agencies.
    requests = InformationRequest.objects.filter(case__in=visible).select_related(
        "case", "agency", "sent_by", "answered_by"
    )
    for r in requests:
        anchor = case_href(r.case_id, f"#request-{r.pk}")
        add(
            r.sent_at,
            "information",
            "Information requested",
            f"Information requested from {r.agency.name}",
            anchor,
            r.case.reference,
            _name(r.sent_by),
        )
        if r.answered_at:
            add(
                r.answered_at,
                "information",
                "Information request answered",
                f"{r.agency.name}: {r.get_response_display().lower()}",
                anchor,
                r.case.reference,
                _name(r.answered_by),
            )

    # Vulnerability assessments, each against the one before it on its case.
    vafs = (
        VulnerabilityAssessment.objects.filter(case__in=visible)
        .select_related("case", "assessed_by")
        .prefetch_related(
            Prefetch(
                "answers", queryset=FactorAnswer.objects.select_related("factor").order_by("factor__number")
            )
        )
        .order_by("case_id", "assessed_at", "pk")
    )
    previous: dict[int, VulnerabilityAssessment] = {}
    for v in vafs:
        add(
            v.assessed_at,
            "vaf",
            "Vulnerability assessment",
            _vaf_text(v, previous.get(v.case_id)),
            reverse("channel:vaf-detail", args=[v.case_id, v.pk]),
            v.case.reference,
            _name(v.assessed_by),
        )
        previous[v.case_id] = v

    # Panel discussions (meetings that have taken place) and decisions.
    today = clock.today()
    items = list(
        AgendaItem.objects.filter(case__in=visible, meeting__meeting_on__lte=today).select_related(
            "case", "meeting"
        )
    )
    # The meetings the reader may open, asked of VIEW_PANEL_MEETING's scope
    # (its rule would ask one query per meeting): one query.
    held = PanelMeeting.objects.filter(agenda_items__case__in=visible, meeting_on__lte=today)
    openable = set(scoped(user, Action.VIEW_PANEL_MEETING, held).values_list("pk", flat=True))
    for item in items:
        href = (
            reverse("channel:panel-detail", args=[item.meeting_id]) + f"#item-{item.pk}"
            if item.meeting_id in openable
            else case_href(item.case_id, "#panel")
        )
        notes = " Notes recorded." if item.notes_recorded_at else ""
        add(
            item.notes_recorded_at or item.meeting.meeting_on,
            "panel",
            "Panel discussion",
            f"Discussed at the {item.meeting} ({item.get_kind_display().lower()}).{notes}",
            href,
            item.case.reference,
        )
    decisions = PanelDecision.objects.filter(case__in=visible).select_related(
        "case", "recorded_by", "confirmed_by"
    )
    for d in decisions:
        outcome = d.get_outcome_display() + (f" ({d.other_mechanism})" if d.other_mechanism else "")
        replaced = " (later replaced)" if d.superseded_at else ""
        add(
            d.recorded_at,
            "panel",
            "Panel decision recorded",
            f"Panel decision: {outcome}{replaced}",
            case_href(d.case_id, f"#decision-{d.pk}"),
            d.case.reference,
            _name(d.recorded_by),
        )
        add(
            d.confirmed_at,
            "panel",
            "Panel decision confirmed",
            f"The chair confirmed the decision: {outcome}",
            case_href(d.case_id, f"#decision-{d.pk}"),
            d.case.reference,
            _name(d.confirmed_by),
        )

    # Consent and support.
    for c in ConsentRecord.objects.filter(case__in=visible).select_related("case", "recorded_by"):
        add(
            c.recorded_at,
            "consent",
            c.get_outcome_display(),
            f"{c.get_outcome_display()} by {c.get_given_by_display().lower()}, "
            f"{c.get_method_display().lower()}, on {govuk_moment(c.obtained_on)}",
            case_href(c.case_id, "#consent"),
            c.case.reference,
            _name(c.recorded_by),
        )
    for i in Intervention.objects.filter(case__in=visible).select_related("case", "provider", "created_by"):
        anchor = case_href(i.case_id, f"#intervention-{i.pk}")
        add(
            i.start_on,
            "intervention",
            "Support started",
            f"{i.get_type_display()}, by {i.provider.name}",
            anchor,
            i.case.reference,
            _name(i.created_by),
            i.created_at,
        )
        outcome = f": {_short(i.outcome)}" if i.outcome else ""
        add(
            i.end_on,
            "intervention",
            "Support ended",
            f"{i.get_type_display()}{outcome}",
            anchor,
            i.case.reference,
        )

    # The chair's closing report and the reviews after exit.
    for cr in ClosingReport.objects.filter(case__in=visible).select_related("case", "completed_by"):
        add(
            cr.completed_at,
            "closing_report",
            "Closing report",
            "The chair completed the closing report",
            case_href(cr.case_id, "#exit"),
            cr.case.reference,
            _name(cr.completed_by),
        )
    reviews = PostExitReview.objects.filter(case__in=visible, completed_at__isnull=False).select_related(
        "case", "completed_by", "new_referral"
    )
    for pr in reviews:
        again = f" (new referral {pr.new_referral.reference})" if pr.new_referral else ""
        add(
            pr.completed_at,
            "review",
            f"{pr.months}-month review",
            f"{pr.months}-month post-exit review: {pr.get_outcome_display()}{again}",
            case_href(pr.case_id, f"#review-{pr.pk}"),
            pr.case.reference,
            _name(pr.completed_by),
        )
    entries.sort(key=lambda e: e.moment)
    return entries
