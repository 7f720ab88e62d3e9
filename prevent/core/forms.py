"""GOV.UK Frontend markup for Django forms.

Forms render through templates in templates/govuk/forms/: each field is a
GOV.UK form group with label, hint, error message and the matching
component (input, textarea, select, radios, checkboxes, file upload).
Pages put `{% include "govuk/error_summary.html" %}` at the top.

Every text input of every form (any CharField, one line or many) refuses
hidden and control characters and has a length limit, with a GOV.UK message
next to the field: see `GovUKFormMixin.full_clean`."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.forms.renderers import TemplatesSetting
from django.forms.utils import pretty_name

# C0 and C1 control characters other than tab, line feed and carriage return
# (NUL included), lone surrogates, and the bidirectional embedding, override
# and isolate characters that can make text read differently from how it is
# stored ("Trojan source").
HIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

# The limit of a free-text input that does not set its own max_length.
DEFAULT_TEXT_LIMIT = 50_000


def has_hidden_characters(value: str) -> bool:
    """True when `value` holds a character no text input accepts."""
    return HIDDEN_CHARACTERS.search(value) is not None


def _subject(label: Any, name: str) -> str:
    """The field as the subject of an error message: "Full name" for the
    label "Full name (optional)", "The answer to 'Where was it seen?'" for a
    question."""
    text = re.sub(r"\s*\([^)]*\)\s*$", "", str(label or "")).strip() or pretty_name(name)
    if text.endswith("?"):
        return f"The answer to '{text}'"
    return text


class _NoHiddenCharacters:
    """A validator for one text field, naming it in its message."""

    def __init__(self, subject: str) -> None:
        self.message = f"{subject} must not contain hidden or control characters"

    def __call__(self, value: Any) -> None:
        if isinstance(value, str) and has_hidden_characters(value):
            raise ValidationError(self.message, code="hidden_characters")


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

    def full_clean(self: Any) -> None:
        # Here rather than in __init__, so that fields a subclass adds after
        # super().__init__() are guarded too.
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField):
                _guard_text_field(name, field)
        super().full_clean()  # type: ignore[misc]

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


def _guard_text_field(name: str, field: forms.CharField) -> None:
    """Refuse hidden characters and over-long text in one text field, with
    messages that name it. Fields are copied per form, so this changes only
    this form's field."""
    if getattr(field, "_govuk_guarded", False):
        return
    subject = _subject(field.label, name)
    if field.max_length is None:
        field.max_length = DEFAULT_TEXT_LIMIT
        field.validators.append(MaxLengthValidator(DEFAULT_TEXT_LIMIT))
        field.widget.attrs.update(field.widget_attrs(field.widget))
    if "max_length" not in field.error_messages:
        field.error_messages["max_length"] = f"{subject} must be {field.max_length:,} characters or fewer"
    # Ours names the field and covers NUL too.
    field.validators = [v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)]
    field.validators.append(_NoHiddenCharacters(subject))
    field._govuk_guarded = True  # type: ignore[attr-defined]


class GovUKForm(GovUKFormMixin, forms.Form):
    pass


class GovUKModelForm(GovUKFormMixin, forms.ModelForm):
    pass
