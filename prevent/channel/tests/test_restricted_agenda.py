"""A restricted person's case on a panel meeting's agenda (issue 14, ADR
0017): to a member not named on the restriction the meeting page and its
minutes show the item only as "Restricted record — ask the coordinator",
without its reference, notes, decisions or actions; the people named (and
break-glass) see it as before; the page's queries stay bounded."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse

from prevent.channel import services as C
from prevent.people.restricted import person_restrict
from prevent.people.rules import restrictions_changed
from tests.builders import World, kept_for_the_module, sign_in

pytestmark = pytest.mark.django_db
SHOWN = "Restricted record — ask the coordinator"


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    with kept_for_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            built = World()
        yield built


@pytest.fixture
def on_agenda(world: World) -> Any:
    """Rhea's case on the meeting the chair and the member sit on, with
    notes and an action about it (rolled back after each test)."""
    coordinator = world.people["coordinator"]
    meeting = world.item.meeting
    item = C.agenda_add_case(actor=coordinator, meeting=meeting, case=world.restricted_case, kind="new_case")
    C.agenda_record_notes(actor=coordinator, item=item, notes="Notes about Rhea at home")
    C.action_add(
        actor=coordinator,
        meeting=meeting,
        case=world.restricted_case,
        description="Call Rhea's school",
        owner=world.people["chair"],
        due_on=meeting.meeting_on,
    )
    return item


def test_the_meeting_page_shows_a_restricted_item_without_its_details(world: World, on_agenda: Any) -> None:
    meeting, case = on_agenda.meeting, world.restricted_case
    url = reverse("channel:panel-detail", args=[meeting.pk])
    for key in ("chair", "member"):
        html = sign_in(world.people[key]).get(url).content.decode()
        assert f'id="item-{on_agenda.pk}" data-restricted="true"' in html, key
        assert SHOWN in html
        for detail in (case.reference, "Notes about Rhea", "Call Rhea", "Rhea Restricted"):
            assert detail not in html, (key, detail)
        assert reverse("channel:case-detail", args=[case.pk]) not in html
        assert reverse("channel:agenda-notes", args=[meeting.pk, on_agenda.pk]) not in html
        # The other items are shown as before.
        assert world.item.case.reference in html
    for key in ("coordinator", "police"):  # named, and broke glass
        html = sign_in(world.people[key]).get(url).content.decode()
        assert SHOWN not in html, key
        assert case.reference in html and "Notes about Rhea at home" in html, key
        assert "Call Rhea&#x27;s school" in html, key


def test_the_item_cannot_be_managed_by_url_by_someone_not_named(world: World, on_agenda: Any) -> None:
    meeting = on_agenda.meeting
    chair = world.people["chair"]
    notes = reverse("channel:agenda-notes", args=[meeting.pk, on_agenda.pk])
    assert sign_in(chair).get(notes).status_code == 404
    assert sign_in(world.people["coordinator"]).get(notes).status_code == 200
    other = reverse("channel:agenda-notes", args=[meeting.pk, world.item.pk])
    assert sign_in(chair).get(other).status_code == 200


def test_the_page_shows_the_item_again_once_the_member_is_named(world: World, on_agenda: Any) -> None:
    member = world.people["member"]
    person_restrict(
        actor=world.people["coordinator"],
        person=world.restricted_case.person,
        reason="Staff member",
        users=[world.people["spoc"], member],
    )
    restrictions_changed()
    html = sign_in(member).get(reverse("channel:panel-detail", args=[on_agenda.meeting.pk])).content.decode()
    assert SHOWN not in html and world.restricted_case.reference in html


def test_the_meeting_page_costs_a_bounded_number_of_queries(
    world: World, on_agenda: Any, django_assert_max_num_queries: Any
) -> None:
    client = sign_in(world.people["chair"])
    url = reverse("channel:panel-detail", args=[on_agenda.meeting.pk])
    client.get(url)
    with django_assert_max_num_queries(30) as counted:
        assert client.get(url).status_code == 200
    few = len(counted.captured_queries)
    C.agenda_add_case(
        actor=world.people["coordinator"], meeting=on_agenda.meeting, case=world.other_case, kind="review"
    )
    with django_assert_max_num_queries(few):
        assert client.get(url).status_code == 200


def test_the_minutes_pdf_shows_a_restricted_item_without_its_details(world: World, on_agenda: Any) -> None:
    import io

    from pypdf import PdfReader

    meeting = on_agenda.meeting
    C.meeting_record_minutes(actor=world.people["coordinator"], meeting=meeting, minutes="Met as planned.")
    url = reverse("channel:minutes-pdf", args=[meeting.pk])

    def text(key: str) -> str:
        response: Any = sign_in(world.people[key]).get(url)
        assert response.status_code == 200, key
        pdf = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
        return " ".join((page.extract_text() or "") for page in pdf.pages)

    chair = " ".join(text("chair").split())
    assert "Restricted record" in chair
    assert world.restricted_case.reference not in chair and "Notes about Rhea" not in chair
    assert "Call Rhea" not in chair
    named = " ".join(text("coordinator").split())
    assert world.restricted_case.reference in named and "Notes about Rhea" in named
