"""The Channel routes that only the anonymous walk used to reach (issue 9):
each one used by the role it is for, and refused to one it is not for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from prevent.audit.models import AuditEvent
from prevent.channel import services as C
from prevent.channel.models import AgendaItem, ApprovedProvider, CaseStatus, PanelAction, PanelDecision

from .conftest import meeting_today, open_case

pytestmark = pytest.mark.django_db


def test_build_agenda(people: dict[str, Any], client_for: Callable[..., Any]) -> None:
    case = open_case(people)
    meeting = meeting_today(people)
    url = reverse("channel:panel-build-agenda", args=[meeting.pk])
    assert client_for(people["member"]).post(url).status_code == 403
    assert not AgendaItem.objects.exists()
    response = client_for(people["coordinator"]).post(url)
    assert response.status_code == 302
    assert AgendaItem.objects.get(meeting=meeting).case == case


def test_remove_from_the_agenda(people: dict[str, Any], client_for: Callable[..., Any]) -> None:
    case = open_case(people)
    meeting = meeting_today(people)
    item = C.agenda_add_case(actor=people["coordinator"], meeting=meeting, case=case, kind="new_case")
    url = reverse("channel:agenda-remove", args=[meeting.pk, item.pk])
    assert client_for(people["member"]).post(url).status_code == 403
    assert client_for(people["coordinator"]).post(url).status_code == 302
    assert not AgendaItem.objects.exists()
    assert client_for(people["coordinator"]).post(url).status_code == 404


def test_mark_an_action_done(people: dict[str, Any], client_for: Callable[..., Any]) -> None:
    meeting = meeting_today(people)
    action = C.action_add(
        actor=people["coordinator"],
        meeting=meeting,
        case=None,
        description="Call school",
        owner=people["chair"],
        due_on=timezone.localdate(),
    )
    url = reverse("channel:action-done", args=[meeting.pk, action.pk])
    assert client_for(people["member"]).post(url).status_code == 403  # sits on the panel, not the owner
    assert client_for(people["outsider"]).post(url).status_code == 404  # not on this panel
    assert client_for(people["chair"]).post(url).status_code == 302
    assert PanelAction.objects.get(pk=action.pk).done_by == people["chair"]


def test_confirm_a_decision(people: dict[str, Any], client_for: Callable[..., Any]) -> None:
    case = open_case(people)
    meeting = meeting_today(people)
    C.agenda_add_case(actor=people["coordinator"], meeting=meeting, case=case, kind="new_case")
    decision = C.decision_record(
        actor=people["coordinator"],
        meeting=meeting,
        case=case,
        outcome="adopt",
        other_mechanism="",
        rationale="R",
    )
    url = reverse("channel:decision-confirm", args=[decision.pk])
    assert client_for(people["coordinator"]).post(url).status_code == 403
    assert client_for(people["spoc"]).get(url).status_code == 404
    assert client_for(people["chair"]).get(url).status_code == 200
    assert client_for(people["chair"]).post(url).status_code == 302
    assert PanelDecision.objects.get(pk=decision.pk).confirmed_by == people["chair"]
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_CONSENT


def test_archive_a_provider(people: dict[str, Any], provider: Any, client_for: Callable[..., Any]) -> None:
    url = reverse("channel:provider-archive", args=[provider.pk])
    assert client_for(people["chair"]).post(url).status_code == 403
    assert client_for(people["coordinator"]).post(url).status_code == 302
    assert ApprovedProvider.objects.get(pk=provider.pk).archived_at is not None
    assert client_for(people["coordinator"]).post(url).status_code == 404  # already archived


def test_download_a_response_file(people: dict[str, Any], client_for: Callable[..., Any]) -> None:
    case = open_case(people)
    request = C.information_request_send(
        actor=people["coordinator"],
        case=case,
        agency=people["health"],
        question="Known?",
        due_on=timezone.localdate() + dt.timedelta(days=3),
    )
    C.information_request_answer(
        actor=people["member"],
        request=request,
        response="information_provided",
        text="See the letter",
        uploads=[SimpleUploadedFile("letter.txt", b"Seen twice in 2025\n")],
    )
    stored = request.files.get()
    assert stored.content_type == "text/plain" and len(stored.sha256) == 64
    url = reverse("channel:response-file", args=[request.pk, stored.pk])
    assert client_for(people["outsider"]).get(url).status_code == 404
    response = client_for(people["coordinator"]).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Seen twice in 2025\n"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"
    assert AuditEvent.objects.filter(
        action="channel_response_file_downloaded", actor=people["coordinator"]
    ).exists()
    other = reverse("channel:response-file", args=[request.pk, stored.pk + 1])
    assert client_for(people["coordinator"]).get(other).status_code == 404


def test_set_the_panel_members(people: dict[str, Any], client_for: Callable[..., Any]) -> None:
    meeting = meeting_today(people)
    url = reverse("channel:panel-members", args=[meeting.pk])
    assert client_for(people["member"]).post(url, {"members": [people["outsider"].pk]}).status_code == 403
    response = client_for(people["chair"]).post(url, {"members": [people["outsider"].pk, people["chair"].pk]})
    assert response.status_code == 302
    assert set(meeting.members.all()) == {people["outsider"], people["chair"]}
