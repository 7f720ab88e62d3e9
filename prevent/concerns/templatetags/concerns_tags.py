"""Rendering helpers for the concern pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def concerns_field(field: BoundField, legend_size: str = "s") -> SafeString:
    """A field as a GOV.UK form group; dates as a GOV.UK date input."""
    if getattr(field.field.widget, "is_govuk_date", False):
        value: Any = field.value()
        if not isinstance(value, list | tuple):
            value = field.field.widget.decompose(value)  # type: ignore[attr-defined]
        day, month, year = [*list(value), "", "", ""][:3]
        return render_to_string(
            "concerns/includes/date_input.html",
            {"field": field, "day": day, "month": month, "year": year, "legend_size": legend_size},
        )
    return field.as_field_group()


@register.filter
def choice_labels(values: list[str] | None, choices: Any) -> str:
    labels = dict(choices)
    return ", ".join(str(labels.get(v, v)) for v in values or [])
