from __future__ import annotations

from django import forms

from prevent.core.forms import GovUKForm

from .models import EmailFrequency

FREQUENCY_ERROR = "Select how you want to get emails"


class PreferenceForm(GovUKForm):
    email_frequency = forms.ChoiceField(
        label="How do you want to get emails about notifications?",
        help_text=(
            "Every notification also appears in the service. Emails carry a link and a reference, "
            "never a person's details. Calendar invitations are always sent at once."
        ),
        choices=EmailFrequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": FREQUENCY_ERROR, "invalid_choice": FREQUENCY_ERROR},
    )
