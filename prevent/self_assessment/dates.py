"""The sensible range of each self-assessment date, and its GOV.UK message.

Every date here is within `YEARS` years either side of today: an assessment
is dated today or in the past (at most `YEARS` years ago), its review and
its actions fall due no more than `YEARS` years ahead. The forms show these
messages next to the field; the services refuse the same dates."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

YEARS = 10


def years_from(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a year that has none
        return day.replace(year=day.year + years, day=28)


def earliest() -> date:
    return years_from(timezone.localdate(), -YEARS)


def latest() -> date:
    return years_from(timezone.localdate(), YEARS)


def today() -> date:
    return timezone.localdate()


def shown(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def out_of_range(subject: str, value: date, first: date | None, last: date | None) -> str:
    """The GOV.UK message when `value` is outside [first, last], else ""."""
    if (first is None or value >= first) and (last is None or value <= last):
        return ""
    now = today()
    if last == now and value > now:
        return f"{subject} must be today or in the past"
    if first == now and value < now:
        return f"{subject} must be today or in the future"
    if first is not None and last is not None and now not in (first, last):
        return f"{subject} must be between {shown(first)} and {shown(last)}"
    if first is not None and value < first:
        return f"{subject} must be the same as or after {shown(first)}"
    if last is not None and value > last:
        return f"{subject} must be the same as or before {shown(last)}"
    return ""
