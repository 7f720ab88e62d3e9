"""The shared form base refuses hidden and control characters and over-long
text in every text input, with a GOV.UK message naming the field, and keeps
what was typed on the page (issue 8, point 2)."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms

from prevent.core.forms import DEFAULT_TEXT_LIMIT, GovUKForm, has_hidden_characters


class _Form(GovUKForm):
    name = forms.CharField(label="Full name", max_length=100)
    notes = forms.CharField(label="Notes (optional)", widget=forms.Textarea, required=False)
    email = forms.EmailField(label="Email address", required=False)
    where = forms.CharField(label="Where was it seen?", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A field added after the base's __init__, as the dynamic forms do.
        self.fields["late"] = forms.CharField(label="Added later", required=False)


HOSTILE = {
    "NUL": "\x00",
    "escape": "\x1b",
    "delete": "\x7f",
    "C1 next line": "\x85",
    "C1 control": "\x9b",
    "lone surrogate": "\ud800",
    "right-to-left override": "\u202e",
    "left-to-right embedding": "\u202a",
    "first strong isolate": "\u2068",
    "pop directional isolate": "\u2069",
}


@pytest.mark.parametrize("character", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("name", "Full name must not contain hidden or control characters"),
        ("notes", "Notes must not contain hidden or control characters"),
        ("where", "The answer to 'Where was it seen?' must not contain hidden or control characters"),
        ("late", "Added later must not contain hidden or control characters"),
    ],
)
def test_hidden_and_control_characters_are_refused_next_to_the_field(
    character: str, field: str, message: str
) -> None:
    data = {"name": "Robin", field: f"Some {character} text"}
    form = _Form(data)
    assert not form.is_valid()
    assert form.errors[field] == [message]
    assert field not in form.cleaned_data
    # The page shows the message in the summary and keeps what was typed.
    assert (form[field].auto_id, message) in form.error_summary_items()
    assert form[field].value() == data[field]


def test_an_email_address_is_a_text_input_too() -> None:
    form = _Form({"name": "Robin", "email": "a\u202eb@example.com"})
    assert form.errors["email"][-1] == "Email address must not contain hidden or control characters"


def test_tabs_and_new_lines_are_allowed() -> None:
    form = _Form({"name": "Robin", "notes": "Line one\r\n\tLine two\nLine three"})
    assert form.is_valid(), form.errors
    assert not has_hidden_characters("Plain text, café, naïve, 日本語, emoji 🙂")


def test_over_long_text_gets_a_govuk_message() -> None:
    form = _Form({"name": "x" * 100_000, "notes": "y" * 100_000})
    assert not form.is_valid()
    assert form.errors["name"] == ["Full name must be 100 characters or fewer"]
    # A free-text field without its own limit gets the default one.
    assert form.errors["notes"] == [f"Notes must be {DEFAULT_TEXT_LIMIT:,} characters or fewer"]
    assert f'maxlength="{DEFAULT_TEXT_LIMIT}"' in str(form["notes"])


def test_a_field_with_its_own_messages_keeps_them() -> None:
    class Own(GovUKForm):
        code = forms.CharField(max_length=3, error_messages={"max_length": "Code must be 3 letters"})

    form = Own({"code": "abcd"})
    assert form.errors["code"] == ["Code must be 3 letters"]


def test_guarding_one_form_does_not_change_the_class() -> None:
    _Form({"name": "Robin"}).is_valid()
    notes = _Form.base_fields["notes"]
    assert isinstance(notes, forms.CharField) and notes.max_length is None
    assert not any(type(v).__name__ == "_NoHiddenCharacters" for v in _Form.base_fields["name"].validators)
