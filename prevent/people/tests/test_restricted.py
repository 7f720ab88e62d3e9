"""Restricted records and break-glass (issue 14, ADR 0017), on the World of
tests/builders.py: Rhea Restricted has a concern (raised by the school's
practitioner), a referral to police Prevent, a gateway referral and a
Channel case; the coordinator restricted her to the school's SPOC; the
police officer broke glass."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from prevent.core import clock
from prevent.notifications.models import Notification
from prevent.people.models import BreakGlassAccess
from prevent.people.restricted import break_glass, person_restrict, person_unrestrict
from prevent.people.rules import access_restriction
from prevent.people.search import search_people
from prevent.people.selectors import people_list
from prevent.policy import Action, can, scoped
from tests.builders import World, kept_for_the_module, sign_in

pytestmark = pytest.mark.django_db

# Who sees Rhea: those named (the SPOC, the coordinator who restricted
# her) and the police officer through break-glass.
SEES = {"spoc", "coordinator", "police"}
# Whose role would see her without the restriction, so search tells them a
# restricted record exists: the raiser, the SPOC of the school with a second
# role, the chair (every case), and the other coordinator.
TOLD = {"practitioner", "spoc_member", "chair", "coordinator_police"}


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    with kept_for_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            built = World()
        yield built


def _records(world: World) -> list[tuple[Action, Any]]:
    case = world.restricted_case
    referral: Any = case.gateway_referral.referral
    concern = referral.concern
    return [
        (Action.VIEW_PERSON, case.person),
        (Action.VIEW_CONCERN, concern),
        (Action.VIEW_GATEWAY_CONCERN_REFERRAL, referral),
        (Action.VIEW_GATEWAY_REFERRAL, case.gateway_referral),
        (Action.VIEW_CHANNEL_CASE, case),
    ]


def _pages(world: World) -> list[str]:
    case = world.restricted_case
    referral: Any = case.gateway_referral.referral
    concern = referral.concern
    return [
        reverse("home:person-chronology", args=[case.person_id]),
        reverse("concerns:person", args=[case.person_id]),
        reverse("concerns:detail", args=[concern.pk]),
        reverse("channel:gateway-assess", args=[case.gateway_referral.pk]),
        reverse("channel:case-detail", args=[case.pk]),
    ]


def _users(world: World) -> dict[str, Any]:
    return {k: u for k, u in world.users().items() if u.is_active}


def test_the_restricted_record_is_invisible_to_everyone_not_named_for_every_role(world: World) -> None:
    """A matrix over every user of the world (every role alone, several
    roles, other organisations, none): each of Rhea's records is refused by
    the rule and left out of the scope, and each page about her answers 404
    (exactly as out of scope), unless the user is named or broke glass."""
    users = _users(world)
    assert set(users) >= SEES | TOLD
    for key, user in users.items():
        client = sign_in(user)
        for action, record in _records(world):
            in_scope = scoped(user, action).filter(pk=record.pk).exists()
            assert can(user, action, record) == in_scope, (key, action)
            if key not in SEES:
                assert not in_scope, (key, action)
        for url in _pages(world):
            status = client.get(url).status_code
            if key not in SEES:
                assert status == 404, (key, url, status)
        person_page = client.get(_pages(world)[0]).status_code
        assert (person_page == 200) == (key in SEES), (key, person_page)


def test_lists_and_search_leave_the_restricted_person_out(world: World) -> None:
    rhea = world.restricted_case.person
    for key, user in _users(world).items():
        listed = set(people_list(user=user).values_list("pk", flat=True))
        found = {r.person.pk for r in search_people(user=user, text="Rhea Restricted").results}
        cases = set(scoped(user, Action.VIEW_CHANNEL_CASE).values_list("pk", flat=True))
        if key not in SEES:
            assert rhea.pk not in listed | found, key
            assert world.restricted_case.pk not in cases, key
    assert rhea.pk in {r.person.pk for r in search_people(user=world.people["spoc"], text="Rhea").results}


def test_restricted_record_exists_is_said_only_to_roles_that_would_see_it(world: World) -> None:
    rhea = world.restricted_case.person
    for key, user in _users(world).items():
        found = search_people(user=user, text="Rhea Restricted")
        assert (found.restricted == [rhea.pk]) == (key in TOLD), (key, found.restricted)
    page = sign_in(world.people["practitioner"]).get(reverse("people:search"), {"q": "Rhea Restricted"})
    html = page.content.decode()
    assert "A restricted record exists" in html and "Ask the Prevent Coordinator" in html
    assert reverse("people:break-glass", args=[rhea.pk]) in html
    assert "0 people found" in html
    assert reverse("home:person-chronology", args=[rhea.pk]) not in html
    other = sign_in(world.people["other_practitioner"]).get(
        reverse("people:search"), {"q": "Rhea Restricted"}
    )
    assert "restricted record" not in other.content.decode()


def test_break_glass_is_refused_without_a_reason(world: World) -> None:
    chair = world.people["chair"]
    with pytest.raises(ValidationError) as refused:
        break_glass(actor=chair, restriction=world.restriction, reason="   ")
    assert "reason" in refused.value.message_dict
    response = sign_in(chair).post(
        reverse("people:break-glass", args=[world.restriction.person_id]), {"reason": ""}
    )
    assert response.status_code == 200
    assert "Enter why you need to see this record now" in response.content.decode()
    assert not BreakGlassAccess.objects.filter(user=chair).exists()
    assert not can(chair, Action.VIEW_CHANNEL_CASE, world.restricted_case)


def test_break_glass_is_refused_to_a_role_that_would_not_see_the_record(world: World) -> None:
    for key in ("member", "other_practitioner", "outsider"):
        user = world.people[key]
        with pytest.raises(Http404):
            access_restriction(user, world.restriction.person_id)
        response = sign_in(user).get(reverse("people:break-glass", args=[world.restriction.person_id]))
        assert response.status_code == 404, key


def test_break_glass_grants_for_the_set_time_only_and_tells_the_coordinators(
    world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.PREVENT_BREAK_GLASS_HOURS = 4
    chair = world.people["chair"]
    case = world.restricted_case
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in(chair).post(
            reverse("people:break-glass", args=[case.person_id]), {"reason": "Risk to life tonight"}
        )
    assert response.status_code == 302
    granted = BreakGlassAccess.objects.get(user=chair)
    assert granted.expires_at - granted.granted_at == timedelta(hours=4)
    assert can(chair, Action.VIEW_CHANNEL_CASE, case)
    assert sign_in(chair).get(reverse("channel:case-detail", args=[case.pk])).status_code == 200
    # Coordinators are told at once, in the service and by email, without
    # personal details.
    coordinators = {world.people["coordinator"].email, world.people["coordinator_police"].email}
    told = {m.to[0] for m in mail.outbox if f"BG-{granted.pk}" in m.subject}
    assert told == coordinators
    for message in mail.outbox:
        assert "Rhea" not in message.body and "Risk to life" not in message.body
    notes = Notification.objects.filter(reference=f"BG-{granted.pk}")
    assert {n.recipient.email for n in notes} == coordinators
    assert all("Rhea" not in n.text for n in notes)
    # Until the set time only.
    with clock.as_of(granted.expires_at - timedelta(minutes=1)):
        assert can(chair, Action.VIEW_CHANNEL_CASE, case)
    with clock.as_of(granted.expires_at + timedelta(seconds=1)):
        assert not can(chair, Action.VIEW_CHANNEL_CASE, case)
        assert not scoped(chair, Action.VIEW_CHANNEL_CASE).filter(pk=case.pk).exists()
        assert search_people(user=chair, text="Rhea Restricted").restricted == [case.person_id]


def test_every_break_glass_is_in_the_coordinators_report(world: World) -> None:
    url = reverse("people:break-glass-report")
    html = sign_in(world.people["coordinator"]).get(url).content.decode()
    for granted in BreakGlassAccess.objects.all():
        assert f"BG-{granted.pk}" in html and granted.reason in html
    assert sign_in(world.people["practitioner"]).get(url).status_code == 403
    assert sign_in(world.people["police"]).get(url).status_code == 403


def test_restricting_needs_a_reason_and_a_coordinator(world: World) -> None:
    person: Any = world.twin.person
    with pytest.raises(ValidationError):
        person_restrict(actor=world.people["coordinator"], person=world.case.person, reason="", users=[])
    response = sign_in(world.people["spoc"]).get(reverse("people:restrict", args=[person.pk]))
    assert response.status_code == 404


def test_restrict_page_names_users_and_lifting_makes_the_record_visible_again(world: World) -> None:
    coordinator = world.people["coordinator"]
    person = world.restricted_case.person
    client = sign_in(coordinator)
    page = client.get(reverse("people:restrict", args=[person.pk]))
    assert page.status_code == 200 and "Change who may see this restricted record" in page.content.decode()
    practitioner = world.people["practitioner"]
    try:
        person_unrestrict(actor=coordinator, person=person, reason="No longer on the staff")
        assert can(practitioner, Action.VIEW_PERSON, person)
        assert search_people(user=practitioner, text="Rhea Restricted").restricted == []
    finally:
        world.restriction = person_restrict(
            actor=coordinator, person=person, reason="Staff member", users=[world.people["spoc"]]
        )
    assert not can(practitioner, Action.VIEW_PERSON, person)


def test_the_person_page_says_restricted_and_links_the_coordinator(world: World) -> None:
    url = reverse("home:person-chronology", args=[world.restricted_case.person_id])
    coordinator = sign_in(world.people["coordinator"]).get(url).content.decode()
    assert "This is a restricted record" in coordinator
    assert reverse("people:restrict", args=[world.restricted_case.person_id]) in coordinator
    spoc = sign_in(world.people["spoc"]).get(url).content.decode()
    assert "This is a restricted record" in spoc
    assert reverse("people:restrict", args=[world.restricted_case.person_id]) not in spoc


def test_the_restrict_form_keeps_what_was_typed_and_saves_the_named_users(world: World) -> None:
    from prevent.core.once import FIELD_NAME as TOKEN_FIELD

    person = world.restricted_case.person
    client = sign_in(world.people["coordinator"])
    url = reverse("people:restrict", args=[person.pk])
    refused = client.post(url, {"reason": "", "users": [world.people["chair"].pk]})
    assert "Enter why this record is restricted" in refused.content.decode()
    assert world.restriction.allowed_users.filter(pk=world.people["chair"].pk).exists() is False
    page = client.get(url).content.decode()
    token = page.split(f'name="{TOKEN_FIELD}" value="')[1].split('"')[0]
    users = [world.people["spoc"].pk, world.people["chair"].pk]
    saved = client.post(url, {"reason": "Staff member", "users": users, TOKEN_FIELD: token})
    assert saved.status_code == 302
    try:
        assert can(world.people["chair"], Action.VIEW_PERSON, person)
    finally:
        world.restriction = person_restrict(
            actor=world.people["coordinator"],
            person=person,
            reason="Staff member",
            users=[world.people["spoc"]],
        )


def test_what_referrers_added_leaves_out_a_hidden_restricted_person(world: World) -> None:
    """Your work reads the SPOC's additions with the concerns' own condition
    (not a scope): it applies the restriction too (unrestricted_q)."""
    from prevent.concerns.services.referrals import referral_add_information
    from prevent.concerns.work import referrer_additions

    referral: Any = world.restricted_case.gateway_referral.referral
    added = referral_add_information(actor=world.people["spoc"], referral=referral, text="New address known")
    assert added.pk in {a.pk for a in referrer_additions(world.people["police"])}  # broke glass
    assert added.pk not in {a.pk for a in referrer_additions(world.people["coordinator_police"])}
