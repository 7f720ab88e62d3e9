"""The audit viewer's filters: a GET form, GOV.UK markup, GOV.UK messages.

Dates use the GOV.UK date input (prevent.core.fields.GovUKDateField), from
1 January 2000 to today."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, cast

from django import forms

from prevent.core.fields import DateErrorsMixin, GovUKDateField, today
from prevent.core.forms import GovUKForm

from .selectors import AuditFilters

# The audit log has nothing older than the service, and nothing from the future.
EARLIEST_FILTER_DATE = date(2000, 1, 1)


def _date_filter(subject: str, example: str) -> GovUKDateField:
    return GovUKDateField(
        subject=subject,
        label=subject,
        required=False,
        earliest=EARLIEST_FILTER_DATE,
        latest=today,
        help_text=f"For example, {example}",
        error_messages={"year": "Year of {the_subject} must include 4 numbers"},
    )


class AuditFilterForm(DateErrorsMixin, GovUKForm):
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
    date_from = _date_filter("From date", "27 3 2026")
    date_to = _date_filter("To date", "31 3 2026")

    def __init__(
        self,
        *args: Any,
        actions: Sequence[tuple[str, list[tuple[str, str]]]] = (),
        object_types: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        action_field = cast(forms.ChoiceField, self.fields["action"])
        action_field.choices = [("", "All actions"), *actions]
        type_field = cast(forms.ChoiceField, self.fields["object_type"])
        type_field.choices = [("", "All record types"), *((t, t) for t in object_types)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", "To date must be the same as or after the from date")
        return cleaned

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
