"""Hostile input on the concern pages (issue 8, points 2 and 10): a step
keeps only its validated, known fields, never the raw POST; hidden and
control characters are refused next to the field; every date has a range."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from prevent.concerns import forms as F
from prevent.concerns import services
from prevent.concerns import steps as S
from prevent.concerns.models import Concern
from prevent.core.fields import years_ago

from .conftest import make_draft

pytestmark = pytest.mark.django_db

NUL = "\x00"


@pytest.fixture
def draft(practitioner: Any) -> Concern:
    return make_draft(practitioner)


def _stored(concern: Concern) -> str:
    concern.refresh_from_db()
    return json.dumps(concern.answers)


def test_a_nul_in_a_step_is_refused_next_to_the_field_and_not_stored(
    practitioner: Any, client_for: Any, draft: Concern
) -> None:
    response = client_for(practitioner).post(
        reverse("concerns:step", args=[draft.pk, "concern"]),
        {
            "what_happened": f"He said{NUL} he admired an attacker.",
            "observed_on_day": "3",
            "observed_on_month": "2",
            "observed_on_year": "2026",
            "location": "Library",
            "how_came_to_notice": "I saw it.",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    message = (
        "The answer to &#x27;What was seen or heard?&#x27; must not contain hidden or control characters"
    )
    assert page.count(message) == 2  # in the summary and next to the field
    assert 'value="Library"' in page  # what was typed is kept on the page
    stored = _stored(draft)
    assert "\\u0000" not in stored
    # The fields that were valid are kept; the refused one is not.
    assert draft.answers["concern"]["location"] == ["Library"]
    assert "what_happened" not in draft.answers["concern"]
    assert draft.what_happened == "Shared extremist videos in class."
    assert "concern" not in draft.completed_steps


@pytest.mark.parametrize("step", [S.EMERGENCY_CALL, S.PERSON, S.CONCERN, S.FACTORS, S.INFLUENCES])
@pytest.mark.parametrize("hostile", [NUL, "\u202e", "\x1b[31m", "\x85", "\u2066"])
def test_no_text_input_of_any_step_stores_hidden_characters(
    practitioner: Any, client_for: Any, guidance: Any, step: str, hostile: str
) -> None:
    draft = make_draft(practitioner, emergency="yes")
    form, _ = _form_for(step, draft)
    text_fields = [name for name, field in form.fields.items() if isinstance(field, forms.CharField)]
    assert text_fields
    data = {name: f"Text {hostile} here" for name in text_fields}
    response = client_for(practitioner).post(reverse("concerns:step", args=[draft.pk, step]), data)
    assert response.status_code == 200
    assert "must not contain hidden or control characters" in response.content.decode()
    stored = _stored(draft)
    assert hostile not in stored and json.dumps(hostile)[1:-1] not in stored
    assert step not in draft.completed_steps


def _form_for(step: str, concern: Concern) -> Any:
    return S.STEPS_BY_SLUG[step].make_form(concern), {}


def test_unknown_posted_keys_are_not_kept(practitioner: Any, client_for: Any, draft: Concern) -> None:
    url = reverse("concerns:step", args=[draft.pk, "support"])
    response = client_for(practitioner).post(
        url, {"person_aware": "yes", "care_needs": ["social_isolation"], "injected_key": "x" * 5000}
    )
    assert response.status_code == 302
    assert draft.answers is not None
    assert "injected_key" not in _stored(draft)
    assert draft.answers["support"] == {"care_needs": ["social_isolation"], "person_aware": ["yes"]}
    # An invalid post keeps no unknown key either.
    client_for(practitioner).post(url, {"person_aware": "maybe", "another_key": "y"})
    assert "another_key" not in _stored(draft) and "maybe" not in _stored(draft)


def test_a_step_shows_its_saved_answers_again(practitioner: Any, client_for: Any, draft: Concern) -> None:
    client = client_for(practitioner)
    url = reverse("concerns:step", args=[draft.pk, "person"])
    client.post(
        url,
        {
            "person_name": "Robin Newname",
            "person_date_of_birth_day": "4",
            "person_date_of_birth_month": "5",
            "person_date_of_birth_year": "2010",
            "person_gender": "female",
            "person_postcode": "ox1 1aa",
            "person_address": f"1 High St{NUL}",
        },
    )
    page = client.get(url).content.decode()
    assert 'value="Robin Newname"' in page and 'value="2010"' in page and 'value="OX1 1AA"' in page
    # The refused address was not kept, so it is not shown again.
    assert "1 High St" not in page
    draft.refresh_from_db()
    assert "person" not in draft.completed_steps and "person_address" not in draft.answers["person"]


def test_the_service_keeps_only_plain_answers(practitioner: Any, draft: Concern) -> None:
    concern = services.concern_save_step(
        actor=practitioner,
        concern=draft,
        step=S.CONCERN,
        answers={
            "location": ["Library"],
            "what_happened": [f"a{NUL}b"],
            "Bad Key!": ["x"],
            "how_came_to_notice": [{"nested": "object"}],  # type: ignore[list-item]
        },
        cleaned=None,
    )
    assert concern.answers["concern"] == {"location": ["Library"]}


# Dates (point 10).


def _person_post(client: Any, draft: Concern, day: dt.date) -> str:
    return client.post(
        reverse("concerns:step", args=[draft.pk, "person"]),
        {
            "person_name": "Robin Newname",
            "person_date_of_birth_day": day.day,
            "person_date_of_birth_month": day.month,
            "person_date_of_birth_year": day.year,
            "person_gender": "female",
        },
    ).content.decode()


def test_a_date_of_birth_more_than_120_years_ago_is_refused(
    practitioner: Any, client_for: Any, draft: Concern
) -> None:
    earliest = years_ago(120)()
    page = _person_post(client_for(practitioner), draft, earliest - dt.timedelta(days=1))
    assert f"Date of birth must be on or after {earliest.day} {earliest:%B %Y}" in page
    draft.refresh_from_db()
    assert draft.person_date_of_birth == dt.date(2010, 5, 4)
    response = client_for(practitioner).post(
        reverse("concerns:step", args=[draft.pk, "person"]),
        {
            "person_name": "Robin Newname",
            "person_date_of_birth_day": earliest.day,
            "person_date_of_birth_month": earliest.month,
            "person_date_of_birth_year": earliest.year,
            "person_gender": "female",
        },
    )
    assert response.status_code == 302


@pytest.mark.parametrize(("years", "accepted"), [(11, False), (9, True)])
def test_a_concern_observed_more_than_10_years_ago_is_refused(
    practitioner: Any, client_for: Any, draft: Concern, years: int, accepted: bool
) -> None:
    day = years_ago(years)()
    response = client_for(practitioner).post(
        reverse("concerns:step", args=[draft.pk, "concern"]),
        {
            "what_happened": "Seen",
            "observed_on_day": day.day,
            "observed_on_month": day.month,
            "observed_on_year": day.year,
            "location": "Library",
            "how_came_to_notice": "Told",
        },
    )
    assert (response.status_code == 302) is accepted
    if not accepted:
        assert "The date the concern was observed must be on or after" in response.content.decode()


@pytest.mark.parametrize(
    ("sent", "expected", "message"),
    [
        (-400, None, "The date the referral was sent must be on or after"),
        (0, 400, "The expected response date must be on or before"),
        (0, -400, "The expected response date must be on or after"),
        (-10, -20, "The expected response date must be on or after the date sent"),
        (0, None, ""),
        (-10, 30, ""),
    ],
)
def test_referral_dates_have_a_range(sent: int, expected: int | None, message: str) -> None:
    today = timezone.localdate()
    data: dict[str, Any] = {"destination": "childrens_social_care", "method": "email"}
    for prefix, offset in (("sent_on", sent), ("expected_response_on", expected)):
        if offset is not None:
            day = today + dt.timedelta(days=offset)
            data |= {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}
    form = F.ReferralForm(data)
    assert form.is_valid() is (not message), form.errors.as_data()
    if message:
        assert any(message in str(e) for errors in form.errors.values() for e in errors)


@pytest.mark.parametrize("year", ["0002020", "99999999999999999999", "20x0"])
def test_odd_years_are_refused_with_a_message(year: str) -> None:
    form = F.ConcernDetailsForm(
        {
            "what_happened": "Seen",
            "observed_on_day": "1",
            "observed_on_month": "1",
            "observed_on_year": year,
            "location": "Library",
            "how_came_to_notice": "Told",
        }
    )
    assert not form.is_valid()
    assert form.errors["observed_on"]
