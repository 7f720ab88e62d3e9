"""Bad input gets a clear GOV.UK error and nothing typed is lost."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from prevent.channel.models import Intervention, PanelDecision, PanelMeeting

from .conftest import adopted_case, consent_given, meeting_today, open_case

pytestmark = pytest.mark.django_db


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}


def test_end_date_before_start_date(
    people: dict[str, Any], provider: Any, client_for: Callable[..., Any]
) -> None:
    case, _ = adopted_case(people)
    consent_given(people, case)
    today = timezone.localdate()
    data = {
        "type": "diversionary",
        "provider": str(provider.pk),
        "description": "Boxing club twice a week",
        **_date("start_on", today),
        **_date("end_on", today - dt.timedelta(days=3)),
    }
    response = client_for(people["coordinator"]).post(
        reverse("channel:intervention-add", args=[case.pk]), data
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "The end date must be the same as or after the start date" in body
    assert "Boxing club twice a week" in body
    assert 'value="diversionary" selected' in body
    assert not Intervention.objects.exists()


def test_decision_for_a_meeting_not_yet_held(people: dict[str, Any], client_for: Callable[..., Any]) -> None:
    case = open_case(people)
    meeting = meeting_today(people, on=timezone.localdate() + dt.timedelta(days=10))
    from prevent.channel import services as C

    item = C.agenda_add_case(actor=people["coordinator"], meeting=meeting, case=case, kind="new_case")
    client = client_for(people["coordinator"])
    response = client.post(
        reverse("channel:decision", args=[meeting.pk, item.pk]),
        {"outcome": "adopt", "rationale": "Clear vulnerability"},
    )
    body = response.content.decode()
    assert "a meeting that has not yet taken place" in body
    assert "Clear vulnerability" in body
    assert not PanelDecision.objects.exists()
    response = client.post(reverse("channel:minutes", args=[meeting.pk]), {"minutes": "Long minutes text"})
    body = response.content.decode()
    assert "You cannot record minutes for a meeting that has not yet taken place" in body
    assert "Long minutes text" in body
    assert PanelMeeting.objects.get(pk=meeting.pk).minutes == ""
    response = client.post(reverse("channel:agenda-notes", args=[meeting.pk, item.pk]), {"notes": "My notes"})
    assert "not yet taken place" in response.content.decode()


def test_decision_without_rationale(people: dict[str, Any], client_for: Callable[..., Any]) -> None:
    case = open_case(people)
    meeting = meeting_today(people)
    from prevent.channel import services as C

    item = C.agenda_add_case(actor=people["coordinator"], meeting=meeting, case=case, kind="new_case")
    response = client_for(people["coordinator"]).post(
        reverse("channel:decision", args=[meeting.pk, item.pk]),
        {"outcome": "not_adopt", "other_mechanism": "Early help", "rationale": ""},
    )
    body = response.content.decode()
    assert "Enter the rationale for the decision" in body
    assert 'value="Early help"' in body
    assert 'value="not_adopt" checked' in body
    assert not PanelDecision.objects.exists()


def test_real_dates_only(people: dict[str, Any], client_for: Callable[..., Any]) -> None:
    case = open_case(people)
    response = client_for(people["coordinator"]).post(
        reverse("channel:case-information-request", args=[case.pk]),
        {
            "agency": str(people["health"].pk),
            "question": "Known to you?",
            "due_on_day": "31",
            "due_on_month": "2",
            "due_on_year": "2030",
        },
    )
    body = response.content.decode()
    assert "The date the answer is due must be a real date" in body
    assert "Known to you?" in body
