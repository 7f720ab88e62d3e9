"""Question pages of the gateway and Channel. GOV.UK date inputs (the
concerns app's field and tag) and GOV.UK error messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from prevent.concerns.forms import GovUKDateField
from prevent.core.forms import GovUKForm

from .models import (
    AgendaKind,
    AttendanceStatus,
    ConsentGiver,
    ConsentMethod,
    ConsentOutcome,
    DecisionOutcome,
    ExternalSource,
    FactorRating,
    FrameworkDimension,
    GatewayCheck,
    GatewayOutcome,
    InterventionType,
    RequestResponse,
    ReviewOutcome,
    SafeguardingProcess,
)

TEXT_LIMIT = 20_000
EARLIEST_BIRTH = dt.date(1900, 1, 1)


def _text(label: str, required_message: str = "", rows: int = 5, help_text: str = "") -> Any:
    return forms.CharField(
        label=label,
        required=bool(required_message),
        error_messages={"required": required_message} if required_message else {},
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=TEXT_LIMIT,
        help_text=help_text,
    )


def _line(label: str, required_message: str = "", width: str = "govuk-!-width-two-thirds", **kw: Any) -> Any:
    return forms.CharField(
        label=label,
        required=bool(required_message),
        error_messages={"required": required_message} if required_message else {},
        widget=forms.TextInput(attrs={"class": width}),
        max_length=kw.pop("max_length", 200),
        **kw,
    )


def _radios(label: str, choices: Any, required_message: str, **attrs: Any) -> Any:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect(attrs=attrs),
        error_messages={"required": required_message},
    )


Limit = Callable[[], dt.date]


def _years_ago(years: int) -> Limit:
    """1 January, `years` years before this one (the earliest date allowed)."""
    return lambda: dt.date(timezone.localdate().year - years, 1, 1)


def _years_ahead(years: int) -> Limit:
    """1 January, `years` years after this one (dates must be before it)."""
    return lambda: dt.date(timezone.localdate().year + years, 1, 1)


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


class _DateField(GovUKDateField):
    """The GOV.UK date with a range that fits what the date means: no
    earlier than `earliest` (inclusive), before `before` (exclusive), and
    today or later when `future_only`. Limits are worked out when the form
    is checked, so "within 2 years" moves with the calendar."""

    def __init__(
        self,
        *,
        earliest: Limit | None = None,
        before: Limit | None = None,
        future_only: bool = False,
        **kwargs: Any,
    ) -> None:
        self.earliest = earliest
        self.before = before
        self.future_only = future_only
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is None:
            return
        subject = self.description[0].upper() + self.description[1:]
        if self.future_only and value < timezone.localdate():
            raise ValidationError(f"{subject} must be today or in the future")
        if self.earliest is not None and value < (earliest := self.earliest()):
            raise ValidationError(f"{subject} must be the same as or after {_day(earliest)}")
        if self.before is not None and value >= (before := self.before()):
            raise ValidationError(f"{subject} must be before {_day(before)}")


def _date(
    label: str,
    description: str,
    required_message: str = "",
    *,
    past_only: bool = False,
    future_only: bool = False,
    earliest: Limit | None = None,
    before: Limit | None = None,
    hint: str = "",
) -> Any:
    """A date question. Give every date a range for what it means: past
    dates an `earliest`, planned dates a `before` ("within N years")."""
    if not (past_only or before) or not (future_only or earliest):
        raise TypeError(f"The date '{label}' needs a range: an earliest date and a latest one")
    return _DateField(
        label=label,
        description=description,
        required_message=required_message,
        required=bool(required_message),
        past_only=past_only,
        future_only=future_only,
        earliest=earliest,
        before=before,
        help_text=hint or "For example, 27 3 2026",
    )


class _UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        org = getattr(obj, "organisation", None)
        return f"{obj.full_name} ({org.name})" if org else obj.full_name


class _UsersChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        org = getattr(obj, "organisation", None)
        return f"{obj.full_name} ({org.name})" if org else obj.full_name


# ---- Gateway ----------------------------------------------------------------


class ExternalReferralForm(GovUKForm):
    full_name = _line("Person's full name", "Enter the person's full name")
    date_of_birth = _date(
        "Date of birth (optional)", "the date of birth", past_only=True, earliest=lambda: EARLIEST_BIRTH
    )
    address = _text("Address (optional)", rows=3)
    postcode = _line("Postcode (optional)", width="govuk-input--width-10", max_length=12)
    external_source = _radios(
        "Where did the referral come from?", ExternalSource.choices, "Select where the referral came from"
    )
    external_detail = _line("Details of the referrer (optional)")
    summary = _text("Summary of the referral", "Enter a summary of the referral")
    received_on = _date(
        "Date received",
        "the date the referral was received",
        "Enter the date the referral was received",
        past_only=True,
        earliest=_years_ago(5),
    )


class GatewayAssessmentForm(GovUKForm):
    checks = forms.MultipleChoiceField(
        label="Checks made",
        choices=GatewayCheck.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the checks you made"},
    )
    checks_notes = _text("What the checks found (optional)", rows=4)
    outcome = _radios(
        "Outcome", GatewayOutcome.choices, "Select the outcome of the gateway assessment", legend_size="m"
    )
    signposted_to = _line("Services signposted to (if signposted)")
    case_officer = _UserChoice(
        label="Case officer (if referred to Channel)",
        queryset=None,
        required=False,
        empty_label="Select a Prevent Coordinator",
    )
    rationale = _text("Rationale", "Enter the rationale for the outcome")

    def __init__(self, *args: Any, coordinators: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case_officer"].queryset = coordinators  # type: ignore[attr-defined]


# ---- Case and information requests ------------------------------------------


class SafeguardingLinkForm(GovUKForm):
    process = _radios(
        "Safeguarding process",
        SafeguardingProcess.choices,
        "Select the safeguarding process",
        legend_size="m",
    )
    reference = _line(
        "Reference", "Enter the reference of the process", width="govuk-input--width-20", max_length=100
    )


class InformationRequestForm(GovUKForm):
    agency: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Agency",
        queryset=None,
        empty_label="Select an agency",
        error_messages={"required": "Select the agency"},
    )
    question = _text("What information do you need?", "Enter the information you need")
    due_on = _date(
        "Answer due by",
        "the date the answer is due",
        "Enter the date the answer is due",
        future_only=True,
        before=_years_ahead(2),
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class AnswerForm(GovUKForm):
    response = _radios(
        "Your answer",
        RequestResponse.choices,
        "Select whether you are providing information or nothing is known",
        legend_size="m",
    )
    text = _text("The information you are providing", rows=6)
    file = forms.FileField(label="Attach a file (optional)", required=False)


class VAFForm(GovUKForm):
    """One radio group and an evidence box per factor; a summary per
    dimension; the overall judgement. There is no score."""

    def __init__(self, *args: Any, dimensions: list[FrameworkDimension], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dimensions = dimensions
        self.groups: list[tuple[FrameworkDimension, list[tuple[str, str]], str]] = []
        for d in dimensions:
            names = []
            for f in d.factors.all():
                self.fields[f"factor_{f.pk}"] = forms.ChoiceField(
                    label=f"{f.number}. {f.text}",
                    choices=FactorRating.choices,
                    widget=forms.RadioSelect(attrs={"inline": True}),
                    error_messages={"required": f"Select whether '{f.text}' is present"},
                )
                self.fields[f"evidence_{f.pk}"] = _text(f"Evidence for factor {f.number} (optional)", rows=2)
                names.append((f"factor_{f.pk}", f"evidence_{f.pk}"))
            self.fields[f"summary_{d.pk}"] = _text(
                f"Summary: {d.name}", f"Enter a summary for {d.name.lower()}", rows=4
            )
            self.groups.append((d, names, f"summary_{d.pk}"))
        self.fields["overall_judgement"] = _text(
            "Overall professional judgement", "Enter the overall professional judgement", rows=6
        )

    def bound_groups(self) -> list[tuple[FrameworkDimension, list[tuple[Any, Any]], Any]]:
        return [(d, [(self[a], self[b]) for a, b in names], self[s]) for d, names, s in self.groups]

    def result(self) -> tuple[dict[int, tuple[str, str]], dict[int, str]]:
        ratings: dict[int, tuple[str, str]] = {}
        summaries: dict[int, str] = {}
        for d in self.dimensions:
            for f in d.factors.all():
                ratings[f.pk] = (
                    self.cleaned_data[f"factor_{f.pk}"],
                    self.cleaned_data.get(f"evidence_{f.pk}", ""),
                )
            summaries[d.pk] = self.cleaned_data[f"summary_{d.pk}"]
        return ratings, summaries


# ---- Panels -----------------------------------------------------------------


class ScheduleForm(GovUKForm):
    first_on = _date(
        "Date of the first meeting",
        "the date of the first meeting",
        "Enter the date of the first meeting",
        earliest=_years_ago(1),
        before=_years_ahead(2),
    )
    months = forms.IntegerField(
        label="Number of monthly meetings",
        min_value=1,
        max_value=24,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter the number of meetings",
            "invalid": "The number of meetings must be a number",
            "min_value": "The number of meetings must be between 1 and 24",
            "max_value": "The number of meetings must be between 1 and 24",
        },
    )
    location = _line("Location (optional)")


class MembersForm(GovUKForm):
    members = _UsersChoice(
        label="Panel members", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = people  # type: ignore[attr-defined]


class AgendaAddForm(GovUKForm):
    case: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Case",
        queryset=None,
        empty_label="Select a case",
        error_messages={"required": "Select the case"},
    )
    kind = _radios("Why is it on the agenda?", AgendaKind.choices, "Select why the case is on the agenda")

    def __init__(self, *args: Any, cases: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases  # type: ignore[attr-defined]
        self.fields["case"].label_from_instance = lambda c: c.reference  # type: ignore[attr-defined]


class AttendanceForm(GovUKForm):
    agency: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Agency",
        queryset=None,
        empty_label="Select an agency",
        error_messages={"required": "Select the agency"},
    )
    representative = _line("Representative's name", "Enter the name of the agency's representative")
    status = _radios(
        "Attendance", AttendanceStatus.choices, "Select whether they attended or sent apologies", inline=True
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class NotesForm(GovUKForm):
    notes = _text("Notes of the discussion", "Enter the notes of the discussion", rows=8)


class MinutesForm(GovUKForm):
    minutes = _text("Minutes", "Enter the minutes of the meeting", rows=10)


class DecisionForm(GovUKForm):
    outcome = _radios("Decision", DecisionOutcome.choices, "Select the panel's decision", legend_size="m")
    other_mechanism = _line("Support mechanism referred to (if not adopted)")
    rationale = _text("Rationale", "Enter the rationale for the decision")


class SupersedeForm(DecisionForm):
    reason = _text(
        "Why is the decision being replaced?", "Enter the reason the decision is being replaced", rows=3
    )


class ActionForm(GovUKForm):
    case: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Case (optional)", queryset=None, required=False, empty_label="No case"
    )
    description = _text("Action", "Enter the action", rows=3)
    owner = _UserChoice(
        label="Owner",
        queryset=None,
        empty_label="Select the owner",
        error_messages={"required": "Select the owner"},
    )
    due_on = _date(
        "Due by",
        "the date the action is due",
        "Enter the date the action is due",
        earliest=_years_ago(1),
        before=_years_ahead(2),
    )

    def __init__(self, *args: Any, cases: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases  # type: ignore[attr-defined]
        self.fields["case"].label_from_instance = lambda c: c.reference  # type: ignore[attr-defined]
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


# ---- Consent, support plan, exit --------------------------------------------


class ConsentForm(GovUKForm):
    outcome = _radios(
        "Consent",
        ConsentOutcome.choices,
        "Select whether consent was given, refused or withdrawn",
        legend_size="m",
    )
    given_by = _radios(
        "Who gave or refused consent?", ConsentGiver.choices, "Select who gave or refused consent"
    )
    giver_name = _line("Their name", "Enter the name of the person who gave or refused consent")
    child_view = _text("The child's own view (for a child)", rows=3)
    obtained_on = _date(
        "Date", "the date of consent", "Enter the date of consent", past_only=True, earliest=_years_ago(5)
    )
    method = _radios("How was it obtained?", ConsentMethod.choices, "Select how consent was obtained")
    obtained_by = _line("Who obtained it?", "Enter who obtained consent")
    told_support_needs_consent = forms.BooleanField(
        label="They were told that support cannot take place without consent", required=False
    )
    risk_management_plan = _text("Risk management plan (if consent was refused or withdrawn)", rows=5)
    child_at_risk_of_significant_harm = forms.BooleanField(
        label="The child is thought to be at risk of significant harm (Children Act 1989)", required=False
    )
    childrens_social_care_involved = forms.BooleanField(
        label="Children's social care is involved in the decision", required=False
    )
    reassess_on = _date(
        "Date the panel will reassess (optional)",
        "the date to reassess",
        future_only=True,
        before=_years_ahead(2),
    )


class InterventionForm(GovUKForm):
    type = forms.ChoiceField(
        label="Type of intervention",
        choices=[("", "Select a type"), *InterventionType.choices],
        error_messages={"required": "Select the type of intervention"},
    )
    provider: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Provider",
        queryset=None,
        empty_label="Select an approved provider",
        error_messages={"required": "Select the provider"},
    )
    description = _text("Description (optional)", rows=3)
    start_on = _date(
        "Start date", "the start date", "Enter the start date", earliest=_years_ago(5), before=_years_ahead(2)
    )
    review_on = _date(
        "Review date (optional)", "the review date", earliest=_years_ago(5), before=_years_ahead(5)
    )
    end_on = _date("End date (optional)", "the end date", earliest=_years_ago(5), before=_years_ahead(10))

    def __init__(self, *args: Any, providers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers  # type: ignore[attr-defined]


class ProgressForm(GovUKForm):
    note = _text("Progress note", "Enter the progress note", rows=4)


class InterventionEndForm(GovUKForm):
    end_on = _date("End date", "the end date", "Enter the end date", past_only=True, earliest=_years_ago(5))
    outcome = _text("Outcome", "Enter the outcome of the intervention", rows=4)


class ProviderForm(GovUKForm):
    name = _line("Provider name", "Enter the provider's name")
    is_home_office_intervention_provider = forms.BooleanField(
        label="Home Office approved Intervention Provider", required=False
    )


class ClosingReportForm(GovUKForm):
    evidence = _text(
        "Evidence for the panel's recommendation",
        "Enter the evidence for the panel's recommendation",
        rows=10,
        help_text="Set out how the risk has been reduced or managed.",
    )


class ReviewForm(GovUKForm):
    outcome = _radios(
        "Outcome of the review", ReviewOutcome.choices, "Select the outcome of the review", legend_size="m"
    )
    notes = _text("Notes", "Enter the notes of the review", rows=5)
