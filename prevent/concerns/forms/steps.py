"""The question pages of the concern journey: one form per step of
prevent/concerns/steps.py. Each form owns the shape of its answers and
their GOV.UK wording; `result()` is what the step's `apply` writes.
Dates are GOV.UK date inputs (prevent.core.fields)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from prevent.core.fields import DateErrorsMixin, today, years_ago
from prevent.core.forms import GovUKForm
from prevent.core.models import District
from prevent.guidance.models import ConcernType, Influence, VulnerabilityArea

from ..demographics import AgeGroup, ethnicity_choices
from ..models import CareNeed, Gender, ServiceInvolved, YesNo, YesNoNotKnown
from ._fields import date_field, line_field, text_field


class StepForm(DateErrorsMixin, GovUKForm):
    """A step's form; `result()` is what the step writes (the cleaned data
    unless the step's records need more)."""

    def result(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


def step_answers(form: forms.Form) -> dict[str, list[str]]:
    """What to keep of a step on the draft so its page can show it again:
    the fields that validated, each as form data (lists of strings) made from
    its cleaned value. A field that was refused, and any other key that was
    posted, is not kept."""
    cleaned = getattr(form, "cleaned_data", {})
    kept: dict[str, list[str]] = {}
    for name, field in form.fields.items():
        if name not in cleaned or form.has_error(name):
            continue
        value, key, widget = cleaned[name], form.add_prefix(name), field.widget
        if isinstance(widget, forms.MultiWidget):
            multi: Any = widget  # widgets_names is not in the stubs
            for suffix, part in zip(multi.widgets_names, multi.decompress(value), strict=True):
                if part not in (None, ""):
                    kept[key + suffix] = [str(part)]
        elif isinstance(widget, forms.CheckboxInput):
            if value:
                kept[key] = ["on"]
        elif isinstance(value, list | tuple):
            if value:
                kept[key] = [str(v) for v in value]
        elif value not in (None, ""):
            kept[key] = [str(value)]
    return kept


class EmergencyForm(StepForm):
    emergency = forms.ChoiceField(
        label=(
            "Is there information that a violent act is imminent, or that weapons or other materials "
            "are in the possession of the person, their family or the community?"
        ),
        choices=YesNo.choices,
        widget=forms.RadioSelect(attrs={"legend_size": "m", "inline": True}),
        error_messages={
            "required": "Select yes if there is information that a violent act is imminent or that weapons "
            "are held"
        },
    )


class EmergencyCallForm(StepForm):
    emergency_call_made = forms.ChoiceField(
        label="Have you called 999?",
        choices=YesNo.choices,
        widget=forms.RadioSelect(attrs={"inline": True, "legend_size": "m"}),
        error_messages={"required": "Select yes if you have called 999"},
    )
    emergency_call_time = line_field(
        "Time of the call", width="govuk-input--width-10", max_length=40, help_text="For example, 14:30"
    )
    emergency_police_reference = line_field(
        "Police reference (if you have one)", width="govuk-input--width-20", max_length=60
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("emergency_call_made") == "yes" and not data.get("emergency_call_time", "").strip():
            self.add_error("emergency_call_time", "Enter the time of the 999 call")
        return data


class PersonForm(StepForm):
    person_name = line_field("Full name", required_message="Enter the person's full name", max_length=200)
    person_other_names = line_field(
        "Other names (optional)",
        max_length=300,
        help_text="Names they are also known by, separated by commas",
    )
    person_date_of_birth = date_field(
        "Date of birth (if known)",
        subject="Date of birth",
        # The approximate age below goes up to 120 too.
        earliest=years_ago(120),
        latest=today,
        help_text="For example, 27 3 2009",
    )
    person_approximate_age = forms.IntegerField(
        label="Approximate age in years (if you do not know the date of birth)",
        required=False,
        min_value=0,
        max_value=120,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "invalid": "Approximate age must be a number, like 15",
            "min_value": "Approximate age must be 0 or more",
            "max_value": "Approximate age must be 120 or less",
        },
    )
    person_age_band = forms.ChoiceField(
        label="Age group (if you know neither the date of birth nor the age)",
        choices=AgeGroup.choices,
        required=False,
        widget=forms.RadioSelect(attrs={"legend_size": "s"}),
        help_text="Leave this blank if you have given a date of birth or an approximate age.",
        error_messages={"invalid_choice": "Select the person's age group, or not known"},
    )
    person_gender = forms.ChoiceField(
        label="Gender",
        choices=Gender.choices,
        widget=forms.RadioSelect(attrs={"legend_size": "s"}),
        error_messages={"required": "Select the person's gender, or not known"},
    )
    person_ethnicity = forms.ChoiceField(
        label="Ethnic group (optional)",
        help_text="As the person describes it, if you know. For the partnership's anonymous statistics.",
        choices=ethnicity_choices(),
        required=False,
        error_messages={
            "invalid_choice": "Select the person's ethnic group from the list, or leave it blank"
        },
    )
    person_address = text_field("Address (optional)", rows=3)
    person_postcode = line_field("Postcode (optional)", width="govuk-input--width-10", max_length=12)
    person_district = forms.ChoiceField(
        label="Partnership district (optional)",
        choices=[("", "Not known"), *District.choices],
        required=False,
    )
    person_school_or_employer = line_field("School, college or employer (optional)", max_length=200)
    mental_health_needs = forms.ChoiceField(
        label="Does the person have mental health needs? (optional)",
        help_text="Only what you know, for example from their records or what they or their family told you.",
        choices=YesNoNotKnown.choices,
        required=False,
        widget=forms.RadioSelect(attrs={"legend_size": "s", "inline": True}),
        error_messages={"invalid_choice": "Select yes, no or not known for mental health needs"},
    )
    neurodivergent = forms.ChoiceField(
        label="Is the person neurodivergent, for example autistic or with ADHD? (optional)",
        help_text="Only what you know, with or without a diagnosis.",
        choices=YesNoNotKnown.choices,
        required=False,
        widget=forms.RadioSelect(attrs={"legend_size": "s", "inline": True}),
        error_messages={"invalid_choice": "Select yes, no or not known for neurodivergence"},
    )

    def clean_person_postcode(self) -> str:
        value = " ".join(self.cleaned_data.get("person_postcode", "").upper().split())
        if value and not re.fullmatch(r"[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}", value):
            raise ValidationError("Enter a real postcode, like OX1 1AA")
        return value

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        age_known = (
            data.get("person_date_of_birth") is not None or data.get("person_approximate_age") is not None
        )
        if age_known:
            # The age group is asked for only when neither is known.
            data["person_age_band"] = ""
        elif not any(self.has_error(f) for f in AGE_FIELDS) and not data.get("person_age_band"):
            self.add_error(
                "person_date_of_birth",
                "Enter the person's date of birth or approximate age, or select their age group below",
            )
        return data


AGE_FIELDS = ("person_date_of_birth", "person_approximate_age", "person_age_band")


class SupportForm(StepForm):
    care_needs = forms.MultipleChoiceField(
        label="Does the person have any care and support needs?",
        help_text="Select all that apply. Leave blank if none are known.",
        choices=CareNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"legend_size": "m"}),
    )
    services_involved = forms.MultipleChoiceField(
        label="Which other services are already involved?",
        help_text="Select all that apply. Leave blank if none are known.",
        choices=ServiceInvolved.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"legend_size": "m"}),
    )
    person_aware = forms.ChoiceField(
        label="Does the person (or, for a child, their parent or carer) know about this concern?",
        choices=YesNoNotKnown.choices,
        widget=forms.RadioSelect(attrs={"legend_size": "m"}),
        error_messages={
            "required": "Select whether the person, or their parent or carer, knows about the concern"
        },
    )


