"""Forms of the people pages: search, the list's filters, merge and undo."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from prevent.core.forms import GovUKForm

from .search import MAX_QUERY


class SearchForm(GovUKForm):
    q = forms.CharField(
        label="Search for a person",
        help_text="Name, other name, date of birth, year of birth, postcode or a reference (PH-, CH-, GW-)",
        max_length=MAX_QUERY,
        required=False,
        error_messages={"max_length": f"Search must be {MAX_QUERY} characters or fewer"},
    )

    def clean_q(self) -> str:
        return str(self.cleaned_data.get("q") or "").strip()


class PeopleFilterForm(GovUKForm):
    name = forms.CharField(
        label="Name",
        max_length=100,
        required=False,
        error_messages={"max_length": "Name must be 100 characters or fewer"},
    )
    year_of_birth = forms.IntegerField(
        label="Year of birth",
        required=False,
        min_value=1900,
        max_value=2100,
        error_messages={
            "invalid": "Year of birth must be a number, like 2010",
            "min_value": "Year of birth must be 1900 or later",
            "max_value": "Year of birth must be 2100 or earlier",
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
    )
    open_only = forms.BooleanField(label="Only people with open records", required=False)

    def describe(self) -> dict[str, str]:
        data: dict[str, Any] = self.cleaned_data
        return {k: str(v) for k, v in data.items() if v not in (None, "", False)}


class ReasonForm(GovUKForm):
    reason = forms.CharField(
        label="Why are these the same person?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
        error_messages={"max_length": "Reason must be 2,000 characters or fewer"},
    )

    def __init__(self, *args: Any, label: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data.get("reason") or "").strip()
        if not reason:
            raise forms.ValidationError("Enter the reason")
        return reason


class _UserChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.email})"


class RestrictForm(GovUKForm):
    """Restrict a person's record and name who may see it (issue 14)."""

    reason = forms.CharField(
        label="Why is this record restricted?",
        help_text="For example: a member of staff, or a relative of one",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        error_messages={"max_length": "Reason must be 2,000 characters or fewer"},
    )
    users = _UserChoices(
        label="Who may see it",
        help_text="You will be able to see it too",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Select people from the list",
            "invalid_pk_value": "Select people from the list",
        },
    )

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(_UserChoices, self.fields["users"])
        field.queryset = users


class BreakGlassForm(GovUKForm):
    reason = forms.CharField(
        label="Why do you need to see this record now?",
        help_text="Prevent Coordinators are told at once and see your reason",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
        error_messages={"max_length": "Reason must be 2,000 characters or fewer"},
    )
