"""Forms of the privacy pages (GOV.UK wording, errors next to the field)."""

from __future__ import annotations

from django import forms

from prevent.core.fields import DateErrorsMixin, GovUKDateField, today, years_from_today
from prevent.core.forms import GovUKForm

from .retention import MAX_YEARS, MIN_YEARS
from .services import MAX_KEEP_YEARS


class RuleForm(GovUKForm):
    years = forms.IntegerField(
        label="How many years should these records be kept?",
        min_value=MIN_YEARS,
        max_value=MAX_YEARS,
        # GOV.UK: a text input with a numeric keyboard, not type="number".
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the number of years",
            "invalid": "The number of years must be a whole number, like 6",
            "min_value": f"The number of years must be {MIN_YEARS} or more",
            "max_value": f"The number of years must be {MAX_YEARS} or fewer",
        },
    )


class KeepForm(DateErrorsMixin, GovUKForm):
    reason = forms.CharField(
        label="Why are these records being kept?",
        help_text="For example, an inquiry or a legal hold. This is recorded in the audit log.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Enter why the records are being kept"},
    )
    until = GovUKDateField(
        label="When should they be reviewed again?",
        subject="the date to review the records again",
        after=today,
        latest=years_from_today(MAX_KEEP_YEARS),
        help_text="For example, 27 3 2028",
    )


class DisposeForm(GovUKForm):
    confirm = forms.BooleanField(
        label="I understand that disposal cannot be undone",
        error_messages={"required": "Confirm that you understand disposal cannot be undone"},
    )
