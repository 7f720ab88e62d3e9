"""The question kinds the Channel forms are made of: text, lines, radios, dates, people."""

from __future__ import annotations

import datetime as dt
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