class ConcernDetailsForm(StepForm):
    what_happened = text_field(
        "What was seen or heard?",
        required_message="Enter what was seen or heard",
        rows=8,
        help_text=(
            "Describe what happened in your own words. Say what the person said or did, and who was there."
        ),
    )
    observed_on = date_field(
        "When was it seen or heard?",
        subject="The date the concern was observed",
        required_message="Enter the date the concern was observed",
        earliest=years_ago(10),
        latest=today,
        help_text="For example, 27 3 2026",
    )
    location = line_field(
        "Where was it seen or heard?", required_message="Enter where it was seen or heard", max_length=300
    )
    how_came_to_notice = text_field(
        "How did the concern come to your notice?",
        required_message="Enter how the concern came to your notice",
        rows=4,
        help_text="For example, you saw it yourself, the person told you, or a colleague or parent told you",
    )


class FactorsForm(StepForm):
    """Every current factor (tick and note) and key question (yes / no /
    not known and note), grouped by area for the page."""

    def __init__(self, *args: Any, areas: list[VulnerabilityArea], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.areas = areas
        self.factor_objects: dict[str, Any] = {}
        self.question_objects: dict[str, Any] = {}
        for area in areas:
            for factor in area.current_factors:  # type: ignore[attr-defined]
                name = f"factor_{factor.pk}"
                self.factor_objects[name] = factor
                self.fields[name] = forms.BooleanField(label=factor.text, required=False)
                self.fields[f"{name}_note"] = text_field(f"Note about: {factor.text} (optional)", rows=2)
            for question in area.current_questions:  # type: ignore[attr-defined]
                name = f"question_{question.pk}"
                self.question_objects[name] = question
                self.fields[name] = forms.ChoiceField(
                    label=question.text,
                    choices=YesNoNotKnown.choices,
                    required=False,
                    widget=forms.RadioSelect(attrs={"inline": True}),
                )
                self.fields[f"{name}_note"] = text_field(f"Note about: {question.text} (optional)", rows=2)

    def groups(self) -> list[dict[str, Any]]:
        groups = []
        for area in self.areas:
            groups.append(
                {
                    "area": area,
                    "factors": [
                        (self[f"factor_{f.pk}"], self[f"factor_{f.pk}_note"])
                        for f in area.current_factors  # type: ignore[attr-defined]
                    ],
                    "questions": [
                        (self[f"question_{q.pk}"], self[f"question_{q.pk}_note"])
                        for q in area.current_questions  # type: ignore[attr-defined]
                    ],
                }
            )
        return groups

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for name in self.factor_objects:
            if data.get(f"{name}_note", "").strip() and not data.get(name):
                self.add_error(name, f"Select '{self.factor_objects[name].text}' if you add a note about it")
        return data

    def result(self) -> dict[str, Any]:
        data = self.cleaned_data
        factors = [(f, data.get(f"{n}_note", "")) for n, f in self.factor_objects.items() if data.get(n)]
        answers = [
            (q, data[n], data.get(f"{n}_note", "")) for n, q in self.question_objects.items() if data.get(n)
        ]
        return {"factors": factors, "answers": answers}


class InfluencesForm(StepForm):
    def __init__(self, *args: Any, influences: list[Influence], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.influence_objects = {f"influence_{i.pk}": i for i in influences}
        for name, influence in self.influence_objects.items():
            self.fields[name] = forms.BooleanField(label=influence.name, required=False)
            self.fields[f"{name}_details"] = text_field(
                f"Details about {influence.name.lower()} (optional)", rows=3
            )

    def pairs(self) -> list[tuple[Any, Any, Influence]]:
        return [(self[n], self[f"{n}_details"], i) for n, i in self.influence_objects.items()]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for name, influence in self.influence_objects.items():
            if data.get(f"{name}_details", "").strip() and not data.get(name):
                self.add_error(name, f"Select '{influence.name}' if you give details about it")
        return data

    def result(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "influences": [
                (i, data.get(f"{n}_details", "")) for n, i in self.influence_objects.items() if data.get(n)
            ]
        }


NOT_KNOWN = "not_known"


class ConcernTypeForm(StepForm):
    concern_type = forms.ChoiceField(
        label="What type of concern is it?",
        help_text=(
            "Optional. The categories of the official Prevent statistics. "
            "Choose 'Not known' if you are not sure."
        ),
        required=False,
        widget=forms.RadioSelect(attrs={"legend_size": "m"}),
    )

    def __init__(self, *args: Any, concern_types: list[ConcernType], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.types = {str(t.pk): t for t in concern_types}
        choices = [(str(t.pk), t.label) for t in concern_types]
        if not any("not" in t.code and "known" in t.code for t in concern_types):
            choices.append((NOT_KNOWN, "Not known"))
        self.fields["concern_type"].choices = choices  # type: ignore[attr-defined]

    def result(self) -> dict[str, Any]:
        return {"concern_type": self.types.get(self.cleaned_data.get("concern_type") or "")}


class AttachmentForm(StepForm):
    file = forms.FileField(
        label="Upload a file",
        help_text="PDF, image (PNG, JPEG, GIF), office document (DOCX, XLSX, PPTX, ODT, DOC, XLS) "
        "or plain text. Each file must be smaller than 20MB.",
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )
