"""Case, agenda, list and work-list pages cost a bounded number of queries
whatever the data size: the same budget with one case as with many."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from prevent.channel import services as C
from prevent.channel import work
from prevent.channel.models import PanelAction, PostExitReview

from .conftest import consent_given, decide, open_case

pytestmark = pytest.mark.django_db


def _populate(people: dict[str, Any], meeting: Any, provider: Any, n: int) -> list[Any]:
    cases = []
    today = timezone.localdate()
    for _ in range(n):
        case = open_case(people)
        case = decide(people, meeting, case, "adopt")
        consent_given(people, case)
        case.refresh_from_db()
        for kind in ("diversionary", "education"):
            intervention = C.intervention_add(
                actor=people["coordinator"],
                case=case,
                type=kind,
                provider=provider,
                description="",
                start_on=today,
                review_on=None,
                end_on=None,
            )
            C.intervention_add_progress(
                actor=people["coordinator"], intervention=intervention, note="Going well"
            )
        for agency in (people["health"], people["probation"]):
            C.information_request_send(
                actor=people["coordinator"],
                case=case,
                agency=agency,
                question="q",
                due_on=today,
            )
        PanelAction.objects.create(
            meeting=meeting,
            case=case,
            description="a",
            owner=people["member"],
            due_on=today - dt.timedelta(days=1),
            created_by=people["chair"],
        )
        PostExitReview.objects.create(case=case, months=6, due_on=today)
        cases.append(case)
    return cases


def _all_work(people: dict[str, Any]) -> None:
    work.coordinator_items(people["coordinator"])
    work.member_items(people["member"])
    work.chair_items(people["chair"])
    work.police_items(people["police"])


def _count(fn: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_pages_are_bounded(people: dict[str, Any], provider: Any, client_for: Callable[..., Any]) -> None:
    from .conftest import meeting_today

    meeting = meeting_today(people)
    first = _populate(people, meeting, provider, 1)[0]
    client = client_for(people["coordinator"])
    member = client_for(people["member"])
    urls = {
        "case": reverse("channel:case-detail", args=[first.pk]),
        "agenda": reverse("channel:panel-detail", args=[meeting.pk]),
        "cases": reverse("channel:case-list"),
        "requests": reverse("channel:information-requests"),
        "panels": reverse("channel:panel-list"),
        "schedule": reverse("channel:panel-schedule"),
        "providers": reverse("channel:providers"),
        "time-and-place": reverse("channel:panel-details", args=[meeting.pk]),
    }
    small = {k: _count(partial(client.get, u)) for k, u in urls.items()}
    small_member = _count(lambda: member.get(urls["agenda"]))
    _count(lambda: _all_work(people))  # roles cached
    small_work = _count(lambda: _all_work(people))
    _populate(people, meeting, provider, 6)
    large = {k: _count(partial(client.get, u)) for k, u in urls.items()}
    assert large == small
    assert _count(lambda: member.get(urls["agenda"])) == small_member
    large_work = _count(lambda: _all_work(people))
    assert large_work == small_work
    assert max(large.values()) <= 40
    assert large_work <= 15


def test_work_lists_show_what_is_next(people: dict[str, Any], provider: Any) -> None:
    from .conftest import meeting_today

    meeting = meeting_today(people)
    case = _populate(people, meeting, provider, 1)[0]
    coordinator = work.coordinator_items(people["coordinator"])
    assert [i.text for i in coordinator["requests_overdue"]] == []  # due today: not yet overdue
    assert coordinator["actions_due"][0].overdue
    assert coordinator["reviews_due"][0].text == f"{case.reference}: 6-month post-exit review"
    member = work.member_items(people["member"])
    assert member["information_requests"][0].href.startswith("/channel/information-requests/")
    assert member["next_panels"][0].text.startswith(case.reference)
    assert work.member_items(people["outsider"])["next_panels"] == []
    assert work.police_items(people["spoc"]) == []
