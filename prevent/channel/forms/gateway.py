"""Police gateway questions: an external referral, the gateway assessment."""

from __future__ import annotations

from typing import Any

from django import forms

from prevent.core.forms import GovUKForm

from ..models import (
    ExternalSource,
    GatewayCheck,
    GatewayOutcome,
)
from ._fields import (
    EARLIEST_BIRTH,
    DateForm,
    _date,
    _line,
    _radios,
    _text,
    _UserChoice,
    _years_ago,
)


class ExternalReferralForm(DateForm):
    full_name = _line("Person's full name", "Enter the person's full name")
    date_of_birth = _date(
        "Date of birth (optional)", "the date of birth", past_only=True, earliest=lambda: EARLIEST_BIRTH
    )
    address = _text("Address (optional)", rows=3)
    postcode = _line("Postcode (optional)", width="govuk-input--width-10", max_length=12)
    external_source = _radios(
        "Where did the referral come from?", ExternalSource.choices, "Select where the referral came from"
    )
    external_detail = _line("Details of the referrer (optional)")
    summary = _text("Summary of the referral", "Enter a summary of the referral")
    received_on = _date(
        "Date received",
        "the date the referral was received",
        "Enter the date the referral was received",
        past_only=True,
        earliest=_years_ago(5),
    )


class GatewayAssessmentForm(GovUKForm):
    checks = forms.MultipleChoiceField(
        label="Checks made",
        choices=GatewayCheck.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the checks you made"},
    )
    checks_notes = _text("What the checks found (optional)", rows=4)
    outcome = _radios(
        "Outcome", GatewayOutcome.choices, "Select the outcome of the gateway assessment", legend_size="m"
    )
    signposted_to = _line("Services signposted to (if signposted)")
    case_officer = _UserChoice(
        label="Case officer (if referred to Channel)",
        queryset=None,
        required=False,
        empty_label="Select a Prevent Coordinator",
    )
    rationale = _text("Rationale", "Enter the rationale for the outcome")
    history_acknowledged = forms.BooleanField(
        label="I have read the person's earlier referrals and their outcomes",
        help_text="You must confirm this before you record no further action again.",
        required=False,
    )

    def __init__(self, *args: Any, coordinators: Any, history_warning: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case_officer"].queryset = coordinators  # type: ignore[attr-defined]
        if not history_warning:  # asked only when the repeat-referral warning shows
            del self.fields["history_acknowledged"]
