"""Expiry at the boundaries: the day before, of and after; leap years; a
course with no refresher period."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from prevent.training.models import Completion, CompletionSource, CompletionStatus, Course, add_months


def _completion(course: Course, on: dt.date) -> Completion:
    return Completion(
        course=course,
        completed_on=on,
        valid_until=course.valid_until(on),
        status=CompletionStatus.CONFIRMED,
        source=CompletionSource.DECLARED,
    )


def test_three_years_current_to_the_day_then_expired() -> None:
    course = Course(title="WRAP", refresher_months=36)
    done = _completion(course, dt.date(2023, 5, 10))
    assert done.valid_until == dt.date(2026, 5, 10)
    assert done.is_current(dt.date(2026, 5, 9))  # the day before
    assert done.is_current(dt.date(2026, 5, 10))  # the day of
    assert not done.is_current(dt.date(2026, 5, 11))  # the day after


def test_29_february_plus_three_years_is_28_february() -> None:
    course = Course(title="WRAP", refresher_months=36)
    done = _completion(course, dt.date(2024, 2, 29))
    assert done.valid_until == dt.date(2027, 2, 28)
    assert done.is_current(dt.date(2027, 2, 28))
    assert not done.is_current(dt.date(2027, 3, 1))


def test_29_february_plus_four_years_is_29_february() -> None:
    assert add_months(dt.date(2024, 2, 29), 48) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2025, 11, 30), 3) == dt.date(2026, 2, 28)


def test_a_course_without_a_refresher_never_expires() -> None:
    course = Course(title="Channel panel chair training", refresher_months=None)
    done = _completion(course, dt.date(2001, 1, 1))
    assert done.valid_until is None
    assert done.is_current(dt.date(2099, 12, 31))
    assert not done.is_current(dt.date(2000, 12, 31))  # not before it was done


def test_pending_or_refused_is_never_current() -> None:
    course = Course(title="WRAP", refresher_months=36)
    done = _completion(course, dt.date(2025, 1, 1))
    for status in (CompletionStatus.PENDING, CompletionStatus.REFUSED):
        done.status = status
        assert not done.is_current(dt.date(2025, 6, 1))


@pytest.mark.django_db
def test_the_catalogue_is_seeded(db: Any) -> None:
    titles = set(Course.objects.values_list("title", flat=True))
    assert "Workshop to Raise Awareness of Prevent (WRAP)" in titles
    assert "Channel awareness eLearning" in titles
    assert {"Prevent awareness", "Prevent referrals", "Prevent referrals refresher"} <= titles
    assert "Designated safeguarding lead and SPOC training" in titles
    assert Course.objects.get(title="Channel panel chair training").refresher_months is None
    assert Course.objects.get(title="Channel awareness eLearning").link.startswith("https://")
