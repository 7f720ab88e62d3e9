"""The chronology of a person who went through the whole Channel path: every
kind of event, in time order, in words and with links the reader's role
allows; filters; the PDF; a page cost that does not grow with the events."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from prevent.audit.models import AuditEvent
from prevent.concerns.chronology import govuk_moment
from prevent.home.chronology import KINDS

from .chronology_path import NAME, PATH_ORDER, whole_path

pytestmark = pytest.mark.django_db


def url(pk: int, **query: Any) -> str:
    from urllib.parse import urlencode

    base = reverse("home:person-chronology", args=[pk])
    return f"{base}?{urlencode(query, doseq=True)}" if query else base


def first_seen(entries: list[Any]) -> list[str]:
    kinds: list[str] = []
    for entry in entries:
        if entry.kind not in kinds:
            kinds.append(entry.kind)
    return kinds


def test_every_kind_of_event_is_there_in_time_order(client_for, people, framework, guidance) -> None:
    path = whole_path(people, framework)
    page = client_for(people["coordinator"]).get(url(path.person.pk))
    assert page.status_code == 200
    entries = page.context["entries"]
    assert set(PATH_ORDER) == set(KINDS)  # the path covers every kind there is
    assert first_seen(entries) == PATH_ORDER
    assert [e.moment for e in entries] == sorted(e.moment for e in entries)
    titles = [e.title for e in entries]
    for title in [
        "Concern recorded",
        "Question asked",
        "Question answered",
        "Addendum added",
        "Triage decision",
        "Referral sent",
        "Referral outcome",
        "Referral received at the gateway",
        "Gateway assessment",
        "Channel case opened",
        "Information requested",
        "Information request answered",
        "Vulnerability assessment",
        "Panel discussion",
        "Panel decision recorded",
        "Panel decision confirmed",
        "Consent given",
        "Support started",
        "Support ended",
        "Closing report",
        "Exited Channel",
        "6-month review",
        "12-month review",
    ]:
        assert title in titles, title
    body = page.content.decode()
    # Each entry: when (GOV.UK format), what, who, a link to its record.
    concern = entries[0]
    assert govuk_moment(concern.when) in body and concern.when_text.endswith(", 10am")
    assert "Pat Practitioner" in body and "Paula Police" in body and "Chris Chair" in body
    assert reverse("concerns:detail", args=[path.concern.pk]) in body
    assert reverse("channel:case-detail", args=[path.case.pk]) + "#consent" in body
    assert reverse("channel:gateway-assess", args=[path.case.gateway_referral_id]) in body


def test_the_assessment_entry_says_what_changed(client_for, people, framework, guidance) -> None:
    path = whole_path(people, framework)
    entries = client_for(people["coordinator"]).get(url(path.person.pk)).context["entries"]
    first, second = [e.text for e in entries if e.kind == "vaf"]
    assert first.startswith("First vulnerability assessment: 0 of 22 factors present")
    assert "changed since" in second and "(not present to present)" in second


def test_each_role_sees_its_own_words_and_links(client_for, people, framework, guidance) -> None:
    path = whole_path(people, framework)
    # The practitioner: their concern, its questions, addenda, triage and
    # referrals; nothing from the gateway or Channel.
    mine = client_for(people["practitioner"]).get(url(path.person.pk)).context["entries"]
    assert first_seen(mine) == ["concern", "question", "addendum", "triage", "referral"]
    # The chair sees the gateway outcome but may not open the gateway page.
    chair = client_for(people["chair"]).get(url(path.person.pk)).context["entries"]
    gateway = [e for e in chair if e.kind == "gateway"]
    assert [e.title for e in gateway] == ["Gateway assessment"] and gateway[0].href == ""
    assert all(e.href for e in chair if e.kind != "gateway")
    # The police officer opens it.
    police = client_for(people["police"]).get(url(path.person.pk)).context["entries"]
    assert all(e.href.startswith("/channel/gateway/") for e in police if e.kind == "gateway")


def test_filters_by_kind_and_date(client_for, people, framework, guidance) -> None:
    path = whole_path(people, framework)
    client = client_for(people["coordinator"])
    page = client.get(url(path.person.pk, kind=["consent", "review"]))
    assert first_seen(page.context["entries"]) == ["consent", "review"]
    assert f"of {page.context['total']} records match the filters" in page.content.decode()
    case_day = path.case.opened_at.date()
    page = client.get(
        url(
            path.person.pk,
            since_day=case_day.day,
            since_month=case_day.month,
            since_year=case_day.year,
            until_day=case_day.day,
            until_month=case_day.month,
            until_year=case_day.year,
        )
    )
    # The gateway's assessment opened the case and gave the referral its outcome, that day.
    assert sorted(e.title for e in page.context["entries"]) == [
        "Channel case opened",
        "Gateway assessment",
        "Referral outcome",
    ]
    event = AuditEvent.objects.filter(action="person_chronology_viewed").latest("id")
    assert "filtered by" in event.summary and NAME not in event.summary


def test_a_bad_date_is_told_next_to_the_field_and_kept(client_for, people, framework, guidance) -> None:
    path = whole_path(people, framework)
    page = client_for(people["coordinator"]).get(
        url(path.person.pk, since_day="31", since_month="2", since_year="2026", until_day="", kind="nonsense")
    )
    assert page.status_code == 200
    body = page.content.decode()
    assert "The start date must be a real date" in body
    assert 'value="31"' in body
    assert len(page.context["entries"]) == page.context["total"]  # no filter applied


def test_the_end_before_the_start_is_refused(client_for, people, framework, guidance) -> None:
    path = whole_path(people, framework)
    page = client_for(people["coordinator"]).get(
        url(
            path.person.pk,
            since_day="2",
            since_month="3",
            since_year="2026",
            until_day="1",
            until_month="3",
            until_year="2026",
        )
    )
    assert "The end date must be the same as or after the start date" in page.content.decode()


def test_the_pdf_is_the_chronology_audited_as_an_export(client_for, people, framework, guidance) -> None:
    path = whole_path(people, framework)
    client = client_for(people["coordinator"])
    response = client.get(
        reverse("home:person-chronology-pdf", args=[path.person.pk]) + "?kind=consent&kind=exit"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages
    )
    assert NAME in text and "Consent given" in text and "Exited Channel" in text
    assert "Support started" not in text  # the filter holds
    event = AuditEvent.objects.filter(action="person_chronology_exported").latest("id")
    assert event.actor == people["coordinator"] and event.object_id == str(path.person.pk)
    assert NAME not in event.summary


def test_the_pdf_of_someone_out_of_scope_is_not_found(client_for, people, framework, guidance) -> None:
    path = whole_path(people, framework)
    response = client_for(people["outsider"]).get(
        reverse("home:person-chronology-pdf", args=[path.person.pk])
    )
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="person_chronology_exported").exists()


def test_the_chronology_is_reached_from_the_concern_the_case_and_the_person(
    client_for, people, framework, guidance
) -> None:
    path = whole_path(people, framework)
    href = url(path.person.pk)
    coordinator, spoc = client_for(people["coordinator"]), client_for(people["spoc"])
    assert href in coordinator.get(reverse("channel:case-detail", args=[path.case.pk])).content.decode()
    assert href in spoc.get(reverse("concerns:detail", args=[path.concern.pk])).content.decode()
    assert href in spoc.get(reverse("concerns:person", args=[path.person.pk])).content.decode()


@pytest.mark.parametrize("role", ["coordinator", "chair", "member"])
def test_the_page_costs_the_same_with_one_and_many_events_of_each_kind(
    client_for, people, framework, guidance, role
) -> None:
    one = whole_path(people, framework, times=1)
    many = whole_path(people, framework, times=4)
    client = client_for(people[role])

    def cost(pk: int) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(url(pk))
        assert page.status_code == 200
        return len(ctx.captured_queries), len(page.context["entries"])

    client.get(url(one.person.pk))  # warm caches (sessions, the policy)
    (few_queries, few), (many_queries, lots) = cost(one.person.pk), cost(many.person.pk)
    assert lots > few + 15
    assert many_queries == few_queries
