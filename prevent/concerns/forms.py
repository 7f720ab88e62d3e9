"""The question pages of a concern, triage and referral forms.

Messages follow the GOV.UK patterns ("Enter the date the concern was
observed"). Dates are GOV.UK date inputs: three boxes, day, month, year."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from prevent.core.forms import GovUKForm
from prevent.core.models import District
from prevent.guidance.models import ConcernType, Influence, VulnerabilityArea

from .models import (
    CareNeed,
    Gender,
    ReferralDestination,
    ReferralMethod,
    ReferralStatus,
    ServiceInvolved,
    YesNo,
    YesNoNotKnown,
)

TEXT_LIMIT = 20_000


class DateInputWidget(forms.MultiWidget):
    """Day, month and year boxes (rendered by the concerns_field tag)."""

    is_govuk_date = True

    def __init__(self) -> None:
        super().__init__(
            widgets={"day": forms.TextInput(), "month": forms.TextInput(), "year": forms.TextInput()}
        )

    def decompose(self, value: Any) -> list[str]:
        if isinstance(value, dt.date):
            return [str(value.day), str(value.month), str(value.year)]
        return ["", "", ""]


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier (28 February for 29 February); negative
    `years` count forwards."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


class GovUKDateField(forms.Field):
    """A date from three boxes, with the GOV.UK messages for each mistake.

    Every date has a range for what it means: `not_before` and `not_after`
    are functions of today's date (for a date of birth, 120 years ago), and
    without `not_after` a `past_only` date (the default) is today or earlier.
    The Channel forms subclass this field."""

    widget = DateInputWidget

    def __init__(
        self,
        *,
        description: str,
        required_message: str,
        past_only: bool = True,
        not_before: Callable[[dt.date], dt.date] | None = None,
        not_after: Callable[[dt.date], dt.date] | None = None,
        **kwargs: Any,
    ):
        self.description = description  # "the date the concern was observed"
        self.required_message = required_message
        self.past_only = past_only
        self.not_before = not_before
        self.not_after = not_after
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        parts = [str(p or "").strip() for p in (value or ["", "", ""])]
        day, month, year = [*parts, "", "", ""][:3]
        if not any((day, month, year)):
            return None
        subject = self.description[0].upper() + self.description[1:]
        missing = [n for n, v in (("day", day), ("month", month), ("year", year)) if not v]
        if missing:
            raise ValidationError(f"{subject} must include a {' and a '.join(missing)}")
        if not all(p.isascii() and p.isdigit() for p in (day, month, year)):
            raise ValidationError(f"{subject} must be a real date")
        if len(year) != 4:
            raise ValidationError("Year must include 4 numbers")
        try:
            value = dt.date(int(year), int(month), int(day))
        except ValueError as error:
            raise ValidationError(f"{subject} must be a real date") from error
        return value

    def validate(self, value: Any) -> None:
        if value is None and self.required:
            raise ValidationError(self.required_message)
        if value is None:
            return
        subject = self.description[0].upper() + self.description[1:]
        today = timezone.localdate()
        if self.not_after is not None and value > (latest := self.not_after(today)):
            raise ValidationError(f"{subject} must be on or before {_long(latest)}")
        if self.past_only and value > today:
            raise ValidationError(f"{subject} must be today or in the past")
        if self.not_before is not None and value < (earliest := self.not_before(today)):
            raise ValidationError(f"{subject} must be on or after {_long(earliest)}")
        if value.year < 1900:
            raise ValidationError(f"{subject} must be after 1900")


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
            multi: Any = widget  # widgets_names and decompose are not in the stubs
            for suffix, part in zip(multi.widgets_names, multi.decompose(value), strict=True):
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


def _text(label: str, *, required_message: str = "", rows: int = 5, help_text: str = "", **kw: Any) -> Any:
    return forms.CharField(
        label=label,
        required=bool(required_message),
        error_messages={"required": required_message} if required_message else {},
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=TEXT_LIMIT,
        help_text=help_text,
        **kw,
    )


def _line(
    label: str, *, required_message: str = "", width: str = "govuk-!-width-two-thirds", **kw: Any
) -> Any:
    return forms.CharField(
        label=label,
        required=bool(required_message),
        error_messages={"required": required_message} if required_message else {},
        widget=forms.TextInput(attrs={"class": width}),
        **kw,
    )


class EmergencyForm(GovUKForm):
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


class EmergencyCallForm(GovUKForm):
    emergency_call_made = forms.ChoiceField(
        label="Have you called 999?",
        choices=YesNo.choices,
        widget=forms.RadioSelect(attrs={"inline": True, "legend_size": "m"}),
        error_messages={"required": "Select yes if you have called 999"},
    )
    emergency_call_time = _line(
        "Time of the call", width="govuk-input--width-10", max_length=40, help_text="For example, 14:30"
    )
    emergency_police_reference = _line(
        "Police reference (if you have one)", width="govuk-input--width-20", max_length=60
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("emergency_call_made") == "yes" and not data.get("emergency_call_time", "").strip():
            self.add_error("emergency_call_time", "Enter the time of the 999 call")
        return data


class PersonForm(GovUKForm):
    person_name = _line("Full name", required_message="Enter the person's full name", max_length=200)
    person_other_names = _line(
        "Other names (optional)",
        max_length=300,
        help_text="Names they are also known by, separated by commas",
    )
    person_date_of_birth = GovUKDateField(
        label="Date of birth (if known)",
        description="date of birth",
        required_message="",
        required=False,
        # The approximate age below goes up to 120 too.
        not_before=lambda today: years_before(today, 120),
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
    person_gender = forms.ChoiceField(
        label="Gender",
        choices=Gender.choices,
        widget=forms.RadioSelect(attrs={"legend_size": "s"}),
        error_messages={"required": "Select the person's gender, or not known"},
    )
    person_address = _text("Address (optional)", rows=3)
    person_postcode = _line("Postcode (optional)", width="govuk-input--width-10", max_length=12)
    person_district = forms.ChoiceField(
        label="Partnership district (optional)",
        choices=[("", "Not known"), *District.choices],
        required=False,
    )
    person_school_or_employer = _line("School, college or employer (optional)", max_length=200)

    def clean_person_postcode(self) -> str:
        value = " ".join(self.cleaned_data.get("person_postcode", "").upper().split())
        if value and not re.fullmatch(r"[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}", value):
            raise ValidationError("Enter a real postcode, like OX1 1AA")
        return value

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if (
            not self.has_error("person_date_of_birth")
            and not self.has_error("person_approximate_age")
            and data.get("person_date_of_birth") is None
            and data.get("person_approximate_age") is None
        ):
            self.add_error(
                "person_date_of_birth", "Enter the person's date of birth, or their approximate age below"
            )
        return data


class SupportForm(GovUKForm):
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


class ConcernDetailsForm(GovUKForm):
    what_happened = _text(
        "What was seen or heard?",
        required_message="Enter what was seen or heard",
        rows=8,
        help_text=(
            "Describe what happened in your own words. Say what the person said or did, and who was there."
        ),
    )
    observed_on = GovUKDateField(
        label="When was it seen or heard?",
        description="the date the concern was observed",
        required_message="Enter the date the concern was observed",
        not_before=lambda today: years_before(today, 10),
        help_text="For example, 27 3 2026",
    )
    location = _line(
        "Where was it seen or heard?", required_message="Enter where it was seen or heard", max_length=300
    )
    how_came_to_notice = _text(
        "How did the concern come to your notice?",
        required_message="Enter how the concern came to your notice",
        rows=4,
        help_text="For example, you saw it yourself, the person told you, or a colleague or parent told you",
    )


class FactorsForm(GovUKForm):
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
                self.fields[f"{name}_note"] = _text(f"Note about: {factor.text} (optional)", rows=2)
            for question in area.current_questions:  # type: ignore[attr-defined]
                name = f"question_{question.pk}"
                self.question_objects[name] = question
                self.fields[name] = forms.ChoiceField(
                    label=question.text,
                    choices=YesNoNotKnown.choices,
                    required=False,
                    widget=forms.RadioSelect(attrs={"inline": True}),
                )
                self.fields[f"{name}_note"] = _text("Note (optional)", rows=2)

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


class InfluencesForm(GovUKForm):
    def __init__(self, *args: Any, influences: list[Influence], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.influence_objects = {f"influence_{i.pk}": i for i in influences}
        for name, influence in self.influence_objects.items():
            self.fields[name] = forms.BooleanField(label=influence.name, required=False)
            self.fields[f"{name}_details"] = _text(
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


class ConcernTypeForm(GovUKForm):
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


class AttachmentForm(GovUKForm):
    file = forms.FileField(
        label="Upload a file",
        help_text="PDF, image (PNG, JPEG, GIF), office document (DOCX, XLSX, PPTX, ODT, DOC, XLS) "
        "or plain text. Each file must be smaller than 20MB.",
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )


# After submission.

ADDENDUM_SECTIONS = [
    ("person", "About the person"),
    ("support", "Care and support needs and services involved"),
    ("concern", "What was seen or heard"),
    ("factors", "Vulnerability factors and key questions"),
    ("influences", "Influences"),
    ("concern-type", "Type of concern"),
    ("other", "Something else"),
]


class AddendumForm(GovUKForm):
    section = forms.ChoiceField(
        label="Which part of the concern does this correct or add to?",
        choices=ADDENDUM_SECTIONS,
        widget=forms.RadioSelect(attrs={"legend_size": "m"}),
        error_messages={"required": "Select which part of the concern this corrects or adds to"},
    )
    text = _text("Correction or addition", required_message="Enter the correction or addition", rows=6)
    reason = _text("Reason", required_message="Enter the reason for the addendum", rows=3)


class AnswerForm(GovUKForm):
    answer = _text("Your answer", required_message="Enter your answer", rows=6)


class RequestInformationForm(GovUKForm):
    question = _text(
        "What information do you need from the practitioner?",
        required_message="Enter the information you need",
        rows=5,
    )


class CloseForm(GovUKForm):
    reason = _text(
        "Why is no further action needed?",
        required_message="Enter the reason for closing with no further action",
        rows=5,
    )


PYRAMID_CHOICES = [
    ("1", "Level 1: universal - no referral; advice given, universal services respond"),
    (
        "2",
        "Level 2: early help - managed by the services involved, or referred to the Customer "
        "Resolution Centre or social care",
    ),
    ("3", "Level 3: moving towards extremism - referred to police Prevent for gateway assessment"),
    ("4", "Level 4: actively breaking the law - police (and 999 where imminent)"),
]


class DecisionForm(GovUKForm):
    pyramid_level = forms.ChoiceField(
        label="Prevent pyramid level",
        choices=PYRAMID_CHOICES,
        widget=forms.RadioSelect(attrs={"legend_size": "m"}),
        error_messages={"required": "Select the Prevent pyramid level"},
    )
    rationale = _text(
        "Rationale",
        required_message="Enter the rationale for your decision",
        rows=6,
        help_text="Your professional judgement: what you considered and why you decided this.",
    )


class ReferralForm(GovUKForm):
    """One referral of a decision; blank destination means none."""

    destination = forms.ChoiceField(
        label="Referred to", choices=[("", "No referral"), *ReferralDestination.choices], required=False
    )
    destination_detail = _line("Service name (for 'Other service')", max_length=200)
    method = forms.ChoiceField(
        label="How", choices=[("", "Select how"), *ReferralMethod.choices], required=False
    )
    sent_on = GovUKDateField(
        label="Date sent",
        description="the date the referral was sent",
        required_message="",
        required=False,
        not_before=lambda today: years_before(today, 1),
    )
    receiving_reference = _line(
        "Receiving service's reference (optional)", width="govuk-input--width-20", max_length=100
    )
    expected_response_on = GovUKDateField(
        label="Expected response date (optional)",
        description="the expected response date",
        required_message="",
        required=False,
        past_only=False,
        not_before=lambda today: years_before(today, 1),
        not_after=lambda today: years_before(today, -1),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not data.get("destination"):
            return data
        if not data.get("method"):
            self.add_error("method", "Select how the referral was made")
        if data.get("sent_on") is None and not self.has_error("sent_on"):
            self.add_error("sent_on", "Enter the date the referral was sent")
        sent_on, expected = data.get("sent_on"), data.get("expected_response_on")
        if sent_on and expected and expected < sent_on:
            self.add_error(
                "expected_response_on", "The expected response date must be on or after the date sent"
            )
        if data.get("destination") == "other" and not data.get("destination_detail", "").strip():
            self.add_error("destination_detail", "Enter the name of the service")
        return data


class ReferralUpdateForm(GovUKForm):
    status = forms.ChoiceField(
        label="New status",
        choices=[c for c in ReferralStatus.choices if c[0] != ReferralStatus.SENT],
        widget=forms.RadioSelect(attrs={"legend_size": "m"}),
        error_messages={"required": "Select a new status for this referral"},
    )
    outcome = _text("Outcome (when received)", rows=4)
    note = _text("Note (optional)", rows=3)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("status") == ReferralStatus.OUTCOME_RECEIVED and not data.get("outcome", "").strip():
            self.add_error("outcome", "Enter the outcome of the referral")
        return data


class LinkPersonForm(GovUKForm):
    person = forms.ChoiceField(
        label="Which person record is this?",
        widget=forms.RadioSelect(attrs={"legend_size": "m"}),
        error_messages={"required": "Select the person record to link"},
    )

    def __init__(self, *args: Any, matches: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [  # type: ignore[attr-defined]
            (
                str(p.pk),
                f"{p.full_name}{', born ' + p.date_of_birth.strftime('%-d %B %Y') if p.date_of_birth else ''}"
                f"{', ' + p.postcode if p.postcode else ''}",
            )
            for p in matches
        ]
