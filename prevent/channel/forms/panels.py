"""Channel Panel meeting questions."""

from __future__ import annotations

from typing import Any

from django import forms

from prevent.core.forms import GovUKForm

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
    location = _line("Location (optional)")


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


class NotesForm(GovUKForm):
    notes = _text("Notes of the discussion", "Enter the notes of the discussion", rows=8)


class MinutesForm(GovUKForm):
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
