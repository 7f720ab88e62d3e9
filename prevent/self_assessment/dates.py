"""The sensible range of each self-assessment date, and its GOV.UK message.

Every date here is within `YEARS` years either side of today: an assessment
is dated today or in the past (at most `YEARS` years ago), its review and
its actions fall due no more than `YEARS` years ahead. Each date is one
`prevent.core.fields.GovUKDateField` made here; the forms show it and the
services check the same field (`check`), so both refuse the same dates
with the same words."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import lazy

from prevent.core.fields import GovUKDateField, govuk_date, today, years_ago, years_from_today

YEARS = 10

earliest: Callable[[], date] = years_ago(YEARS)
latest: Callable[[], date] = years_from_today(YEARS)
shown = govuk_date


def _between(subject: str) -> str:
    return f"{subject} must be between {govuk_date(earliest())} and {govuk_date(latest())}"


def _between_messages(subject: str) -> dict[str, Any]:
    """Both bounds move with today, so the message is worked out when shown."""
    message = lazy(_between, str)(subject)
    return {"earliest": message, "latest": message}


def assessed_on(**kwargs: Any) -> GovUKDateField:
    return GovUKDateField(subject="Date of assessment", earliest=earliest, latest=today, **kwargs)


def review_due_on(**kwargs: Any) -> GovUKDateField:
    subject = "Date to be reviewed"
    return GovUKDateField(
        subject=subject, earliest=earliest, latest=latest, error_messages=_between_messages(subject), **kwargs
    )


def due_on(**kwargs: Any) -> GovUKDateField:
    subject = "Due date"
    return GovUKDateField(
        subject=subject, earliest=earliest, latest=latest, error_messages=_between_messages(subject), **kwargs
    )


FIELDS: dict[str, Callable[..., GovUKDateField]] = {
    "assessed_on": assessed_on,
    "review_due_on": review_due_on,
    "due_on": due_on,
}


def check(**values: date) -> dict[str, str]:
    """{name: message} for each date (by its field name) out of its range."""
    errors: dict[str, str] = {}
    for name, value in values.items():
        try:
            FIELDS[name]().clean(value)
        except ValidationError as error:
            errors[name] = error.messages[0]
    return errors
