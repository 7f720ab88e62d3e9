"""Every self-assessment date has a sensible range (issue 8, point 10):
01/01/0001 and 31/12/9999 used to be accepted. Dates are within ten years
either side of today, with the GOV.UK message next to the field; the
services refuse the same dates."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from prevent.self_assessment import dates, services
from prevent.self_assessment.models import AssessmentAction, Objective

from .conftest import today

pytestmark = pytest.mark.django_db

FIRST, LAST = date(1, 1, 1), date(9999, 12, 31)


def typed(name: str, value: date) -> dict[str, str]:
    return {
        f"{name}_day": str(value.day),
        f"{name}_month": str(value.month),
        f"{name}_year": f"{value.year:04}",
    }


def span() -> tuple[str, str]:
    return dates.shown(dates.earliest()), dates.shown(dates.latest())


def action_data(due: date) -> dict[str, str]:
    return {
        "description": "Book WRAP",
        "owner": "Deputy head",
        "status": "not_started",
        **typed("due_on", due),
    }


@pytest.mark.parametrize("due", [FIRST, LAST])
def test_an_action_due_date_far_out_of_range_is_refused_with_a_govuk_message(
    due: date, spoc: Any, start: Any, client_for: Any
) -> None:
    assessment = start()
    client = client_for(spoc)
    url = reverse("self_assessment:action-add", args=[assessment.pk, 1])
    response = client.post(url, action_data(due))
    assert response.status_code == 200
    first, last = span()
    message = f"Due date must be between {first} and {last}"
    assert message in response.text
    assert f'<a href="#id_due_on-day">{message}</a>' in response.text
    assert "govuk-input--error" in response.text
    assert f'value="{due.year:04}"' in response.text  # what was typed is kept
    assert not AssessmentAction.objects.exists()


def test_an_action_due_date_at_the_edges_is_taken(spoc: Any, start: Any, client_for: Any) -> None:
    assessment = start()
    client = client_for(spoc)
    url = reverse("self_assessment:action-add", args=[assessment.pk, 1])
    for due in (dates.earliest(), dates.latest()):
        assert client.post(url, action_data(due)).status_code == 302
    for due in (dates.earliest() - timedelta(days=1), dates.latest() + timedelta(days=1)):
        assert "Due date must be between" in client.post(url, action_data(due)).text
    assert AssessmentAction.objects.count() == 2


@pytest.mark.parametrize(
    ("assessed", "review", "field", "message"),
    [
        (FIRST, None, "assessed_on", "Date of assessment must be the same as or after {first}"),
        (LAST, None, "assessed_on", "Date of assessment must be today or in the past"),
        (None, LAST, "review_due_on", "Date to be reviewed must be between {first} and {last}"),
    ],
)
def test_assessment_dates_far_out_of_range_are_refused(
    assessed: date | None, review: date | None, field: str, message: str, spoc: Any, client_for: Any
) -> None:
    first, last = span()
    data = {
        "assessor_names": "Sam Spoc",
        **typed("assessed_on", assessed or today() - timedelta(days=1)),
        **typed("review_due_on", review or today() + timedelta(days=365)),
    }
    response = client_for(spoc).post(reverse("self_assessment:start"), data)
    assert response.status_code == 200
    expected = message.format(first=first, last=last)
    assert f'<a href="#id_{field}-day">{expected}</a>' in response.text


def test_the_services_refuse_the_same_dates(spoc: Any, start: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        start(assessed_on=FIRST)
    assert "assessed_on" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        start(review_due_on=LAST)
    assert "review_due_on" in caught.value.message_dict
    assessment = start()
    objective = Objective.objects.get(version_id=assessment.template_version_id, number=1)
    with pytest.raises(ValidationError) as caught:
        services.action_save(
            actor=spoc,
            assessment=assessment,
            objective=objective,
            description="Book WRAP",
            owner="Deputy head",
            due_on=LAST,
            status="not_started",
        )
    assert caught.value.message_dict["due_on"] == [f"Due date must be between {span()[0]} and {span()[1]}"]


def test_ten_years_on_from_a_leap_day_is_the_28th() -> None:
    with mock.patch("django.utils.timezone.localdate", return_value=date(2028, 2, 29)):
        assert dates.latest() == date(2038, 2, 28)
        assert dates.earliest() == date(2018, 2, 28)
