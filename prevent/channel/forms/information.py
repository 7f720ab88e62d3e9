"""Information request questions: the request, and the agency's answer."""

from __future__ import annotations

from typing import Any

from django import forms

from prevent.core.forms import GovUKForm

from ..models import (
    RequestResponse,
)
from ._fields import (
    DateForm,
    _date,
    _radios,
    _text,
    _years_ahead,
)


class InformationRequestForm(DateForm):
    agency: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Agency",
        queryset=None,
        empty_label="Select an agency",
        error_messages={"required": "Select the agency"},
    )
    question = _text("What information do you need?", "Enter the information you need")
    due_on = _date(
        "Answer due by",
        "the date the answer is due",
        "Enter the date the answer is due",
        future_only=True,
        before=_years_ahead(2),
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class AnswerForm(GovUKForm):
    response = _radios(
        "Your answer",
        RequestResponse.choices,
        "Select whether you are providing information or nothing is known",
        legend_size="m",
    )
    text = _text("The information you are providing", rows=6)
    file = forms.FileField(label="Attach a file (optional)", required=False)
