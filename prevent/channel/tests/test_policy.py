"""Who may open a Channel case, and every read is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.channel import services as C
from prevent.channel.models import AgendaItem

from .conftest import meeting_today, open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(people: dict[str, Any]) -> Any:
    return open_case(people)


@pytest.mark.parametrize("who", ["outsider", "spoc", "practitioner"])
def test_others_cannot_open_the_case(
    people: dict[str, Any], case: Any, client_for: Callable[..., Any], who: str
) -> None:
    meeting = meeting_today(people)
    C.agenda_add_case(actor=people["coordinator"], meeting=meeting, case=case, kind="new_case")
    client = client_for(people[who])
    assert client.get(reverse("channel:case-detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("channel:panel-detail", args=[meeting.pk])).status_code in {403, 404}


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.PARTNERSHIP_ANALYST])
def test_roles_without_case_content_get_404(
    case: Any, make_user: Callable[..., Any], client_for: Callable[..., Any], role: str
) -> None:
    client = client_for(make_user(role))
    assert client.get(reverse("channel:case-detail", args=[case.pk])).status_code == 404


def test_a_member_sees_the_case_only_while_on_their_panels_agenda(
    people: dict[str, Any], case: Any, client_for: Callable[..., Any]
) -> None:
    client = client_for(people["member"])
    url = reverse("channel:case-detail", args=[case.pk])
    assert client.get(url).status_code == 404
    meeting = meeting_today(people)
    C.agenda_add_case(actor=people["coordinator"], meeting=meeting, case=case, kind="new_case")
    assert client.get(url).status_code == 200
    assert case.reference in client.get(reverse("channel:case-list")).content.decode()
    item = AgendaItem.objects.get(meeting=meeting, case=case)
    C.agenda_remove_case(actor=people["coordinator"], item=item)
    assert client.get(url).status_code == 404
    assert case.reference not in client.get(reverse("channel:case-list")).content.decode()


def test_a_member_sees_only_requests_to_their_agency(
    people: dict[str, Any], case: Any, client_for: Callable[..., Any]
) -> None:
    request = C.information_request_send(
        actor=people["coordinator"],
        case=case,
        agency=people["health"],
        question="Known?",
        due_on=timezone.localdate() + dt.timedelta(days=3),
    )
    url = reverse("channel:information-request", args=[request.pk])
    assert client_for(people["member"]).get(url).status_code == 200
    assert client_for(people["outsider"]).get(url).status_code == 404
    listing = client_for(people["outsider"]).get(reverse("channel:information-requests")).content.decode()
    assert f"Request {request.pk} on" not in listing
    # The member may answer the request without seeing the case itself.
    assert client_for(people["member"]).get(reverse("channel:case-detail", args=[case.pk])).status_code == 404


def test_every_read_is_audited(people: dict[str, Any], case: Any, client_for: Callable[..., Any]) -> None:
    client = client_for(people["police"])
    before = AuditEvent.objects.filter(action="channel_case_viewed").count()
    client.get(reverse("channel:case-detail", args=[case.pk]))
    client.get(reverse("channel:case-detail", args=[case.pk]))
    events = AuditEvent.objects.filter(action="channel_case_viewed").order_by("pk")
    assert events.count() == before + 2
    assert events.last().actor_id == people["police"].pk  # type: ignore[union-attr]
    meeting = meeting_today(people)
    client.get(reverse("channel:panel-detail", args=[meeting.pk]))
    assert AuditEvent.objects.filter(action="channel_meeting_viewed", actor=people["police"]).exists()
    C.meeting_record_minutes(actor=people["coordinator"], meeting=meeting, minutes="Agreed")
    response = client.get(reverse("channel:minutes-pdf", args=[meeting.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(action="channel_minutes_downloaded", object_id=str(meeting.pk)).exists()


def test_refused_reads_are_not_counted_as_views(
    people: dict[str, Any], case: Any, client_for: Callable[..., Any]
) -> None:
    client_for(people["spoc"]).get(reverse("channel:case-detail", args=[case.pk]))
    assert not AuditEvent.objects.filter(action="channel_case_viewed", actor=people["spoc"]).exists()


def test_only_police_assess_at_the_gateway(people: dict[str, Any], client_for: Callable[..., Any]) -> None:
    for who, status in [("police", 200), ("coordinator", 200), ("spoc", 403), ("member", 403)]:
        assert client_for(people[who]).get(reverse("channel:gateway-queue")).status_code == status, who
