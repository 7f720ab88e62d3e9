"""The old concerns date field, kept only while Channel's forms subclass it
(prevent/channel/forms.py imports `prevent.concerns.forms.GovUKDateField`).
Every concerns form uses prevent.core.fields.GovUKDateField. Delete this
module, and the date branch of the `concerns_field` tag, once Channel has
switched to the core field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from prevent.core import clock


class DateInputWidget(forms.MultiWidget):
    """Day, month and year boxes (rendered by the concerns_field tag)."""

    is_govuk_date = True

    def __init__(self) -> None:
        super().__init__(
            widgets={"day": forms.TextInput(), "month": forms.TextInput(), "year": forms.TextInput()}
        )

    def decompose(self, value: Any) -> list[str]:
        if isinstance(value, dt.date):
            return [str(value.day), str(value.month), str(value.year)]
        return ["", "", ""]


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier (28 February for 29 February); negative
    `years` count forwards."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


class GovUKDateField(forms.Field):
    """A date from three boxes, with the GOV.UK messages for each mistake.

    Every date has a range for what it means: `not_before` and `not_after`
    are functions of today's date (for a date of birth, 120 years ago), and
    without `not_after` a `past_only` date (the default) is today or earlier.
    The Channel forms subclass this field."""

    widget = DateInputWidget

    def __init__(
        self,
        *,
        description: str,
        required_message: str,
        past_only: bool = True,
        not_before: Callable[[dt.date], dt.date] | None = None,
        not_after: Callable[[dt.date], dt.date] | None = None,
        **kwargs: Any,
    ):
        self.description = description  # "the date the concern was observed"
        self.required_message = required_message
        self.past_only = past_only
        self.not_before = not_before
        self.not_after = not_after
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        parts = [str(p or "").strip() for p in (value or ["", "", ""])]
        day, month, year = [*parts, "", "", ""][:3]
        if not any((day, month, year)):
            return None
        subject = self.description[0].upper() + self.description[1:]
        missing = [n for n, v in (("day", day), ("month", month), ("year", year)) if not v]
        if missing:
            raise ValidationError(f"{subject} must include a {' and a '.join(missing)}")
        if not all(p.isascii() and p.isdigit() for p in (day, month, year)):
            raise ValidationError(f"{subject} must be a real date")
        if len(year) != 4:
            raise ValidationError("Year must include 4 numbers")
        try:
            value = dt.date(int(year), int(month), int(day))
        except ValueError as error:
            raise ValidationError(f"{subject} must be a real date") from error
        return value

    def validate(self, value: Any) -> None:
        if value is None and self.required:
            raise ValidationError(self.required_message)
        if value is None:
            return
        subject = self.description[0].upper() + self.description[1:]
        today = clock.today()
        if self.not_after is not None and value > (latest := self.not_after(today)):
            raise ValidationError(f"{subject} must be on or before {_long(latest)}")
        if self.past_only and value > today:
            raise ValidationError(f"{subject} must be today or in the past")
        if self.not_before is not None and value < (earliest := self.not_before(today)):
            raise ValidationError(f"{subject} must be on or after {_long(earliest)}")
        if value.year < 1900:
            raise ValidationError(f"{subject} must be after 1900")
