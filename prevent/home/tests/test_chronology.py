"""A person's one chronology: concerns and Channel records merged in time
order, only what the user may see, audited as a read, at a fixed cost."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.channel.models import ChannelCase, GatewayReferral
from prevent.channel.tests.conftest import adopted_case, open_case, police_referral
from prevent.concerns.models import Concern
from prevent.home.chronology import PersonChronology, person_chronology
from prevent.home.services import person_chronology_viewed

pytestmark = pytest.mark.django_db


def url(person_pk: int) -> str:
    return reverse("home:person-chronology", args=[person_pk])


def test_one_chronology_holds_concern_and_channel_records_in_time_order(
    client_for, people, framework, guidance
) -> None:
    case, _ = adopted_case(people)
    page = client_for(people["coordinator"]).get(url(case.person_id))
    assert page.status_code == 200
    body = page.content.decode()
    entries = page.context["entries"]
    titles = [e.title for e in entries]
    assert "Channel case opened" in titles
    assert "Referral sent" in titles  # from the concerns chronology
    assert "Panel decision confirmed" in titles  # from the Channel chronology
    moments = [e.moment for e in entries]
    assert moments == sorted(moments)
    assert titles.index("Channel case opened") > titles.index("Referral sent")
    assert case.person.full_name in body
    assert reverse("channel:case-detail", args=[case.pk]) in body


def test_opening_the_chronology_is_an_audited_read_without_the_name(
    client_for, people, framework, guidance
) -> None:
    case = open_case(people)
    before = AuditEvent.objects.count()
    assert client_for(people["chair"]).get(url(case.person_id)).status_code == 200
    event = AuditEvent.objects.filter(action="person_chronology_viewed").latest("id")
    assert AuditEvent.objects.count() == before + 1
    assert event.actor == people["chair"]
    assert event.object_id == str(case.person_id)
    assert case.person.full_name not in event.summary


def test_each_user_sees_only_their_own_records(client_for, people, framework, guidance, make_user) -> None:
    case = open_case(people)
    # The practitioner who raised the concern sees their concern, not the Channel case.
    mine = client_for(people["practitioner"]).get(url(case.person_id)).context["entries"]
    assert mine and all(not e.href.startswith("/channel/") for e in mine)
    # A Channel member who is on no panel with the case, or a SPOC elsewhere, finds nobody.
    for outsider in (people["outsider"], make_user(Role.SPOC), make_user(Role.ADMINISTRATOR)):
        assert client_for(outsider).get(url(case.person_id)).status_code == 404
    assert not AuditEvent.objects.filter(action="person_chronology_viewed", actor=people["outsider"]).exists()


def test_a_missing_person_or_a_bad_id_is_not_found(client_for, people) -> None:
    client = client_for(people["coordinator"])
    assert client.get(url(999999)).status_code == 404
    with pytest.raises(Http404):
        person_chronology(user=people["coordinator"], pk="1; drop")


def test_the_viewed_service_refuses_a_chronology_with_nothing_visible(people, framework, guidance) -> None:
    case = open_case(people)
    with pytest.raises(Http404):
        person_chronology_viewed(
            actor=people["outsider"], chronology=PersonChronology(person=case.person, entries=[])
        )
    assert not AuditEvent.objects.filter(action="person_chronology_viewed").exists()


def test_the_chronology_costs_the_same_queries_with_1_and_many_records(
    client_for, people, framework, guidance
) -> None:
    case = open_case(people)
    person = case.person
    client = client_for(people["coordinator"])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(person.pk)).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for _ in range(2):
        referral = police_referral(people)
        Concern.objects.filter(pk=referral.concern_id).update(person=person)
    adopted, _ = adopted_case(people)
    ChannelCase.objects.filter(pk=adopted.pk).update(person=person)
    GatewayReferral.objects.filter(channel_case=adopted).update(person=person)
    assert len(client.get(url(person.pk)).context["entries"]) > 8
    assert count() == few
