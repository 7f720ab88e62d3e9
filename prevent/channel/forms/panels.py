"""Channel Panel meeting questions."""

from __future__ import annotations

from typing import Any

from django import forms

from prevent.core.forms import GovUKForm
from prevent.core.versioning import VersionedForm

from ..models import (
    AgendaKind,
    AttendanceStatus,
)
from ._fields import (
    DateForm,
    _date,
    _line,
    _radios,
    _text,
    _time,
    _UserChoice,
    _UsersChoice,
    _years_ago,
    _years_ahead,
)


class ScheduleForm(DateForm):
    first_on = _date(
        "Date of the first meeting",
        "the date of the first meeting",
        "Enter the date of the first meeting",
        earliest=_years_ago(1),
        before=_years_ahead(2),
    )
    months = forms.IntegerField(
        label="Number of monthly meetings",
        min_value=1,
        max_value=24,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter the number of meetings",
            "invalid": "The number of meetings must be a number",
            "min_value": "The number of meetings must be between 1 and 24",
            "max_value": "The number of meetings must be between 1 and 24",
        },
    )
    starts_at = _time("Start time (optional)", "the start time")
    ends_at = _time("End time (optional)", "the end time")
    location = _line("Place (optional)", help_text="For example, the room and building")
    online_link = _line(
        "Online meeting link (optional)",
        max_length=500,
        help_text="The address to join the meeting online, starting with https://",
    )

    def clean(self) -> dict[str, Any]:
        return _clean_times(self, super().clean() or {})


class MeetingDetailsForm(GovUKForm):
    starts_at = _time("Start time", "the start time", required=True)
    ends_at = _time("End time", "the end time", required=True)
    location = _line("Place (optional)", help_text="For example, the room and building")
    online_link = _line(
        "Online meeting link (optional)",
        max_length=500,
        help_text="The address to join the meeting online, starting with https://",
    )

    def clean(self) -> dict[str, Any]:
        return _clean_times(self, super().clean() or {})


def _clean_times(form: forms.Form, data: dict[str, Any]) -> dict[str, Any]:
    """End after start; a link that is an https:// address."""
    starts, ends = data.get("starts_at"), data.get("ends_at")
    if starts is not None and ends is not None and ends <= starts:
        form.add_error("ends_at", "The end time must be after the start time")
    elif ends is not None and starts is None and "starts_at" not in form.errors:
        form.add_error("starts_at", "Enter the start time")
    link = (data.get("online_link") or "").strip()
    if link and not link.lower().startswith("https://"):
        form.add_error("online_link", "Enter the online meeting link starting with https://")
    return data


class MembersForm(GovUKForm):
    members = _UsersChoice(
        label="Panel members", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = people  # type: ignore[attr-defined]


class AgendaAddForm(GovUKForm):
    case: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Case",
        queryset=None,
        empty_label="Select a case",
        error_messages={"required": "Select the case"},
    )
    kind = _radios("Why is it on the agenda?", AgendaKind.choices, "Select why the case is on the agenda")

    def __init__(self, *args: Any, cases: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases  # type: ignore[attr-defined]
        self.fields["case"].label_from_instance = lambda c: c.reference  # type: ignore[attr-defined]


class AttendanceForm(GovUKForm):
    agency: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Agency",
        queryset=None,
        empty_label="Select an agency",
        error_messages={"required": "Select the agency"},
    )
    representative = _line("Representative's name", "Enter the name of the agency's representative")
    status = _radios(
        "Attendance", AttendanceStatus.choices, "Select whether they attended or sent apologies", inline=True
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class NotesForm(VersionedForm, GovUKForm):
    notes = _text("Notes of the discussion", "Enter the notes of the discussion", rows=8)


class MinutesForm(VersionedForm, GovUKForm):
    minutes = _text("Minutes", "Enter the minutes of the meeting", rows=10)


class ActionForm(DateForm):
    case: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Case (optional)", queryset=None, required=False, empty_label="No case"
    )
    description = _text("Action", "Enter the action", rows=3)
    owner = _UserChoice(
        label="Owner",
        queryset=None,
        empty_label="Select the owner",
        error_messages={"required": "Select the owner"},
    )
    due_on = _date(
        "Due by",
        "the date the action is due",
        "Enter the date the action is due",
        earliest=_years_ago(1),
        before=_years_ahead(2),
    )

    def __init__(self, *args: Any, cases: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases  # type: ignore[attr-defined]
        self.fields["case"].label_from_instance = lambda c: c.reference  # type: ignore[attr-defined]
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]
