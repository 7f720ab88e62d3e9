"""The question kinds the Channel forms are made of: text, lines, radios, dates, people."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from prevent.core import clock
from prevent.core.fields import DateErrorsMixin, GovUKDateField, today
from prevent.core.forms import GovUKForm

TEXT_LIMIT = 20_000


EARLIEST_BIRTH = dt.date(1900, 1, 1)


def _text(label: str, required_message: str = "", rows: int = 5, help_text: str = "") -> Any:
    return forms.CharField(
        label=label,
        required=bool(required_message),
        error_messages={"required": required_message} if required_message else {},
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=TEXT_LIMIT,
        help_text=help_text,
    )


def _line(label: str, required_message: str = "", width: str = "govuk-!-width-two-thirds", **kw: Any) -> Any:
    return forms.CharField(
        label=label,
        required=bool(required_message),
        error_messages={"required": required_message} if required_message else {},
        widget=forms.TextInput(attrs={"class": width}),
        max_length=kw.pop("max_length", 200),
        **kw,
    )


def _radios(label: str, choices: Any, required_message: str, **attrs: Any) -> Any:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect(attrs=attrs),
        error_messages={"required": required_message},
    )


Limit = Callable[[], dt.date]


def _years_ago(years: int) -> Limit:
    """1 January, `years` years before this one (the earliest date allowed)."""
    return lambda: dt.date(clock.today().year - years, 1, 1)


def _years_ahead(years: int) -> Limit:
    """1 January, `years` years after this one (dates must be before it)."""
    return lambda: dt.date(clock.today().year + years, 1, 1)


class DateForm(DateErrorsMixin, GovUKForm):
    """A form with date questions: the error summary links to the first box in error."""


class ChannelDateField(GovUKDateField):
    """The core GOV.UK date field; a year before 1900 keeps the message it
    has always had on these pages (before the range is looked at)."""

    def validate(self, value: Any) -> None:
        if isinstance(value, dt.date) and value.year < 1900:
            raise ValidationError(
                f"{self.subject[0].upper()}{self.subject[1:]} must be after 1900", code="year_1900"
            )
        super().validate(value)


def _date(
    label: str,
    description: str,
    required_message: str = "",
    *,
    past_only: bool = False,
    future_only: bool = False,
    earliest: Limit | None = None,
    before: Limit | None = None,
    hint: str = "",
) -> ChannelDateField:
    """A date question. Give every date a range for what it means: past
    dates (`past_only`: today or earlier) an `earliest`, planned dates
    (`future_only`: today or later) a `before` ("within N years"). Limits
    are worked out when the form is checked, so they move with the calendar."""
    if not (past_only or before) or not (future_only or earliest):
        raise TypeError(f"The date '{label}' needs a range: an earliest date and a latest one")
    if (past_only and before) or (future_only and earliest):
        raise TypeError(f"The date '{label}' has two earliest or two latest dates")
    return ChannelDateField(
        label=label,
        subject=description,
        required=bool(required_message),
        error_messages={"required": required_message} if required_message else None,
        earliest=today if future_only else earliest,
        latest=today if past_only else None,
        before=None if past_only else before,
        help_text=hint or "For example, 27 3 2026",
    )


class _UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        org = getattr(obj, "organisation", None)
        return f"{obj.full_name} ({org.name})" if org else obj.full_name


class _UsersChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        org = getattr(obj, "organisation", None)
        return f"{obj.full_name} ({org.name})" if org else obj.full_name


_TIME = re.compile(r"^(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?$")


def parse_time(text: str) -> dt.time | None:
    """A time as people write it: "10am", "2:30pm", "14:30", "9.15", "midday"."""
    value = " ".join(text.lower().split())
    if value in ("midday", "noon", "12 noon"):
        return dt.time(12, 0)
    match = _TIME.match(value.replace(" ", "") if value.endswith("m") else value)
    if match is None:
        return None
    hour, minute = int(match["h"]), int(match["m"] or 0)
    ampm = (match["ampm"] or "").replace(".", "")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    elif match["m"] is None:
        return None  # "10" alone: morning or evening?
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


class TimeField(forms.Field):
    """A GOV.UK text question for a time of day ("10am", "14:30")."""

    def __init__(self, *, label: str, subject: str, required: bool = False, **kwargs: Any) -> None:
        self.subject = subject
        super().__init__(
            label=label,
            required=required,
            help_text="For example, 10am, 2:30pm or 14:30",
            error_messages={"required": f"Enter {subject}"},
            widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "autocomplete": "off"}),
            **kwargs,
        )

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.time):
            return value.strftime("%-I:%M%p").lower().replace(":00", "")
        return value

    def to_python(self, value: Any) -> dt.time | None:  # type: ignore[override]
        text = str(value or "").strip()
        if not text:
            return None
        parsed = parse_time(text) if len(text) <= 20 else None
        if parsed is None:
            raise ValidationError(
                f"Enter {self.subject} as a real time, for example 10am, 2:30pm or 14:30", code="invalid"
            )
        return parsed


def _time(label: str, subject: str, *, required: bool = False) -> TimeField:
    return TimeField(label=label, subject=subject, required=required)
