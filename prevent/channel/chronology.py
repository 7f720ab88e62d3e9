"""Channel steps on a person's chronology, in the concerns chronology's entry
shape. Only cases the user may see contribute; one query per kind of record."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.urls import reverse

from prevent.concerns.selectors import ChronologyEntry
from prevent.policy import Action, scoped

from .models import (
    ClosingReport,
    ConsentRecord,
    GatewayAssessment,
    InformationRequest,
    Intervention,
    PanelDecision,
    PostExitReview,
    VulnerabilityAssessment,
)
from .selectors import cases_visible_to

if TYPE_CHECKING:
    from prevent.accounts.models import User
    from prevent.people.models import Person


def channel_chronology(*, user: User, person: Person) -> list[ChronologyEntry]:
    cases = cases_visible_to(user).filter(person=person)
    entries: list[ChronologyEntry] = []
    for case in cases.select_related("gateway_referral"):
        href = reverse("channel:case-detail", args=[case.pk])
        entries.append(
            ChronologyEntry(case.opened_at, "Channel", "Channel case opened", href, case.reference)
        )
        if case.exited_on:
            entries.append(
                ChronologyEntry(case.exited_on, "Channel", "Exited Channel", href + "#exit", case.reference)
            )
    visible = cases.values("pk")
    gateway = scoped(
        user,
        Action.VIEW_GATEWAY_ASSESSMENT,
        GatewayAssessment.objects.filter(gateway_referral__person=person),
    ).select_related("gateway_referral__channel_case")
    for a in gateway:
        entries.append(
            ChronologyEntry(
                a.assessed_at,
                "Gateway",
                f"Police gateway outcome: {a.get_outcome_display()}",
                reverse("channel:gateway-assess", args=[a.gateway_referral_id]),
                a.gateway_referral.reference,
            )
        )

    def case_entry(
        when: dt.datetime | dt.date | None, kind: str, text: str, case_id: int, ref: str, anchor: str
    ) -> None:
        if when is None:  # the queries leave these out; kept for the type
            return
        entries.append(
            ChronologyEntry(when, kind, text, reverse("channel:case-detail", args=[case_id]) + anchor, ref)
        )

    for r in InformationRequest.objects.filter(case__in=visible).select_related("case", "agency"):
        case_entry(
            r.sent_at,
            "Channel",
            f"Information requested from {r.agency.name}",
            r.case_id,
            r.case.reference,
            f"#request-{r.pk}",
        )
        if r.answered_at:
            case_entry(
                r.answered_at,
                "Channel",
                f"{r.agency.name}: {r.get_response_display().lower()}",
                r.case_id,
                r.case.reference,
                f"#request-{r.pk}",
            )
    for v in VulnerabilityAssessment.objects.filter(case__in=visible).select_related("case"):
        entries.append(
            ChronologyEntry(
                v.assessed_at,
                "Channel",
                "Vulnerability assessment recorded",
                reverse("channel:vaf-detail", args=[v.case_id, v.pk]),
                v.case.reference,
            )
        )
    for d in PanelDecision.objects.filter(case__in=visible, confirmed_at__isnull=False).select_related(
        "case"
    ):
        case_entry(
            d.confirmed_at,
            "Channel",
            f"Panel decision: {d.get_outcome_display()}",
            d.case_id,
            d.case.reference,
            f"#decision-{d.pk}",
        )
    for c in ConsentRecord.objects.filter(case__in=visible).select_related("case"):
        case_entry(c.recorded_at, "Channel", c.get_outcome_display(), c.case_id, c.case.reference, "#consent")
    for i in Intervention.objects.filter(case__in=visible).select_related("case"):
        case_entry(
            i.start_on,
            "Channel",
            f"Support started: {i.get_type_display()}",
            i.case_id,
            i.case.reference,
            f"#intervention-{i.pk}",
        )
    for cr in ClosingReport.objects.filter(case__in=visible).select_related("case"):
        case_entry(
            cr.completed_at,
            "Channel",
            "Closing report completed by the chair",
            cr.case_id,
            cr.case.reference,
            "#exit",
        )
    for pr in PostExitReview.objects.filter(case__in=visible, completed_at__isnull=False).select_related(
        "case"
    ):
        case_entry(
            pr.completed_at,
            "Channel",
            f"{pr.months}-month review: {pr.get_outcome_display()}",
            pr.case_id,
            pr.case.reference,
            f"#review-{pr.pk}",
        )
    return entries
