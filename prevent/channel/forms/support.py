"""Support plan questions: interventions, progress, end, providers."""

from __future__ import annotations

from typing import Any

from django import forms

from prevent.core.forms import GovUKForm
from prevent.core.versioning import VersionedForm

from ..models import (
    InterventionType,
)
from ._fields import (
    DateForm,
    _date,
    _line,
    _text,
    _years_ago,
    _years_ahead,
)


class InterventionForm(DateForm):
    type = forms.ChoiceField(
        label="Type of intervention",
        choices=[("", "Select a type"), *InterventionType.choices],
        error_messages={"required": "Select the type of intervention"},
    )
    provider: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Provider",
        queryset=None,
        empty_label="Select an approved provider",
        error_messages={"required": "Select the provider"},
    )
    description = _text("Description (optional)", rows=3)
    start_on = _date(
        "Start date", "the start date", "Enter the start date", earliest=_years_ago(5), before=_years_ahead(2)
    )
    review_on = _date(
        "Review date (optional)", "the review date", earliest=_years_ago(5), before=_years_ahead(5)
    )
    end_on = _date("End date (optional)", "the end date", earliest=_years_ago(5), before=_years_ahead(10))

    def __init__(self, *args: Any, providers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers  # type: ignore[attr-defined]


class InterventionChangeForm(VersionedForm, DateForm):
    """Change an intervention of the support plan (no lost update: the
    version it was loaded with goes with it)."""

    description = _text("Description (optional)", rows=3)
    review_on = _date(
        "Review date (optional)", "the review date", earliest=_years_ago(5), before=_years_ahead(5)
    )
    outcome = _text("Outcome (optional)", rows=4)


class ProgressForm(GovUKForm):
    note = _text("Progress note", "Enter the progress note", rows=4)


class InterventionEndForm(DateForm):
    end_on = _date("End date", "the end date", "Enter the end date", past_only=True, earliest=_years_ago(5))
    outcome = _text("Outcome", "Enter the outcome of the intervention", rows=4)


class ProviderForm(GovUKForm):
    name = _line("Provider name", "Enter the provider's name")
    is_home_office_intervention_provider = forms.BooleanField(
        label="Home Office approved Intervention Provider", required=False
    )
