"""The GOV.UK date input: one field for every date a person types.

    observed_on = GovUKDateField(
        label="When did it happen?",
        subject="The date the concern was observed",
        help_text="For example, 27 3 2026",
        earliest=date(1900, 1, 1),
        latest=today,
    )

Three boxes, day, month and year (`templates/core/date_input.html`, the
markup of GOV.UK Frontend 6's date-input component), named `<name>_day`,
`<name>_month` and `<name>_year`, with the ids GOV.UK gives them:
`<id>-day`, `<id>-month`, `<id>-year`. What the user typed is shown back.

Every date has a range that fits what it means: a lower bound (`earliest`,
inclusive, or `after`, exclusive) and an upper one (`latest` or `before`).
Each is a date or a function giving one when the form is checked (`today`,
`years_from_today(10)`, `years_ago(120)`), so "within ten years" moves with
the calendar. A field without both bounds is a programming error.

The GOV.UK messages, each naming the date by its `subject`:

- nothing typed: "Enter the date of birth" (when required)
- a box empty: "Date of birth must include a month" / "... a day and year"
- not a date: "Date of birth must be a real date"
- a year that is not 4 digits: "Year must include 4 numbers"
- out of range: "... must be today or in the past", "... must be today or in
  the future", "... must be in the past", "... must be the same as or after
  1 January 1900", "... must be after 1 January 1900", "... must be the same as
  or before 31 December 2035", "... must be before 1 January 2036"

Override any with `error_messages={"invalid": ...}`: the keys are those of
DEFAULT_ERROR_MESSAGES, filled in with `{subject}`, `{the_subject}`,
`{missing}` and `{date}`.

Only the boxes in error are highlighted (a missing month: the month box; a
13th month: the month box; a range error, or an error the form adds: all
three). `DateErrorsMixin` makes the error summary link to the first box in
error, as GOV.UK asks."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BoundField

from prevent.core import clock

DATE_PARTS = ("day", "month", "year")
_LABELS = {"day": "Day", "month": "Month", "year": "Year"}
_WIDTHS = {"day": 2, "month": 2, "year": 4}

Limit = dt.date | Callable[[], dt.date]

_MONTH_NAMES: dict[str, int] = {}
for _number in range(1, 13):
    _MONTH_NAMES[calendar.month_name[_number].lower()] = _number
    _MONTH_NAMES[calendar.month_abbr[_number].lower()] = _number
_MONTH_NAMES["sept"] = 9


def today() -> dt.date:
    """Today in the service's time zone: `latest=today` means "today or in
    the past"."""
    return clock.today()


def _shift_years(day: dt.date, years: int) -> dt.date:
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def years_from_today(years: int) -> Callable[[], dt.date]:
    """A bound `years` after today (29 February becomes the 28th)."""

    def bound() -> dt.date:
        return _shift_years(today(), years)

    bound.__name__ = f"years_from_today({years})"
    return bound


def years_ago(years: int) -> Callable[[], dt.date]:
    """A bound `years` before today."""

    def bound() -> dt.date:
        return _shift_years(today(), -years)

    bound.__name__ = f"years_ago({years})"
    return bound


def govuk_date(day: dt.date) -> str:
    """1 January 2036: a date as GOV.UK writes it."""
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def _resolve(limit: Limit | None) -> dt.date | None:
    if limit is None or isinstance(limit, dt.date):
        return limit
    return limit()


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _lower_first(text: str) -> str:
    # "Date of birth" -> "date of birth", but "SPOC review date" stays.
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


DEFAULT_ERROR_MESSAGES = {
    "required": "Enter {the_subject}",
    "incomplete": "{subject} must include a {missing}",
    "invalid": "{subject} must be a real date",
    "year": "Year must include 4 numbers",
    "today_or_past": "{subject} must be today or in the past",
    "today_or_future": "{subject} must be today or in the future",
    "past": "{subject} must be in the past",
    "future": "{subject} must be in the future",
    "earliest": "{subject} must be the same as or after {date}",
    "after": "{subject} must be after {date}",
    "latest": "{subject} must be the same as or before {date}",
    "before": "{subject} must be before {date}",
}


