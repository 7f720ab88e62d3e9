"""Every role's "Your work" on a fresh demo lists something to do, and each
item's link reaches the page where the work is done."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from prevent.accounts.models import User
from prevent.audit.verify import verify_chain
from prevent.channel.models import CaseStatus, ChannelCase, PanelMeeting, PostExitReview
from prevent.concerns.models import Concern, ConcernStatus
from prevent.core import clock
from prevent.home.demo.partnership import DEMO_USERS

pytestmark = pytest.mark.django_db

ITEM = re.compile(r'<a class="govuk-link govuk-task-list__link" href="([^"]+)"')


@pytest.fixture
def demo(settings):
    settings.PREVENT_DEMO_MODE = True
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())


def signed_in(email: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


@pytest.mark.parametrize("demo_user", [d.email for d in DEMO_USERS if d.email != "analyst@demo.example"])
def test_every_roles_home_lists_work_that_leads_where_it_is_done(demo, demo_user):
    client = signed_in(demo_user)
    page = client.get("/").content.decode()
    links = ITEM.findall(page)
    assert links, f"{demo_user} has nothing on Your work"
    for href in links[:3]:
        response = client.get(href.replace("&amp;", "&").split("#")[0])
        assert response.status_code == 200, (demo_user, href)
        assert b"<h1" in response.content


def test_the_analysts_home_leads_to_the_statistics_and_links_nowhere_broken(demo):
    client = signed_in("analyst@demo.example")
    page = client.get("/").content.decode()
    assert 'href="/statistics/"' in page
    for href in re.findall(r'href="(/[^"]*)"', page):
        if href.startswith("/static/"):
            continue
        assert client.get(href).status_code in (200, 302), href


def test_the_demo_holds_casework_at_every_stage_and_the_audit_chain_holds(demo):
    statuses = set(ChannelCase.objects.values_list("status", flat=True))
    assert {
        CaseStatus.PRELIMINARY,
        CaseStatus.SUPPORT,
        CaseStatus.CONSENT_REFUSED,
        CaseStatus.EXIT_RECOMMENDED,
        CaseStatus.EXITED,
    } <= statuses
    concern_statuses = set(Concern.objects.values_list("status", flat=True))
    assert {ConcernStatus.SUBMITTED, ConcernStatus.MORE_INFORMATION_REQUESTED, ConcernStatus.REFERRED} <= (
        concern_statuses
    )
    assert set(Concern.objects.values_list("pyramid_level", flat=True)) >= {1, 2, 3}
    today = clock.today()
    assert PostExitReview.objects.filter(due_on__lt=today, completed_at__isnull=True).exists()
    past = PanelMeeting.objects.filter(meeting_on__lt=today)
    assert past.exclude(minutes="").exists() and past.filter(attendance__isnull=False).exists()
    assert PanelMeeting.objects.filter(meeting_on__gt=today, agenda_items__isnull=False).exists()
    assert verify_chain().ok
    out = StringIO()
    call_command("verify_audit", stdout=out, stderr=StringIO())


def test_reloading_the_demo_keeps_what_a_user_changed(demo):
    concern = Concern.objects.filter(status=ConcernStatus.SUBMITTED).get()
    count = Concern.objects.count()
    out = StringIO()
    call_command("load_demo", stdout=out, stderr=StringIO())
    assert "nothing added" in out.getvalue()
    assert Concern.objects.count() == count
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.SUBMITTED
