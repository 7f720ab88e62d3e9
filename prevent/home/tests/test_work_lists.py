"""The lists added to "Your work" and the navigation's counts: what the
referrer added for police Prevent, the gateway's due date from its
setting, and the number beside each navigation item that leads to work."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from prevent.accounts.roles import Role
from prevent.concerns import services as concern_services
from prevent.concerns.models import Referral, ReferralDestination
from prevent.concerns.tests.conftest import make_submitted

pytestmark = pytest.mark.django_db


def _nav(body: str) -> str:
    return body.split('id="navigation"')[1].split("</ul>")[0]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def test_the_police_officers_home_lists_what_the_referrer_added_leading_to_the_gateway_record(
    people: dict[str, Any], client_for: Any, framework: Any, guidance: Any
) -> None:
    from prevent.channel.tests.conftest import police_referral

    referral = police_referral(people)
    other = Referral.objects.filter(destination=ReferralDestination.POLICE_PREVENT).exclude(pk=referral.pk)
    assert not other.exists()
    police = client_for(people["police"])
    assert "No referrer has added information in the last 30 days." in police.get("/").content.decode()
    concern_services.referral_add_information(
        actor=people["spoc"], referral=referral, text="He has since left the school."
    )
    body = police.get(reverse("home:home")).content.decode()
    link = reverse("channel:gateway-assess-concern", args=[referral.pk]) + "#further-information"
    assert "Information added by referrers" in body
    assert f"{referral.concern.reference}: information added by the referrer" in body
    assert link in body
    # Following it reaches the gateway record, where the addition is read.
    page = police.get(link.split("#")[0]).content.decode()
    assert 'id="further-information"' in page and "He has since left the school." in page
    # Nobody else's home lists it: not the member, nor another organisation's SPOC.
    for key in ("member", "outsider"):
        assert "information added by the referrer" not in client_for(people[key]).get("/").content.decode()


@pytest.mark.parametrize(("days", "overdue"), [(7, False), (3, True)])
def test_the_gateway_due_date_comes_from_the_setting(
    people: dict[str, Any], client_for: Any, framework: Any, guidance: Any, days: int, overdue: bool
) -> None:
    from prevent.channel.tests.conftest import police_referral

    referral = police_referral(people)
    Referral.objects.filter(pk=referral.pk).update(sent_on=timezone.localdate() - dt.timedelta(days=5))
    due = timezone.localdate() - dt.timedelta(days=5) + dt.timedelta(days=days)
    with override_settings(PREVENT_GATEWAY_DUE_DAYS=days):
        body = client_for(people["police"]).get(reverse("home:home")).content.decode()
    assert f"Waiting 5 day(s); due {due:%-d %B %Y}" in body
    assert ("Overdue: Overdue" in body) is overdue


def test_navigation_items_leading_to_work_show_its_count(
    people: dict[str, Any], client_for: Any, make_user: Any, framework: Any, guidance: Any
) -> None:
    from prevent.channel import services as C
    from prevent.channel.tests.conftest import open_case, police_referral

    police_referral(people)
    make_submitted(people["practitioner"])
    case = open_case(people)
    C.information_request_send(
        actor=people["coordinator"],
        case=case,
        agency=people["health"],
        question="Known?",
        due_on=timezone.localdate(),
    )
    page = reverse("accounts:account")
    spoc = _text(_nav(client_for(people["spoc"]).get(page).content.decode()))
    # The SPOC: one awaiting triage (the other concern was triaged).
    assert "Triage (1 awaiting triage)" in spoc
    police = _text(_nav(client_for(people["police"]).get(page).content.decode()))
    assert "Gateway (1 awaiting a gateway assessment)" in police
    member = _text(_nav(client_for(people["member"]).get(page).content.decode()))
    assert "Information requests (1 awaiting your answer)" in member
    # Another agency's member has nothing waiting: no count at all.
    outsider = _text(_nav(client_for(people["outsider"]).get(page).content.decode()))
    assert "Information requests" in outsider and "Information requests (" not in outsider
    # The practitioner: a question to answer once the SPOC asks one.
    concern = make_submitted(people["practitioner"])
    practitioner = client_for(people["practitioner"])
    assert "Concerns (" not in _text(_nav(practitioner.get(page).content.decode()))
    concern_services.triage_request_more_information(
        actor=people["spoc"], concern=concern, question="Which class?"
    )
    assert "Concerns (1 questions to answer)" in _text(_nav(practitioner.get(page).content.decode()))
    # The number is visible; its meaning is for screen readers.
    html = _nav(client_for(people["member"]).get(page).content.decode())
    assert '(1<span class="govuk-visually-hidden"> awaiting your answer</span>)' in html
    admin = make_user(Role.ADMINISTRATOR)
    assert "Failed emails (" not in _text(_nav(client_for(admin).get(page).content.decode()))


def test_the_spoc_reaches_their_organisations_concerns_from_the_navigation(
    people: dict[str, Any], client_for: Any
) -> None:
    href = reverse("concerns:organisation")
    spoc = _nav(client_for(people["spoc"]).get(reverse("home:home")).content.decode())
    assert f'href="{href}"' in spoc and "Organisation concerns" in spoc
    practitioner = _nav(client_for(people["practitioner"]).get(reverse("home:home")).content.decode())
    assert href not in practitioner
    page = client_for(people["spoc"]).get(href)
    assert page.status_code == 200
