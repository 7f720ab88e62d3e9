"""Consent questions."""

from __future__ import annotations

from django import forms

from ..models import (
    ConsentGiver,
    ConsentMethod,
    ConsentOutcome,
)
from ._fields import (
    DateForm,
    _date,
    _line,
    _radios,
    _text,
    _years_ago,
    _years_ahead,
)


class ConsentForm(DateForm):
    outcome = _radios(
        "Consent",
        ConsentOutcome.choices,
        "Select whether consent was given, refused or withdrawn",
        legend_size="m",
    )
    given_by = _radios(
        "Who gave or refused consent?", ConsentGiver.choices, "Select who gave or refused consent"
    )
    giver_name = _line("Their name", "Enter the name of the person who gave or refused consent")
    child_view = _text("The child's own view (for a child)", rows=3)
    obtained_on = _date(
        "Date", "the date of consent", "Enter the date of consent", past_only=True, earliest=_years_ago(5)
    )
    method = _radios("How was it obtained?", ConsentMethod.choices, "Select how consent was obtained")
    obtained_by = _line("Who obtained it?", "Enter who obtained consent")
    told_support_needs_consent = forms.BooleanField(
        label="They were told that support cannot take place without consent", required=False
    )
    risk_management_plan = _text("Risk management plan (if consent was refused or withdrawn)", rows=5)
    child_at_risk_of_significant_harm = forms.BooleanField(
        label="The child is thought to be at risk of significant harm (Children Act 1989)", required=False
    )
    childrens_social_care_involved = forms.BooleanField(
        label="Children's social care is involved in the decision", required=False
    )
    reassess_on = _date(
        "Date the panel will reassess (optional)",
        "the date to reassess",
        future_only=True,
        before=_years_ahead(2),
    )
