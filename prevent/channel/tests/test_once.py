"""A Channel create form sent twice (a double click, a resend after a slow
answer) makes one record and shows the one it made (issue 8 point 8)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from prevent.channel import services as C
from prevent.channel.models import (
    FactorAnswer,
    GatewayReferral,
    ProgressNote,
    SafeguardingLink,
    VulnerabilityAssessment,
)

from .conftest import adopted_case, consent_given, meeting_today, open_case

pytestmark = pytest.mark.django_db


def _token(client: Any, url: str) -> str:
    page = client.get(url).content.decode()
    match = re.search(r'name="once_token" value="([^"]+)"', page)
    assert match, f"{url} has no once_token"
    return match.group(1)


def _twice(client: Any, url: str, data: dict[str, Any]) -> tuple[Any, Any]:
    data = {**data, "once_token": _token(client, url)}
    return client.post(url, data), client.post(url, data)


def test_a_safeguarding_link_sent_twice_is_saved_once(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    case = open_case(people)
    client = client_for(people["coordinator"])
    url = reverse("channel:case-safeguarding-link", args=[case.pk])
    first, second = _twice(client, url, {"process": "mappa", "reference": "MAPPA-12"})
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"] == reverse("channel:case-detail", args=[case.pk])
    assert SafeguardingLink.objects.filter(case=case).count() == 1


def test_a_progress_note_sent_twice_is_saved_once(
    people: dict[str, Any], provider: Any, client_for: Callable[..., Any]
) -> None:
    case, _ = adopted_case(people)
    consent_given(people, case)
    case.refresh_from_db()
    intervention = C.intervention_add(
        actor=people["coordinator"],
        case=case,
        type="diversionary",
        provider=provider,
        description="",
        start_on=timezone.localdate(),
        review_on=None,
        end_on=None,
    )
    client = client_for(people["coordinator"])
    url = reverse("channel:intervention-progress", args=[case.pk, intervention.pk])
    first, second = _twice(client, url, {"note": "Attended both sessions"})
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert first["Location"].endswith(f"#intervention-{intervention.pk}")
    assert ProgressNote.objects.filter(intervention=intervention).count() == 1


def test_a_whole_vaf_assessment_sent_twice_is_saved_once(
    people: dict[str, Any], framework: Any, client_for: Callable[..., Any]
) -> None:
    case = open_case(people)
    client = client_for(people["coordinator"])
    url = reverse("channel:vaf-new", args=[case.pk])
    data: dict[str, str] = {"overall_judgement": "Vulnerable to grooming online"}
    for dimension in framework.dimensions.prefetch_related("factors"):
        data[f"summary_{dimension.pk}"] = f"Summary of {dimension.name}"
        for factor in dimension.factors.all():
            data[f"factor_{factor.pk}"] = "not_known"
            data[f"evidence_{factor.pk}"] = ""
    first, second = _twice(client, url, data)
    assessment = VulnerabilityAssessment.objects.get(case=case)
    assert first.status_code == second.status_code == 302
    shown = reverse("channel:vaf-detail", args=[case.pk, assessment.pk])
    assert second["Location"] == first["Location"] == shown
    assert FactorAnswer.objects.filter(assessment__case=case).count() == 22


def test_an_external_referral_sent_twice_is_logged_once(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    client = client_for(people["police"])
    url = reverse("channel:gateway-external")
    today = timezone.localdate()
    first, second = _twice(
        client,
        url,
        {
            "full_name": "Jamie Public",
            "external_source": "public",
            "summary": "Worrying posts",
            "received_on_day": str(today.day),
            "received_on_month": str(today.month),
            "received_on_year": str(today.year),
        },
    )
    assert second["Location"] == first["Location"]
    assert GatewayReferral.objects.count() == 1


def _create_pages(people: dict[str, Any], provider: Any) -> list[tuple[str, Any]]:
    """Every Channel page whose form creates a record, and who uses it."""
    case, meeting = adopted_case(people)
    consent_given(people, case)
    case.refresh_from_db()
    intervention = C.intervention_add(
        actor=people["coordinator"],
        case=case,
        type="diversionary",
        provider=provider,
        description="",
        start_on=timezone.localdate(),
        review_on=None,
        end_on=None,
    )
    request = C.information_request_send(
        actor=people["coordinator"],
        case=case,
        agency=people["health"],
        question="Known?",
        due_on=timezone.localdate() + dt.timedelta(days=3),
    )
    item = meeting.agenda_items.get()
    decision = case.decisions.get()
    gateway = C.gateway_log_external_referral(
        actor=people["police"],
        person=C.ExternalPerson("Jamie Public"),
        external_source="public",
        external_detail="",
        summary="s",
        received_on=timezone.localdate(),
    )
    coordinator, police, chair = people["coordinator"], people["police"], people["chair"]
    later = meeting_today(people, on=timezone.localdate() + dt.timedelta(days=3))
    return [
        (reverse("channel:gateway-external"), police),
        (reverse("channel:gateway-assess", args=[gateway.pk]), police),
        (reverse("channel:case-safeguarding-link", args=[case.pk]), coordinator),
        (reverse("channel:case-information-request", args=[case.pk]), coordinator),
        (reverse("channel:information-request", args=[request.pk]), people["member"]),
        (reverse("channel:consent", args=[case.pk]), coordinator),
        (reverse("channel:intervention-add", args=[case.pk]), coordinator),
        (reverse("channel:intervention-progress", args=[case.pk, intervention.pk]), coordinator),
        (reverse("channel:providers"), coordinator),
        (reverse("channel:panel-schedule"), coordinator),
        (reverse("channel:panel-detail", args=[later.pk]), coordinator),
        (reverse("channel:agenda-add", args=[later.pk]), coordinator),
        (reverse("channel:attendance", args=[meeting.pk]), coordinator),
        (reverse("channel:decision", args=[meeting.pk, item.pk]), coordinator),
        (reverse("channel:decision-supersede", args=[decision.pk]), chair),
        (reverse("channel:action-add", args=[meeting.pk]), coordinator),
    ]


def test_every_create_form_carries_a_once_token(
    people: dict[str, Any], provider: Any, framework: Any, client_for: Callable[..., Any]
) -> None:
    pages = _create_pages(people, provider)
    case = open_case(people)
    pages.append((reverse("channel:vaf-new", args=[case.pk]), people["coordinator"]))
    for url, user in pages:
        _token(client_for(user), url)
