"""Field builders the concern forms share."""

from __future__ import annotations

from typing import Any

from django import forms

from prevent.core.fields import GovUKDateField, GovUKDateWidget, Limit

TEXT_LIMIT = 20_000

# The concerns wording for a date out of range ("on or after 1 April 2016").
DATE_MESSAGES = {
    "earliest": "{subject} must be on or after {date}",
    "latest": "{subject} must be on or before {date}",
}


def text_field(
    label: str, *, required_message: str = "", rows: int = 5, help_text: str = "", **kw: Any
) -> Any:
    return forms.CharField(
        label=label,
        required=bool(required_message),
        error_messages={"required": required_message} if required_message else {},
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=TEXT_LIMIT,
        help_text=help_text,
        **kw,
    )


def line_field(
    label: str, *, required_message: str = "", width: str = "govuk-!-width-two-thirds", **kw: Any
) -> Any:
    return forms.CharField(
        label=label,
        required=bool(required_message),
        error_messages={"required": required_message} if required_message else {},
        widget=forms.TextInput(attrs={"class": width}),
        **kw,
    )


def date_field(
    label: str,
    *,
    subject: str,
    earliest: Limit,
    latest: Limit,
    required_message: str = "",
    help_text: str = "",
    legend_size: str = "s",
) -> GovUKDateField:
    messages = dict(DATE_MESSAGES)
    if required_message:
        messages["required"] = required_message
    return GovUKDateField(
        label=label,
        subject=subject,
        earliest=earliest,
        latest=latest,
        required=bool(required_message),
        help_text=help_text,
        error_messages=messages,
        widget=GovUKDateWidget(attrs={"legend_size": legend_size}),
    )
