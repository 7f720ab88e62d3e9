"""Every Channel page that shows a person's identity records one audited
read per request, and only once access is granted: a refused or missing
record (404) leaves no read event."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from prevent.audit.models import AuditEvent
from prevent.channel import services as C
from prevent.channel.models import GatewayReferral

from .conftest import open_case, police_referral

pytestmark = pytest.mark.django_db

NAME = "Jamie Quillfeather"


def _get(client: Client, url: str) -> tuple[Any, list[AuditEvent]]:
    """The response and the audit events its request recorded."""
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = client.get(url)
    return response, list(AuditEvent.objects.filter(id__gt=last).order_by("id"))


def _external(people: dict[str, Any]) -> GatewayReferral:
    return C.gateway_log_external_referral(
        actor=people["police"],
        person=C.ExternalPerson(NAME),
        external_source="public",
        external_detail="",
        summary="Worrying posts",
        received_on=timezone.localdate(),
    )


def test_gateway_assessment_page_records_one_read(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    gateway = _external(people)
    response, events = _get(
        client_for(people["police"]), reverse("channel:gateway-assess", args=[gateway.pk])
    )
    assert response.status_code == 200
    assert NAME in response.content.decode()
    assert [(e.action, e.object_id, e.actor_id) for e in events] == [
        ("channel_gateway_referral_viewed", str(gateway.pk), people["police"].pk)
    ]
    assert gateway.reference in events[0].summary
    assert NAME not in events[0].summary


def test_gateway_assessment_page_records_a_read_when_redisplayed_with_errors(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    gateway = _external(people)
    client = client_for(people["police"])
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = client.post(reverse("channel:gateway-assess", args=[gateway.pk]), {"rationale": "Typed"})
    assert response.status_code == 200
    assert NAME in response.content.decode()
    actions = list(AuditEvent.objects.filter(id__gt=last).values_list("action", flat=True))
    assert actions == ["channel_gateway_referral_viewed"]


def test_gateway_page_opened_from_a_referral_records_one_read(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    referral = police_referral(people)
    person = referral.concern.person
    assert person is not None
    response, events = _get(
        client_for(people["police"]), reverse("channel:gateway-assess-concern", args=[referral.pk])
    )
    assert response.status_code == 200
    assert person.full_name in response.content.decode()
    assert [(e.action, e.object_type, e.object_id) for e in events] == [
        ("channel_gateway_referral_viewed", "concerns.referral", str(referral.pk))
    ]
    assert person.full_name not in events[0].summary


def test_gateway_page_opened_from_a_referral_keeps_the_read_when_the_assessment_is_refused(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    """The failed assessment is rolled back; the read of the page is not."""
    referral = police_referral(people)
    client = client_for(people["police"])
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = client.post(
        reverse("channel:gateway-assess-concern", args=[referral.pk]),
        {"checks": ["police_systems"], "outcome": "channel", "rationale": "Vulnerable"},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not GatewayReferral.objects.exists()
    actions = list(AuditEvent.objects.filter(id__gt=last).values_list("action", flat=True))
    assert actions == ["channel_gateway_referral_viewed"]


def test_missing_gateway_referral_leaves_no_read(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    response, events = _get(client_for(people["police"]), reverse("channel:gateway-assess", args=[999]))
    assert response.status_code == 404
    assert events == []


def test_gateway_page_refused_to_a_panel_member_leaves_no_read(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    gateway = _external(people)
    response, events = _get(
        client_for(people["member"]), reverse("channel:gateway-assess", args=[gateway.pk])
    )
    assert response.status_code == 404
    assert events == []


def test_case_list_records_one_read_naming_the_cases_not_the_people(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    first, second = open_case(people), open_case(people)
    response, events = _get(client_for(people["coordinator"]), reverse("channel:case-list"))
    assert response.status_code == 200
    assert first.person.full_name in response.content.decode()
    assert len(events) == 1
    event = events[0]
    assert event.action == "channel_case_list_viewed"
    assert event.actor_id == people["coordinator"].pk
    assert "2 shown" in event.summary
    assert sorted(event.changes["cases_shown"]["after"]) == sorted([first.reference, second.reference])
    assert first.person.full_name not in event.summary
    assert first.person.full_name not in str(event.changes)


def test_case_list_read_says_which_filter_was_used(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    open_case(people)
    response, events = _get(
        client_for(people["coordinator"]), reverse("channel:case-list") + "?status=exited"
    )
    assert response.status_code == 200
    assert [e.action for e in events] == ["channel_case_list_viewed"]
    assert "0 shown, status exited" in events[0].summary
    assert events[0].changes["cases_shown"]["after"] == []


def test_case_list_refused_leaves_no_read(people: dict[str, Any], client_for: Callable[..., Any]) -> None:
    open_case(people)
    response, events = _get(client_for(people["spoc"]), reverse("channel:case-list"))
    assert response.status_code == 403
    assert events == []


def test_vaf_page_of_another_case_is_404_without_a_read(
    people: dict[str, Any], framework: Any, client_for: Callable[..., Any]
) -> None:
    """Regression: the VAF page recorded 'Viewed Channel case' before it
    checked that the assessment belongs to the case."""
    case, other = open_case(people), open_case(people)
    dims = list(framework.dimensions.prefetch_related("factors"))
    assessment = C.vaf_record_assessment(
        actor=people["coordinator"],
        case=other,
        framework=framework,
        ratings={f.pk: ("present", "e") for d in dims for f in d.factors.all()},
        summaries={d.pk: "s" for d in dims},
        overall_judgement="j",
    )
    client = client_for(people["coordinator"])
    response, events = _get(client, reverse("channel:vaf-detail", args=[case.pk, assessment.pk]))
    assert response.status_code == 404
    assert events == []
    response, events = _get(client, reverse("channel:vaf-detail", args=[other.pk, assessment.pk]))
    assert response.status_code == 200
    assert [(e.action, e.object_id) for e in events] == [("channel_case_viewed", str(other.pk))]
