"""Bad input gets a clear GOV.UK error and nothing typed is lost."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from prevent.channel.models import Intervention, PanelDecision, PanelMeeting

from .conftest import adopted_case, consent_given, meeting_today, open_case

pytestmark = pytest.mark.django_db


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}


def test_end_date_before_start_date(
    people: dict[str, Any], provider: Any, client_for: Callable[..., Any]
) -> None:
    case, _ = adopted_case(people)
    consent_given(people, case)
    today = timezone.localdate()
    data = {
        "type": "diversionary",
        "provider": str(provider.pk),
        "description": "Boxing club twice a week",
        **_date("start_on", today),
        **_date("end_on", today - dt.timedelta(days=3)),
    }
    response = client_for(people["coordinator"]).post(
        reverse("channel:intervention-add", args=[case.pk]), data
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "The end date must be the same as or after the start date" in body
    assert "Boxing club twice a week" in body
    assert 'value="diversionary" selected' in body
    assert not Intervention.objects.exists()


def test_decision_for_a_meeting_not_yet_held(people: dict[str, Any], client_for: Callable[..., Any]) -> None:
    case = open_case(people)
    meeting = meeting_today(people, on=timezone.localdate() + dt.timedelta(days=10))
    from prevent.channel import services as C

    item = C.agenda_add_case(actor=people["coordinator"], meeting=meeting, case=case, kind="new_case")
    client = client_for(people["coordinator"])
    response = client.post(
        reverse("channel:decision", args=[meeting.pk, item.pk]),
        {"outcome": "adopt", "rationale": "Clear vulnerability"},
    )
    body = response.content.decode()
    assert "a meeting that has not yet taken place" in body
    assert "Clear vulnerability" in body
    assert not PanelDecision.objects.exists()
    response = client.post(reverse("channel:minutes", args=[meeting.pk]), {"minutes": "Long minutes text"})
    body = response.content.decode()
    assert "You cannot record minutes for a meeting that has not yet taken place" in body
    assert "Long minutes text" in body
    assert PanelMeeting.objects.get(pk=meeting.pk).minutes == ""
    response = client.post(reverse("channel:agenda-notes", args=[meeting.pk, item.pk]), {"notes": "My notes"})
    assert "not yet taken place" in response.content.decode()


def test_decision_without_rationale(people: dict[str, Any], client_for: Callable[..., Any]) -> None:
    case = open_case(people)
    meeting = meeting_today(people)
    from prevent.channel import services as C

    item = C.agenda_add_case(actor=people["coordinator"], meeting=meeting, case=case, kind="new_case")
    response = client_for(people["coordinator"]).post(
        reverse("channel:decision", args=[meeting.pk, item.pk]),
        {"outcome": "not_adopt", "other_mechanism": "Early help", "rationale": ""},
    )
    body = response.content.decode()
    assert "Enter the rationale for the decision" in body
    assert 'value="Early help"' in body
    assert 'value="not_adopt" checked' in body
    assert not PanelDecision.objects.exists()


def test_real_dates_only(people: dict[str, Any], client_for: Callable[..., Any]) -> None:
    case = open_case(people)
    response = client_for(people["coordinator"]).post(
        reverse("channel:case-information-request", args=[case.pk]),
        {
            "agency": str(people["health"].pk),
            "question": "Known to you?",
            "due_on_day": "31",
            "due_on_month": "2",
            "due_on_year": "2030",
        },
    )
    body = response.content.decode()
    assert "The date the answer is due must be a real date" in body
    assert "Known to you?" in body


# ---- Every date has a range that fits what it means --------------------------


def _jan(years: int) -> str:
    return f"1 January {timezone.localdate().year + years}"


def _setup_route(name: str, people: dict[str, Any], provider: Any) -> tuple[str, Any]:
    """The page's URL and who may use it."""
    from prevent.channel import services as C

    if name == "gateway-external":
        return reverse("channel:gateway-external"), people["police"]
    if name == "panel-schedule":
        return reverse("channel:panel-schedule"), people["coordinator"]
    if name == "action-add":
        return reverse("channel:action-add", args=[meeting_today(people).pk]), people["coordinator"]
    if name == "case-information-request":
        return reverse("channel:case-information-request", args=[open_case(people).pk]), people["coordinator"]
    case, _ = adopted_case(people)
    if name == "consent":
        return reverse("channel:consent", args=[case.pk]), people["coordinator"]
    consent_given(people, case)
    case.refresh_from_db()
    if name == "intervention-add":
        return reverse("channel:intervention-add", args=[case.pk]), people["coordinator"]
    intervention = C.intervention_add(
        actor=people["coordinator"],
        case=case,
        type="diversionary",
        provider=provider,
        description="",
        start_on=timezone.localdate() - dt.timedelta(days=30),
        review_on=None,
        end_on=None,
    )
    return reverse("channel:intervention-end", args=[case.pk, intervention.pk]), people["coordinator"]


TODAY = timezone.localdate()
YESTERDAY = TODAY - dt.timedelta(days=1)
TOMORROW = TODAY + dt.timedelta(days=1)

