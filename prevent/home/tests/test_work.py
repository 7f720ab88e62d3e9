"""What each role sees on "Your work", at a fixed cost: the concerns lists
and the Channel lists (coordinator, police, chair, member)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from prevent.accounts.roles import Role
from prevent.concerns.tests.conftest import make_draft, make_submitted

pytestmark = pytest.mark.django_db


def test_practitioner_home_lists_drafts_and_submitted_concerns(
    client_for, practitioner, spoc, guidance
) -> None:
    draft = make_draft(practitioner)
    submitted = make_submitted(practitioner)
    body = client_for(practitioner).get(reverse("home:home")).content.decode()
    assert reverse("concerns:draft", args=[draft.pk]) in body
    assert f"Concern {submitted.reference}" in body
    assert reverse("concerns:new") in body


def test_spoc_home_lists_the_triage_queue(client_for, practitioner, spoc, guidance) -> None:
    submitted = make_submitted(practitioner)
    body = client_for(spoc).get(reverse("home:home")).content.decode()
    assert "Concerns awaiting triage" in body
    assert f"Concern {submitted.reference}" in body
    assert "Waiting" in body


def test_home_costs_the_same_queries_with_1_and_many_concerns(
    client_for, make_user, org, practitioner, guidance: Any
) -> None:
    lead = make_user(Role.PRACTITIONER, Role.SPOC, organisation=org)
    client = client_for(lead)
    make_submitted(lead)
    make_submitted(practitioner)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("home:home")).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for _ in range(8):
        make_submitted(lead)
        make_draft(lead)
        make_submitted(practitioner)
    assert count() == few


# Channel lists ----------------------------------------------------------------------


def _channel_lead(make_user: Any, people: dict[str, Any]) -> Any:
    """One user in every Channel role, on today's panel, to see every list."""
    return make_user(
        Role.PREVENT_COORDINATOR,
        Role.POLICE_PREVENT_OFFICER,
        Role.CHANNEL_CHAIR,
        Role.CHANNEL_MEMBER,
        organisation=people["health"],
    )


def _channel_business(people: dict[str, Any], lead: Any, *, days_ago: int = 0) -> dict[str, Any]:
    """A referral waiting at the gateway, a case awaiting consent, and a
    case on a panel (today's by default) with a decision waiting for the chair."""
    from prevent.channel import services as C
    from prevent.channel.models import DecisionOutcome
    from prevent.channel.tests.conftest import decide, meeting_today, open_case, police_referral

    waiting = police_referral(people)
    meeting = meeting_today(people, on=timezone.localdate() - timedelta(days=days_ago))
    meeting.members.add(lead)
    adopted = decide(people, meeting, open_case(people), DecisionOutcome.ADOPT)
    case = open_case(people)
    C.agenda_add_case(actor=people["coordinator"], meeting=meeting, case=case, kind="new_case")
    C.decision_record(
        actor=people["coordinator"],
        meeting=meeting,
        case=case,
        outcome=DecisionOutcome.ADOPT,
        other_mechanism="",
        rationale="Because",
    )
    return {"waiting": waiting, "adopted": adopted, "case": case}


def test_channel_roles_see_their_lists_on_your_work(
    client_for, make_user, people, framework, guidance
) -> None:
    lead = _channel_lead(make_user, people)
    made = _channel_business(people, lead)
    body = client_for(lead).get(reverse("home:home")).content.decode()
    # Police: the gateway queue.
    assert "Referrals awaiting a gateway assessment" in body
    assert f"Referral from concern {made['waiting'].concern.reference}" in body
    # Coordinator: cases awaiting consent.
    assert "Cases awaiting consent" in body
    assert reverse("channel:case-detail", args=[made["adopted"].pk]) in body
    # Chair: the decision to confirm.
    assert "Decisions to confirm" in body
    assert f"{made['case'].reference}: Adopt" in body or "Awaiting your confirmation" in body
    # Member: the case on today's panel.
    assert "Cases on your next panels" in body
    assert f"{made['case'].reference}: New case" in body


def test_a_channel_member_sees_only_their_own_panels(client_for, make_user, people, framework, guidance):
    lead = _channel_lead(make_user, people)
    made = _channel_business(people, lead)
    body = client_for(people["outsider"]).get(reverse("home:home")).content.decode()
    assert "Cases on your next panels" in body
    assert made["case"].reference not in body
    assert "You are not on a coming panel." in body


def test_home_costs_the_same_queries_with_1_and_many_channel_records(
    client_for, make_user, people, framework, guidance
) -> None:
    lead = _channel_lead(make_user, people)
    client = client_for(lead)
    _channel_business(people, lead)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("home:home")).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for days_ago in range(1, 4):
        _channel_business(people, lead, days_ago=days_ago)
    assert count() == few


def test_the_old_home_name_still_gives_the_home_page(client_for, make_user) -> None:
    user = make_user(Role.PRACTITIONER)
    assert reverse("core:home") == reverse("home:home") == "/"
    page = client_for(user).get(reverse("core:home"))
    assert page.status_code == 200
    assert page.templates[0].name == "home/home.html"
