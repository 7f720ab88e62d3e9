"""Forms for the administrators' user pages. They parse and check input;
the services in services/users.py decide and write."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from prevent.core.forms import GovUKForm
from prevent.core.models import Organisation
from prevent.core.selectors_admin import organisations_assignable

from .roles import ROLE_DESCRIPTIONS, Role


class CheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes whose options carry a hint (option.data.hint).

    Keeps Django's class name so the GOV.UK templates (error summary anchors,
    field markup) treat it as the checkboxes they already know."""

    def __init__(self, *args: Any, hints: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hints = hints or {}

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        option["hint"] = self.hints.get(str(option["value"]), "")
        return option


def roles_field(label: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        help_text=(
            "Select all that apply. Administrators manage users and settings but do not see cases. "
            "A role that sees case content is given only when a Prevent Coordinator, or someone "
            "who holds that role, approves it."
        ),
        choices=Role.choices,
        error_messages={
            "required": "Select at least one role",
            "invalid_choice": "Select roles from the list",
        },
        widget=CheckboxSelectMultiple(hints=dict(ROLE_DESCRIPTIONS)),
        template_name="users/roles_field.html",  # type: ignore[call-arg]  # missing from django-stubs
    )


class UserDetailsForm(GovUKForm):
    full_name = forms.CharField(
        label="Full name",
        max_length=150,
        error_messages={
            "required": "Enter the user's full name",
            "max_length": "Full name must be 150 characters or fewer",
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-30", "spellcheck": "false"}),
    )
    email = forms.EmailField(
        label="Email address",
        help_text="They sign in with this address. Use their work email.",
        max_length=254,
        error_messages={
            "required": "Enter an email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        },
        widget=forms.EmailInput(attrs={"class": "govuk-input--width-30", "spellcheck": "false"}),
    )
    job_title = forms.CharField(
        label="Job title (optional)",
        max_length=150,
        required=False,
        error_messages={"max_length": "Job title must be 150 characters or fewer"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-30"}),
    )
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.none(),
        empty_label="Select an organisation",
        error_messages={
            "required": "Select the user's organisation",
            "invalid_choice": "Select the user's organisation",
        },
    )

    def __init__(self, *args: Any, current_organisation: Organisation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelChoiceField[Organisation]", self.fields["organisation"])
        field.queryset = organisations_assignable(current=current_organisation)


class UserCreateForm(UserDetailsForm):
    roles = roles_field("Roles")


class UserRolesForm(GovUKForm):
    roles = roles_field("Roles")


STATUS_CHOICES = [("", "Active and deactivated"), ("active", "Active"), ("deactivated", "Deactivated")]


class UserFilterForm(GovUKForm):
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="All organisations",
    )
    role = forms.ChoiceField(label="Role", choices=[("", "All roles"), *Role.choices], required=False)
    status = forms.ChoiceField(label="Status", choices=STATUS_CHOICES, required=False)

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        organisation = self.cleaned_data["organisation"]
        status = self.cleaned_data["status"]
        return {
            "organisation_id": organisation.pk if organisation else None,
            "role": self.cleaned_data["role"],
            "active": {"active": True, "deactivated": False}.get(status),
        }


class RoleGrantRefuseForm(GovUKForm):
    reason = forms.CharField(
        label="Why are you refusing the request?",
        help_text="The administrator who asked will see this.",
        max_length=2000,
        error_messages={
            "required": "Enter why you are refusing the request",
            "max_length": "Reason must be 2000 characters or fewer",
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )
