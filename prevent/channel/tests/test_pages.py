"""Every Channel page renders for the roles that use it, with the whole
path walked through the services first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from pypdf import PdfReader

from prevent.channel import services as C
from prevent.channel.models import DecisionOutcome, GatewayReferral

from .conftest import adopted_case, consent_given, decide, police_referral

pytestmark = pytest.mark.django_db


def test_pages_render(
    people: dict[str, Any], framework: Any, provider: Any, client_for: Callable[..., Any]
) -> None:
    import datetime as dt
    import io

    from django.utils import timezone

    case, meeting = adopted_case(people)
    consent_given(people, case)
    case.refresh_from_db()
    today = timezone.localdate()
    intervention = C.intervention_add(
        actor=people["coordinator"],
        case=case,
        type="diversionary",
        provider=provider,
        description="Football",
        start_on=today,
        review_on=None,
        end_on=None,
    )
    request = C.information_request_send(
        actor=people["coordinator"],
        case=case,
        agency=people["health"],
        question="Known?",
        due_on=today + dt.timedelta(days=2),
    )
    C.agenda_record_notes(
        actor=people["coordinator"], item=meeting.agenda_items.get(), notes="Discussed well"
    )
    C.meeting_record_minutes(actor=people["coordinator"], meeting=meeting, minutes="Quorate meeting")
    C.action_add(
        actor=people["coordinator"],
        meeting=meeting,
        case=case,
        description="Call school",
        owner=people["member"],
        due_on=today,
    )
    C.attendance_record(
        actor=people["coordinator"],
        meeting=meeting,
        agency=people["health"],
        representative="Mo Member",
        status="present",
    )
    dims = list(framework.dimensions.prefetch_related("factors"))
    assessment = C.vaf_record_assessment(
        actor=people["coordinator"],
        case=case,
        framework=framework,
        ratings={f.pk: ("present", "e") for d in dims for f in d.factors.all()},
        summaries={d.pk: "s" for d in dims},
        overall_judgement="j",
    )
    external = C.gateway_log_external_referral(
        actor=people["police"],
        person=C.ExternalPerson("Jamie Public"),
        external_source="public",
        external_detail="",
        summary="Posts",
        received_on=today,
    )
    referral = police_referral(people)
    coordinator = client_for(people["coordinator"])
    pages = [
        "channel:case-list",
        "channel:panel-list",
        "channel:panel-schedule",
        "channel:information-requests",
        "channel:providers",
        "channel:gateway-queue",
    ]
    for name in pages:
        assert coordinator.get(reverse(name)).status_code == 200, name
    for name, args in [
        ("channel:case-detail", [case.pk]),
        ("channel:case-safeguarding-link", [case.pk]),
        ("channel:case-information-request", [case.pk]),
        ("channel:vaf-new", [case.pk]),
        ("channel:vaf-detail", [case.pk, assessment.pk]),
        ("channel:consent", [case.pk]),
        ("channel:intervention-add", [case.pk]),
        ("channel:intervention-progress", [case.pk, intervention.pk]),
        ("channel:intervention-end", [case.pk, intervention.pk]),
        ("channel:information-request", [request.pk]),
        ("channel:panel-detail", [meeting.pk]),
        ("channel:panel-members", [meeting.pk]),
        ("channel:agenda-add", [meeting.pk]),
        ("channel:attendance", [meeting.pk]),
        ("channel:minutes", [meeting.pk]),
        ("channel:action-add", [meeting.pk]),
        ("channel:agenda-notes", [meeting.pk, meeting.agenda_items.get().pk]),
        ("channel:decision", [meeting.pk, meeting.agenda_items.get().pk]),
        ("channel:decision-supersede", [case.decisions.get().pk]),
        ("channel:gateway-assess", [external.pk]),
    ]:
        response = coordinator.get(reverse(name, args=args))
        assert response.status_code == 200, name
    police = client_for(people["police"])
    assert police.get(reverse("channel:gateway-assess-concern", args=[referral.pk])).status_code == 200
    assert (
        "Referral from concern"
        in police.get(reverse("channel:gateway-assess-concern", args=[referral.pk])).content.decode()
    )

    pdf = coordinator.get(reverse("channel:minutes-pdf", args=[meeting.pk]))
    assert pdf["Content-Security-Policy"] == "default-src 'none'; sandbox"
    filename = f"channel-panel-{meeting.meeting_on:%Y-%m-%d}.pdf"
    assert pdf["Content-Disposition"] == f'attachment; filename="{filename}"'
    body = b"".join(pdf.streaming_content)  # type: ignore[attr-defined]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    assert "Quorate meeting" in text and case.reference in text and "Adopt as a Channel case" in text

    case = decide(people, meeting, case, DecisionOutcome.EXIT)
    chair = client_for(people["chair"])
    assert chair.get(reverse("channel:closing-report", args=[case.pk])).status_code == 200
    C.closing_report_complete(actor=people["chair"], case=case, evidence="Reduced")
    assert chair.get(reverse("channel:case-exit", args=[case.pk])).status_code == 200
    C.case_exit(actor=people["chair"], case=case)
    review = case.post_exit_reviews.get(months=6)
    assert coordinator.get(reverse("channel:review-record", args=[case.pk, review.pk])).status_code == 200
    body = coordinator.get(reverse("channel:case-detail", args=[case.pk])).content.decode()
    assert "6-month review" in body and "12-month review" in body
    assert GatewayReferral.objects.count() == 2  # the third joins the gateway when assessed


def test_the_concern_page_shows_the_gateway_outcome_panel(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    referral = police_referral(people)
    url = reverse("concerns:detail", args=[referral.concern_id])
    assert 'id="gateway-outcomes"' not in client_for(people["spoc"]).get(url).content.decode()
    gateway = C.gateway_referral_from_concern(actor=people["police"], referral=referral)
    C.gateway_record_assessment(
        actor=people["police"],
        gateway_referral=gateway,
        checks=["police_systems"],
        checks_notes="",
        outcome="signposted",
        signposted_to="Early help",
        rationale="Secret police rationale",
        case_officer=None,
    )
    body = client_for(people["spoc"]).get(url).content.decode()
    assert 'id="gateway-outcomes"' in body
    assert "Signposted to other services" in body
    assert "Secret police rationale" not in body
    assert "Open the Channel case" not in body
