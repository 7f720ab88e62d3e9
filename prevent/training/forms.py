from __future__ import annotations

from typing import Any, cast

from django import forms

from prevent.core.fields import DateErrorsMixin, GovUKDateField, years_ago, years_from_today
from prevent.core.forms import GovUKForm, GovUKModelForm

from .models import Course, CourseKind, CourseMode, JobGroup


class CourseForm(GovUKModelForm):
    class Meta:
        model = Course
        fields = ["title", "kind", "mode", "refresher_months", "link", "description"]
        labels = {
            "title": "Title",
            "kind": "Kind of course",
            "mode": "How it is delivered",
            "refresher_months": "Refresher period in months (optional)",
            "link": "Link to the online course (optional)",
            "description": "Description (optional)",
        }
        help_texts = {"refresher_months": "For example, 36 for three years. Leave empty if it never expires"}
        widgets = {"kind": forms.RadioSelect, "mode": forms.RadioSelect}
        error_messages = {
            "title": {"required": "Enter the course's title"},
            "kind": {"required": "Select the kind of course"},
            "mode": {"required": "Select how the course is delivered"},
            "refresher_months": {"invalid": "The refresher period must be a whole number of months"},
            "link": {"invalid": "Enter a link in the correct format, like https://www.example.com"},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = CourseKind.choices
        cast(forms.ChoiceField, self.fields["mode"]).choices = CourseMode.choices


class DeclareForm(DateErrorsMixin, GovUKForm):
    course = forms.ModelChoiceField(
        queryset=Course.objects.none(),
        label="Course",
        empty_label=None,
        error_messages={"required": "Select the course", "invalid_choice": "Select the course"},
    )
    completed_on = GovUKDateField(
        label="Date you completed it",
        subject="the date you completed the course",
        earliest=years_ago(10),
        latest=years_from_today(0),
        help_text="For example, 27 3 2025",
    )
    certificate = forms.FileField(
        label="Certificate",
        help_text="A PDF, PNG or JPG, smaller than 10MB",
        error_messages={"required": "Select the certificate"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["course"])
        field.queryset = Course.objects.filter(retired_at__isnull=True)


class DecideForm(GovUKForm):
    decision = forms.ChoiceField(
        label="Do you confirm this completion?",
        choices=[("confirm", "Yes, confirm it"), ("refuse", "No, do not confirm it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you confirm this completion"},
    )


class SessionForm(DateErrorsMixin, GovUKForm):
    course = forms.ModelChoiceField(
        queryset=Course.objects.none(),
        label="Course",
        empty_label=None,
        error_messages={"required": "Select the course", "invalid_choice": "Select the course"},
    )
    date = GovUKDateField(
        label="Date", subject="the date of the session", earliest=years_ago(0), latest=years_from_today(2)
    )
    start_time = forms.TimeField(
        label="Start time",
        help_text="For example, 09:30",
        error_messages={"required": "Enter the start time", "invalid": "Enter the start time like 09:30"},
    )
    end_time = forms.TimeField(
        label="End time",
        help_text="For example, 12:30",
        error_messages={"required": "Enter the end time", "invalid": "Enter the end time like 12:30"},
    )
    venue = forms.CharField(label="Venue (optional)", required=False, max_length=300)
    online_link = forms.URLField(
        label="Online link (optional)",
        required=False,
        max_length=500,
        error_messages={"invalid": "Enter a link in the correct format, like https://www.example.com"},
    )
    trainer: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None,  # type: ignore[arg-type]
        label="Trainer",
        empty_label=None,
        error_messages={"required": "Select the trainer", "invalid_choice": "Select the trainer"},
    )
    capacity = forms.IntegerField(
        label="Number of places",
        min_value=1,
        max_value=500,
        error_messages={
            "required": "Enter the number of places",
            "invalid": "The number of places must be a whole number",
            "min_value": "The number of places must be 1 or more",
            "max_value": "The number of places must be 500 or fewer",
        },
    )
    open_to: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None,  # type: ignore[arg-type]
        label="Who may book",
        required=False,
        empty_label="Staff of every organisation",
    )

    def __init__(self, *args: Any, trainers: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (
            ("course", Course.objects.filter(retired_at__isnull=True, mode__in=["face_to_face", "either"])),
            ("trainer", trainers),
            ("open_to", organisations),
        ):
            field = cast(forms.ModelChoiceField, self.fields[name])
            field.queryset = queryset
        self.fields["start_time"].widget.attrs["class"] = "govuk-input--width-5"
        self.fields["end_time"].widget.attrs["class"] = "govuk-input--width-5"
        self.fields["capacity"].widget.attrs["class"] = "govuk-input--width-4"


class AttendanceForm(GovUKForm):
    attended = forms.MultipleChoiceField(
        label="Who attended?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select everyone who came. Those not selected are recorded as not attending",
    )

    def __init__(self, *args: Any, people: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.MultipleChoiceField, self.fields["attended"])
        field.choices = [(str(pk), name) for pk, name in people]


class PlanForm(GovUKForm):
    """One set of checkboxes per job group."""

    def __init__(
        self, *args: Any, courses: list[Course], initial_plan: dict[str, list[int]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(c.pk), c.title) for c in courses]
        for value, label in JobGroup.choices:
            self.fields[value] = forms.MultipleChoiceField(
                label=label,
                required=False,
                choices=choices,
                widget=forms.CheckboxSelectMultiple(attrs={"legend_size": "m"}),
                initial=[str(pk) for pk in initial_plan.get(value, [])],
            )


class ImportForm(GovUKForm):
    organisation: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None,  # type: ignore[arg-type]
        label="Organisation",
        empty_label=None,
        error_messages={"required": "Select the organisation", "invalid_choice": "Select the organisation"},
    )
    staff_file = forms.FileField(
        label="Staff list",
        help_text="A CSV or XLSX file with the columns name, e-mail and job group, one member of staff a row",
        error_messages={"required": "Select the staff list"},
    )
    request_practitioner = forms.BooleanField(
        required=False,
        label="Also ask for the practitioner role for each of them",
        help_text="They can raise concerns once a second person approves each request. "
        "Without it they see their own training only.",
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["organisation"])
        field.queryset = organisations
        if len(organisations) == 1:  # a SPOC: their own organisation
            field.initial = organisations[0].pk
            field.widget = forms.HiddenInput()


class TrainerForm(GovUKForm):
    email = forms.EmailField(
        label="Email address of the trainer",
        max_length=254,
        error_messages={
            "required": "Enter the trainer's email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