# (page, field, date typed, error shown next to the field)
OUT_OF_RANGE = [
    ("gateway-external", "date_of_birth", dt.date(1, 1, 1), "The date of birth must be after 1900"),
    ("gateway-external", "date_of_birth", TOMORROW, "The date of birth must be today or in the past"),
    (
        "gateway-external",
        "received_on",
        dt.date(TODAY.year - 6, 12, 31),
        f"The date the referral was received must be the same as or after {_jan(-5)}",
    ),
    (
        "gateway-external",
        "received_on",
        dt.date(9999, 12, 31),
        "The date the referral was received must be today or in the past",
    ),
    (
        "case-information-request",
        "due_on",
        YESTERDAY,
        "The date the answer is due must be today or in the future",
    ),
    (
        "case-information-request",
        "due_on",
        dt.date(9999, 12, 31),
        f"The date the answer is due must be before {_jan(2)}",
    ),
    (
        "panel-schedule",
        "first_on",
        dt.date(TODAY.year - 2, 12, 31),
        f"The date of the first meeting must be the same as or after {_jan(-1)}",
    ),
    (
        "panel-schedule",
        "first_on",
        dt.date(TODAY.year + 2, 1, 1),
        f"The date of the first meeting must be before {_jan(2)}",
    ),
    (
        "action-add",
        "due_on",
        dt.date(1900, 1, 1),
        f"The date the action is due must be the same as or after {_jan(-1)}",
    ),
    ("action-add", "due_on", dt.date(9999, 12, 31), f"The date the action is due must be before {_jan(2)}"),
    ("consent", "obtained_on", dt.date(1, 1, 1), "The date of consent must be after 1900"),
    (
        "consent",
        "obtained_on",
        dt.date(TODAY.year - 6, 6, 1),
        f"The date of consent must be the same as or after {_jan(-5)}",
    ),
    ("consent", "reassess_on", YESTERDAY, "The date to reassess must be today or in the future"),
    ("consent", "reassess_on", dt.date(9999, 12, 31), f"The date to reassess must be before {_jan(2)}"),
    (
        "intervention-add",
        "start_on",
        dt.date(TODAY.year - 6, 1, 1),
        f"The start date must be the same as or after {_jan(-5)}",
    ),
    (
        "intervention-add",
        "start_on",
        dt.date(TODAY.year + 2, 1, 1),
        f"The start date must be before {_jan(2)}",
    ),
    ("intervention-add", "review_on", dt.date(9999, 12, 31), f"The review date must be before {_jan(5)}"),
    ("intervention-add", "end_on", dt.date(9999, 12, 31), f"The end date must be before {_jan(10)}"),
    ("intervention-end", "end_on", dt.date(9999, 12, 31), "The end date must be today or in the past"),
    (
        "intervention-end",
        "end_on",
        dt.date(TODAY.year - 6, 1, 1),
        f"The end date must be the same as or after {_jan(-5)}",
    ),
]


@pytest.mark.parametrize(
    ("page", "field", "typed", "message"),
    OUT_OF_RANGE,
    ids=[f"{p}-{f}-{'early' if d < TODAY else 'late'}-{i}" for i, (p, f, d, _) in enumerate(OUT_OF_RANGE)],
)
def test_dates_out_of_range_are_refused_with_a_govuk_message(
    people: dict[str, Any],
    provider: Any,
    client_for: Callable[..., Any],
    page: str,
    field: str,
    typed: dt.date,
    message: str,
) -> None:
    url, user = _setup_route(page, people, provider)
    from prevent.audit.models import AuditEvent

    events_before = AuditEvent.objects.count()
    year = f"{typed.year:04d}"
    data = {f"{field}_day": str(typed.day), f"{field}_month": str(typed.month), f"{field}_year": year}
    response = client_for(user).post(url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert message in body
    # The error is linked from the summary to the field, and the typed year is kept.
    assert f'href="#id_{field}-day"' in body
    assert f'value="{year}"' in body
    assert AuditEvent.objects.count() == events_before  # nothing was written


@pytest.mark.parametrize(
    ("page", "data"),
    [
        ("case-information-request", {"due_on": TODAY}),
        ("panel-schedule", {"first_on": dt.date(TODAY.year + 1, 12, 31)}),
        ("consent", {"obtained_on": TODAY, "reassess_on": dt.date(TODAY.year + 1, 12, 31)}),
        ("intervention-end", {"end_on": TODAY}),
    ],
)
def test_dates_at_the_ends_of_their_range_are_accepted(
    people: dict[str, Any], provider: Any, client_for: Callable[..., Any], page: str, data: dict[str, Any]
) -> None:
    url, user = _setup_route(page, people, provider)
    posted = {k: v for field, day in data.items() for k, v in _date(field, day).items()}
    body = client_for(user).post(url, posted).content.decode()
    for field in data:
        assert f"id_{field}-error" not in body


def test_a_date_question_without_a_range_is_refused() -> None:
    from prevent.channel.forms import _date as date_question

    with pytest.raises(TypeError, match="needs a range"):
        date_question("Date", "the date")
