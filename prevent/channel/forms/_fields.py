"""The question kinds the Channel forms are made of: text, lines, radios, dates, people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from prevent.concerns.forms import GovUKDateField

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
    return lambda: dt.date(timezone.localdate().year - years, 1, 1)


def _years_ahead(years: int) -> Limit:
    """1 January, `years` years after this one (dates must be before it)."""
    return lambda: dt.date(timezone.localdate().year + years, 1, 1)


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


class _DateField(GovUKDateField):
    """The GOV.UK date with a range that fits what the date means: no
    earlier than `earliest` (inclusive), before `before` (exclusive), and
    today or later when `future_only`. Limits are worked out when the form
    is checked, so "within 2 years" moves with the calendar."""

    def __init__(
        self,
        *,
        earliest: Limit | None = None,
        before: Limit | None = None,
        future_only: bool = False,
        **kwargs: Any,
    ) -> None:
        self.earliest = earliest
        self.before = before
        self.future_only = future_only
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is None:
            return
        subject = self.description[0].upper() + self.description[1:]
        if self.future_only and value < timezone.localdate():
            raise ValidationError(f"{subject} must be today or in the future")
        if self.earliest is not None and value < (earliest := self.earliest()):
            raise ValidationError(f"{subject} must be the same as or after {_day(earliest)}")
        if self.before is not None and value >= (before := self.before()):
            raise ValidationError(f"{subject} must be before {_day(before)}")


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
) -> Any:
    """A date question. Give every date a range for what it means: past
    dates an `earliest`, planned dates a `before` ("within N years")."""
    if not (past_only or before) or not (future_only or earliest):
        raise TypeError(f"The date '{label}' needs a range: an earliest date and a latest one")
    return _DateField(
        label=label,
        description=description,
        required_message=required_message,
        required=bool(required_message),
        past_only=past_only,
        future_only=future_only,
        earliest=earliest,
        before=before,
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
