"""The administrators' forms: issue a token, register a webhook endpoint."""

from __future__ import annotations

from typing import cast

from django import forms

from prevent.core.fields import DateErrorsMixin, GovUKDateField, today, years_from_today
from prevent.core.forms import GovUKForm

from . import selectors
from .addresses import literal_address_problem
from .models import TokenScope


class IssueTokenForm(DateErrorsMixin, GovUKForm):
    user = forms.ModelChoiceField(
        queryset=selectors.token_holders(),
        label="Who the token acts as",
        help_text="The system can do no more than this user may, and only what you select below",
        error_messages={"required": "Select the user", "invalid_choice": "Select the user"},
    )
    name = forms.CharField(
        label="Name of the system that will use it",
        max_length=100,
        help_text="For example, Cherwell Academy safeguarding log",
        error_messages={"required": "Enter the name of the system that will use the token"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-30"}),
    )
    scopes = forms.MultipleChoiceField(
        label="What may it be used for?",
        choices=TokenScope.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"legend_size": "m"}),
        error_messages={"required": "Select what the token may be used for"},
    )
    expires_on = GovUKDateField(
        label="When does it expire?",
        subject="the expiry date",
        after=today,
        latest=years_from_today(1),
        help_text="Within a year. For example, 27 3 2027",
    )


class WebhookForm(GovUKForm):
    organisation = forms.ModelChoiceField(
        queryset=selectors.webhook_organisations(),
        label="Organisation",
        help_text="Its partner system hears when an outcome of one of its concerns' referrals is recorded",
        error_messages={"required": "Select the organisation", "invalid_choice": "Select the organisation"},
    )
    url = forms.URLField(
        label="Address of the receiving system",
        max_length=500,
        assume_scheme="https",
        help_text="It must start with https://",
        error_messages={
            "required": "Enter the address of the receiving system",
            "invalid": "Enter an address like https://example.org/prevent-hub",
        },
        widget=forms.URLInput(attrs={"class": "govuk-input--width-30"}),
    )

    def clean_url(self) -> str:
        url = cast(str, self.cleaned_data["url"])
        if not url.startswith("https://"):
            raise forms.ValidationError("Enter an address that starts with https://")
        if problem := literal_address_problem(url):
            raise forms.ValidationError(problem)
        return url
