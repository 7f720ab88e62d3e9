"""The forms of a submitted concern: addendum, questions and answers, the
SPOC's decision and referrals, a referral's status, linking a person. They
own the shape of the answers and their GOV.UK wording; the services check
state and transitions."""

from __future__ import annotations

from typing import Any

from django import forms

from prevent.core.fields import DateErrorsMixin, GovUKDateField, today, years_ago, years_from_today
from prevent.core.forms import GovUKForm
from prevent.guidance.models import ConcernType

from ..models import ConcernStatus, ReferralDestination, ReferralMethod, ReferralStatus
from ._fields import date_field, line_field, text_field


class AddendumForm(GovUKForm):
    """`sections`: the parts of the concern (steps.addendum_sections())."""

    section = forms.ChoiceField(
        label="Which part of the concern does this correct or add to?",
        widget=forms.RadioSelect(attrs={"legend_size": "m"}),
        error_messages={"required": "Select which part of the concern this corrects or adds to"},
    )
    text = text_field("Correction or addition", required_message="Enter the correction or addition", rows=6)
    reason = text_field("Reason", required_message="Enter the reason for the addendum", rows=3)

    def __init__(self, *args: Any, sections: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = sections  # type: ignore[attr-defined]


class AnswerForm(GovUKForm):
    answer = text_field("Your answer", required_message="Enter your answer", rows=6)


class RequestInformationForm(GovUKForm):
    question = text_field(
        "What information do you need from the practitioner?",
        required_message="Enter the information you need",
        rows=5,
    )


class ConcernTypeChoice(GovUKForm):
    """The type of concern, which the SPOC confirms or sets with the triage
    decision or on closing (the practitioner need not classify an ideology:
    their step is optional). The practitioner's choice is selected; blank
    leaves it as it is. `concern_types`: the current types; `current`: the
    concern's own (offered even when retired since)."""

    concern_type = forms.ChoiceField(
        label="Type of concern (optional)",
        help_text=(
            "The category of the official Prevent statistics. If the practitioner chose one it is "
            "selected: change it if you classify the concern differently."
        ),
        required=False,
        widget=forms.RadioSelect(attrs={"legend_size": "m"}),
        error_messages={"invalid_choice": "Select a type of concern from the list"},
    )

    def __init__(
        self,
        *args: Any,
        concern_types: list[ConcernType] | None = None,
        current: ConcernType | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        types = list(concern_types or [])
        if current is not None and all(t.pk != current.pk for t in types):
            types.append(current)
        self.types = {str(t.pk): t for t in types}
        field: Any = self.fields["concern_type"]
        field.choices = [(key, t.label) for key, t in self.types.items()]
        if current is not None:
            field.initial = str(current.pk)

    def chosen_type(self) -> ConcernType | None:
        return self.types.get(self.cleaned_data.get("concern_type") or "")


class CloseForm(ConcernTypeChoice):
    reason = text_field(
        "Why is no further action needed?",
        required_message="Enter the reason for closing with no further action",
        rows=5,
    )
    field_order = ["reason", "concern_type"]


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


class DecisionForm(ConcernTypeChoice):
    pyramid_level = forms.ChoiceField(
        label="Prevent pyramid level",
        choices=PYRAMID_CHOICES,
        widget=forms.RadioSelect(attrs={"legend_size": "m"}),
        error_messages={"required": "Select the Prevent pyramid level"},
    )
    rationale = text_field(
        "Rationale",
        required_message="Enter the rationale for your decision",
        rows=6,
        help_text="Your professional judgement: what you considered and why you decided this.",
    )


class ReferralForm(DateErrorsMixin, GovUKForm):
    """One referral of a decision; blank destination means none."""

    destination = forms.ChoiceField(
        label="Referred to", choices=[("", "No referral"), *ReferralDestination.choices], required=False
    )
    destination_detail = line_field("Service name (for 'Other service')", max_length=200)
    method = forms.ChoiceField(
        label="How", choices=[("", "Select how"), *ReferralMethod.choices], required=False
    )
    sent_on = date_field(
        "Date sent", subject="The date the referral was sent", earliest=years_ago(1), latest=today
    )
    receiving_reference = line_field(
        "Receiving service's reference (optional)", width="govuk-input--width-20", max_length=100
    )
    expected_response_on = date_field(
        "Expected response date (optional)",
        subject="The expected response date",
        earliest=years_ago(1),
        latest=years_from_today(1),
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
    outcome = text_field("Outcome (when received)", rows=4)
    note = text_field("Note (optional)", rows=3)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("status") == ReferralStatus.OUTCOME_RECEIVED and not data.get("outcome", "").strip():
            self.add_error("outcome", "Enter the outcome of the referral")
        return data


class ReferralInformationForm(GovUKForm):
    text = text_field(
        "Information to add",
        required_message="Enter the information you want to add",
        rows=6,
        help_text="What you have learned since the referral was sent. The referral as sent stays as it was.",
    )


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


class OrganisationConcernsForm(DateErrorsMixin, GovUKForm):
    """The filters of the organisation's concerns (a GET form: every field optional)."""

    status = forms.ChoiceField(label="Status", required=False)
    pyramid_level = forms.ChoiceField(
        label="Prevent pyramid level",
        required=False,
        choices=[("", "Any level"), *[(str(n), f"Level {n}") for n in (1, 2, 3, 4)]],
    )
    submitted_from = GovUKDateField(
        subject="the earliest date submitted", required=False, earliest=years_ago(20), latest=today
    )
    submitted_to = GovUKDateField(
        subject="the latest date submitted", required=False, earliest=years_ago(20), latest=today
    )
    person = line_field("Person's name")
    recorded_by = forms.ChoiceField(label="Recorded by", required=False)
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[("newest", "Newest first"), ("oldest", "Oldest first"), ("person", "Person's name")],
    )

    def __init__(self, *args: Any, recorders: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            ("", "Any status"),
            *[c for c in ConcernStatus.choices if c[0] != ConcernStatus.DRAFT],
        ]
        self.fields["recorded_by"].choices = [  # type: ignore[attr-defined]
            ("", "Anyone"),
            *[(str(pk), name) for pk, name in recorders],
        ]
