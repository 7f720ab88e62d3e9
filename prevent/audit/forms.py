"""The audit viewer's filters: a GET form, GOV.UK markup, GOV.UK messages.

Dates use the GOV.UK date input (day, month and year boxes) with the
pattern's own error messages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from prevent.core.forms import GovUKForm

from .models import action_label
from .selectors import AuditFilters

DATE_PARTS = ("day", "month", "year")
# The audit log has nothing older than the service, and nothing from the future.
EARLIEST_FILTER_DATE = date(2000, 1, 1)
_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


class GovUKDateWidget(forms.MultiWidget):
    """Three text boxes named <name>_day, <name>_month and <name>_year."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(widgets={part: forms.TextInput() for part in DATE_PARTS}, attrs=attrs)

    def decompress(self, value: Any) -> list[str | None]:
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]


def _join(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


class GovUKDateField(forms.Field):
    """An optional date typed as day, month and year.

    `subject` names the date in messages ("From date must include a month").
    It takes dates from `EARLIEST_FILTER_DATE` to today. After cleaning,
    `error_parts` holds the boxes to mark as in error."""

    widget = GovUKDateWidget

    def __init__(self, *, subject: str, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        # Not a class attribute: Field.__init__ sets template_name from its
        # argument, so a class attribute would be overwritten with None.
        kwargs.setdefault("template_name", "audit/forms/date_input.html")
        super().__init__(**kwargs)
        self.subject = subject
        self.error_parts: set[str] = set()

    def to_python(self, value: Any) -> date | None:
        self.error_parts = set()
        if isinstance(value, date):
            return value
        raw = list(value) if isinstance(value, (list, tuple)) else ["", "", ""]
        day, month, year = (str(part or "").strip() for part in [*raw, "", "", ""][:3])
        given = {"day": day, "month": month, "year": year}
        missing = [part for part in DATE_PARTS if not given[part]]
        if len(missing) == 3:
            return None
        if missing:
            self.error_parts = set(missing)
            raise ValidationError(f"{self.subject} must include a {_join(missing)}", code="incomplete")
        month_number = _MONTH_NAMES.get(month.lower()) if not month.isdigit() else int(month)
        if not day.isdigit() or month_number is None:
            self.error_parts = set(DATE_PARTS)
            raise ValidationError(f"{self.subject} must be a real date", code="invalid")
        if not (year.isdigit() and len(year) == 4):
            self.error_parts = {"year"}
            raise ValidationError(f"Year of the {self.subject.lower()} must include 4 numbers", code="year")
        try:
            return date(int(year), month_number, int(day))
        except ValueError:
            self.error_parts = set(DATE_PARTS)
            raise ValidationError(f"{self.subject} must be a real date", code="invalid") from None

    def validate(self, value: Any) -> None:
        super().validate(value)
        if not isinstance(value, date):
            return
        if value < EARLIEST_FILTER_DATE:
            self.error_parts = set(DATE_PARTS)
            raise ValidationError(
                f"{self.subject} must be the same as or after 1 January {EARLIEST_FILTER_DATE.year}",
                code="too_early",
            )
        if value > timezone.localdate():
            self.error_parts = set(DATE_PARTS)
            raise ValidationError(f"{self.subject} must be today or in the past", code="future")


class AuditFilterForm(GovUKForm):
    who = forms.CharField(
        label="Who",
        help_text="Part of the person's name or email address",
        required=False,
        max_length=200,
        error_messages={"max_length": "Who must be 200 characters or fewer"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
    )
    action = forms.ChoiceField(
        label="Action",
        required=False,
        choices=[],
        error_messages={"invalid_choice": "Select an action from the list"},
    )
    object_type = forms.ChoiceField(
        label="Record type",
        required=False,
        choices=[],
        error_messages={"invalid_choice": "Select a record type from the list"},
    )
    object_id = forms.CharField(
        label="Record ID",
        required=False,
        max_length=64,
        error_messages={"max_length": "Record ID must be 64 characters or fewer"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    date_from = GovUKDateField(subject="From date", label="From date", help_text="For example, 27 3 2026")
    date_to = GovUKDateField(subject="To date", label="To date", help_text="For example, 31 3 2026")

    def __init__(
        self,
        *args: Any,
        actions: Sequence[str] = (),
        object_types: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        action_field = cast(forms.ChoiceField, self.fields["action"])
        action_field.choices = [("", "All actions"), *((a, action_label(a)) for a in actions)]
        type_field = cast(forms.ChoiceField, self.fields["object_type"])
        type_field.choices = [("", "All record types"), *((t, t) for t in object_types)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            to_field = cast(GovUKDateField, self.fields["date_to"])
            to_field.error_parts = set(DATE_PARTS)
            self.add_error("date_to", "To date must be the same as or after the from date")
        return cleaned

    def error_summary_items(self) -> list[tuple[str, str]]:
        """Date errors link to the first box in error, as GOV.UK asks."""
        items = []
        for anchor, message in super().error_summary_items():
            for name in ("date_from", "date_to"):
                field = self.fields[name]
                if anchor == self[name].auto_id and isinstance(field, GovUKDateField):
                    first = next((p for p in DATE_PARTS if p in field.error_parts), "day")
                    anchor = f"{anchor}_{first}"
            items.append((anchor, message))
        return items

    def filters(self) -> AuditFilters:
        data = self.cleaned_data
        return AuditFilters(
            who=(data.get("who") or "").strip(),
            action=data.get("action") or "",
            object_type=data.get("object_type") or "",
            object_id=(data.get("object_id") or "").strip(),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )

    def describe(self) -> list[str]:
        """The filters in use, in words, for the audit event of the viewing."""
        f = self.filters()
        described = []
        if f.who:
            described.append(f"who contains {f.who!r}")
        if f.action:
            described.append(f"action is {f.action}")
        if f.object_type:
            described.append(f"record type is {f.object_type}")
        if f.object_id:
            described.append(f"record ID is {f.object_id}")
        if f.date_from:
            described.append(f"from {f.date_from.isoformat()}")
        if f.date_to:
            described.append(f"to {f.date_to.isoformat()}")
        return described
