"""GOV.UK Frontend markup for Django forms.

Forms render through templates in templates/govuk/forms/: each field is a
GOV.UK form group with label, hint, error message and the matching
component (input, textarea, select, radios, checkboxes, file upload).
Pages put `{% include "govuk/error_summary.html" %}` at the top."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.renderers import TemplatesSetting


class GovUKFormRenderer(TemplatesSetting):
    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"


class GovUKFormMixin:
    """Adds GOV.UK options read by the field template.

    `field_classes` sets the width class of an input (e.g. govuk-input--width-20);
    `legend_fields` renders a radio or checkbox group's label as a page-sized
    legend."""

    error_css_class = "govuk-form-group--error"
    # GOV.UK validates on the server only, with its own messages.
    use_required_attribute = False

    def error_summary_items(self: Any) -> list[tuple[str, str]]:
        items: list[tuple[str, str]] = []
        for name, errors in self.errors.items():
            if name == NON_FIELD_ERRORS:
                anchor = ""
            else:
                bound = self[name]
                anchor = bound.auto_id
                if bound.widget_type in {"radioselect", "checkboxselectmultiple"}:
                    anchor = f"{anchor}_0"
            items.extend((anchor, str(message)) for message in errors)
        return items


class GovUKForm(GovUKFormMixin, forms.Form):
    pass


class GovUKModelForm(GovUKFormMixin, forms.ModelForm):
    pass