class GovUKDateWidget(forms.MultiWidget):
    """Three text boxes named <name>_day, <name>_month and <name>_year."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(widgets={part: forms.TextInput() for part in DATE_PARTS}, attrs=attrs)

    def decompress(self, value: Any) -> list[str | None]:
        if isinstance(value, dt.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]


class DateBoundField(BoundField):
    """A bound date field with what its template needs."""

    field: GovUKDateField

    def _typed(self) -> list[str]:
        value = self.value()
        if isinstance(value, dt.date):
            value = [str(value.day), str(value.month), str(value.year)]
        if not isinstance(value, list | tuple):
            value = ["", "", ""]
        return [("" if v is None else str(v)) for v in [*value, "", "", ""][:3]]

    def parts_in_error(self) -> list[str]:
        """The boxes to highlight: those the field's check named, or all
        three when the error came from elsewhere (a range, the form)."""
        if not self.errors:
            return []
        named = self.field.error_parts
        return [p for p in DATE_PARTS if p in named] if named else list(DATE_PARTS)

    @property
    def first_error_id(self) -> str:
        """The id the error summary links to: the first box in error."""
        parts = self.parts_in_error() or ["day"]
        return f"{self.auto_id}-{parts[0]}"

    @property
    def date_items(self) -> list[dict[str, Any]]:
        typed = self._typed()
        in_error = set(self.parts_in_error())
        return [
            {
                "part": part,
                "label": _LABELS[part],
                "id": f"{self.auto_id}-{part}",
                "name": f"{self.html_name}_{part}",
                "value": typed[index],
                "width": _WIDTHS[part],
                "error": part in in_error,
            }
            for index, part in enumerate(DATE_PARTS)
        ]

    @property
    def described_by(self) -> str:
        ids = []
        if self.help_text:
            ids.append(f"{self.auto_id}-hint")
        if self.errors:
            ids.append(f"{self.auto_id}-error")
        return " ".join(ids)


class GovUKDateField(forms.Field):
    """A date typed as day, month and year, in a range, with GOV.UK
    messages (see the module's docstring)."""

    widget = GovUKDateWidget
    bound_field_class = DateBoundField

    def __init__(
        self,
        *,
        subject: str,
        earliest: Limit | None = None,
        after: Limit | None = None,
        latest: Limit | None = None,
        before: Limit | None = None,
        **kwargs: Any,
    ) -> None:
        if (earliest is None) == (after is None) or (latest is None) == (before is None):
            raise TypeError(
                f"The date {subject!r} needs one lower bound (earliest or after) "
                "and one upper bound (latest or before)"
            )
        kwargs.setdefault("template_name", "core/date_input.html")
        messages = kwargs.pop("error_messages", None) or {}
        super().__init__(**kwargs)
        self.subject = subject
        self.earliest, self.after, self.latest, self.before = earliest, after, latest, before
        self.error_messages = {**DEFAULT_ERROR_MESSAGES, **messages}
        self.error_parts: set[str] = set()

    def _error(
        self, code: str, parts: tuple[str, ...] | list[str] = DATE_PARTS, **fill: Any
    ) -> ValidationError:
        self.error_parts = set(parts)
        message = str(self.error_messages[code]).format(
            subject=self.subject[0].upper() + self.subject[1:],
            the_subject=self._the_subject(),
            **fill,
        )
        return ValidationError(message, code=code)

    def _the_subject(self) -> str:
        text = _lower_first(self.subject)
        return text if text.lower().startswith(("the ", "your ", "their ")) else f"the {text}"

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.date):
            return [str(value.day), str(value.month), str(value.year)]
        return value

    def to_python(self, value: Any) -> dt.date | None:
        self.error_parts = set()
        if isinstance(value, dt.date):
            return value
        raw = list(value) if isinstance(value, list | tuple) else ["", "", ""]
        day, month, year = ("".join(str(p or "").split()) for p in [*raw, "", "", ""][:3])
        given = {"day": day, "month": month, "year": year}
        missing = [part for part in DATE_PARTS if not given[part]]
        if len(missing) == 3:
            return None
        if missing:
            raise self._error("incomplete", missing, missing=_join(missing))
        month_number = int(month) if month.isdigit() else _MONTH_NAMES.get(month.lower())
        not_numbers = [
            part
            for part, ok in (
                ("day", day.isdigit()),
                ("month", month_number is not None),
                ("year", year.isdigit()),
            )
            if not ok
        ]
        if not_numbers:
            raise self._error("invalid", not_numbers)
        if len(year) != 4:
            raise self._error("year", ["year"])
        if month_number is None:  # unreachable: not_numbers caught it
            raise self._error("invalid", ["month"])
        wrong = []
        if not 1 <= month_number <= 12:
            wrong.append("month")
        last_day = 31 if wrong else calendar.monthrange(int(year), month_number)[1]
        if not 1 <= int(day) <= last_day:
            wrong.insert(0, "day")
        if int(year) == 0:
            wrong.append("year")
        if wrong:
            raise self._error("invalid", wrong)
        return dt.date(int(year), month_number, int(day))

    def validate(self, value: Any) -> None:
        if value is None:
            if self.required:
                raise self._error("required")
            return
        now = today()
        earliest, after = _resolve(self.earliest), _resolve(self.after)
        latest, before = _resolve(self.latest), _resolve(self.before)
        if earliest is not None and value < earliest:
            raise self._error("today_or_future" if earliest == now else "earliest", date=govuk_date(earliest))
        if after is not None and value <= after:
            raise self._error("future" if after == now else "after", date=govuk_date(after))
        if latest is not None and value > latest:
            raise self._error("today_or_past" if latest == now else "latest", date=govuk_date(latest))
        if before is not None and value >= before:
            raise self._error("past" if before == now else "before", date=govuk_date(before))


class DateErrorsMixin:
    """For a GovUKForm with date fields: the error summary links each date's
    error to its first box in error (GOV.UK), not to the fieldset."""

    def error_summary_items(self: Any) -> list[tuple[str, str]]:
        first_box = {}
        for name, field in self.fields.items():
            if isinstance(field, GovUKDateField) and name in self.errors:
                bound = self[name]
                first_box[bound.auto_id] = bound.first_error_id
        return [(first_box.get(anchor, anchor), message) for anchor, message in super().error_summary_items()]  # type: ignore[misc]
