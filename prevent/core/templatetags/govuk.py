"""Template helpers for GOV.UK Frontend markup."""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()

_WIDGET_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}


@register.simple_tag
def govuk_widget(field: BoundField) -> SafeString:
    """Render a field's widget with the GOV.UK class and ARIA attributes."""
    wt = field.widget_type
    css = _WIDGET_CLASSES.get(wt, "govuk-input")
    extra = field.field.widget.attrs.get("class", "")
    if field.errors:
        css += {
            "govuk-textarea": " govuk-textarea--error",
            "govuk-select": " govuk-select--error",
            "govuk-file-upload": " govuk-file-upload--error",
        }.get(css, " govuk-input--error")
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
    attrs: dict[str, str | bool] = {"class": f"{css} {extra}".strip()}
    for internal in ("label_size", "legend_size", "inline"):
        field.field.widget.attrs.pop(internal, None)
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def nav_active(context: template.Context, prefix: str) -> bool:
    request = context.get("request")
    return bool(request and request.path.startswith(prefix))
