"""Forms of the guidance pages: the search box, the questions of the "How to
report a concern" pathway, and the coordinator's wording forms."""

from __future__ import annotations

from django import forms

from prevent.core.forms import GovUKForm
from prevent.core.versioning import VersionedForm

from . import pathway
from .selectors import MAX_QUERY_LENGTH


class SearchForm(GovUKForm):
    q = forms.CharField(
        label="Search the guidance",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "type": "search"}),
    )

    def query(self) -> str:
        if not self.is_valid():
            return ""
        return str(self.cleaned_data["q"]).strip()[:MAX_QUERY_LENGTH]


# The pathway: one question a page, asked in this order --------------------------


EMERGENCY_ERROR = "Select yes if a violent act is imminent or weapons or other materials are involved"


class EmergencyForm(GovUKForm):
    emergency = forms.ChoiceField(
        label=(
            "Is there information that a violent act is imminent, or that weapons or other materials "
            "are in the possession of the person, their family or the community?"
        ),
        help_text="Use your professional judgement. Emergencies like this are expected to be very rare.",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={
            "required": EMERGENCY_ERROR,
            "invalid_choice": EMERGENCY_ERROR,
        },
    )


class PersonForm(GovUKForm):
    person = forms.ChoiceField(
        label="Is the person a child or an adult?",
        choices=[(pathway.CHILD, "A child (under 18)"), (pathway.ADULT, "An adult (18 or over)")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether the person is a child or an adult",
            "invalid_choice": "Select whether the person is a child or an adult",
        },
    )


class HoursForm(GovUKForm):
    hours = forms.ChoiceField(
        label="Is it during office hours?",
        help_text="Office hours are Monday to Friday, 9am to 5pm.",
        choices=[
            (pathway.OFFICE_HOURS, "Yes, it is during office hours"),
            (pathway.OUT_OF_HOURS, "No, it is out of hours (evenings, weekends and bank holidays)"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether it is during office hours or out of hours",
            "invalid_choice": "Select whether it is during office hours or out of hours",
        },
    )


# Coordinator wording forms -------------------------------------------------------


class FactorWordingForm(VersionedForm, GovUKForm):
    text = forms.CharField(
        label="Wording of the vulnerability factor",
        max_length=500,
        error_messages={
            "required": "Enter the wording of the vulnerability factor",
            "max_length": "The wording must be 500 characters or fewer",
        },
        widget=forms.Textarea(attrs={"rows": 3, "label_size": "m"}),
    )


class KeyQuestionWordingForm(VersionedForm, GovUKForm):
    text = forms.CharField(
        label="Wording of the key question",
        max_length=2000,
        error_messages={
            "required": "Enter the wording of the key question",
            "max_length": "The wording must be 2000 characters or fewer",
        },
        widget=forms.Textarea(attrs={"rows": 5, "label_size": "m"}),
    )


class InfluenceWordingForm(VersionedForm, GovUKForm):
    name = forms.CharField(
        label="Name of the influence",
        max_length=100,
        error_messages={
            "required": "Enter the name of the influence",
            "max_length": "The name must be 100 characters or fewer",
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-30", "label_size": "m"}),
    )
    description = forms.CharField(
        label="How it can draw a person in",
        help_text="Shown on the influences page and next to the question on the concern form. Optional.",
        required=False,
        max_length=5000,
        error_messages={"max_length": "The description must be 5000 characters or fewer"},
        widget=forms.Textarea(attrs={"rows": 8, "label_size": "m"}),
    )


class ConcernTypeWordingForm(VersionedForm, GovUKForm):
    label = forms.CharField(
        label="Name of the type of concern",
        max_length=200,
        error_messages={
            "required": "Enter the name of the type of concern",
            "max_length": "The name must be 200 characters or fewer",
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-30", "label_size": "m"}),
    )


class ConcernTypeAddForm(GovUKForm):
    """A new type of concern: its name, as the concern form will offer it."""

    label = forms.CharField(
        label="Name of the type of concern",
        help_text=(
            "It is offered on the concern form after the others. In the national return it counts as Other."
        ),
        max_length=200,
        error_messages={
            "required": "Enter the name of the type of concern",
            "max_length": "The name must be 200 characters or fewer",
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-30", "label_size": "m"}),
    )
