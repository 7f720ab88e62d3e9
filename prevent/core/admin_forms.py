"""Forms for the administrators' organisation and local-area pages.

They parse and check input; the services in services.py decide and write."""

from __future__ import annotations

from typing import Any

from django import forms

from .forms import GovUKForm, GovUKModelForm
from .models import District, LocalAreaSettings, Sector
from .services import LOCAL_AREA_FIELDS

EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"


class OrganisationForm(GovUKForm):
    """Adding an organisation and changing one ask the same three questions."""

    name = forms.CharField(
        label="Organisation name",
        max_length=200,
        error_messages={
            "required": "Enter the organisation's name",
            "max_length": "Organisation name must be 200 characters or fewer",
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-30", "autocomplete": "organization"}),
    )
    sector = forms.ChoiceField(
        label="Sector",
        choices=Sector.choices,
        error_messages={
            "required": "Select the organisation's sector",
            "invalid_choice": "Select the organisation's sector",
        },
        widget=forms.RadioSelect,
    )
    district = forms.ChoiceField(
        label="Partnership area",
        help_text="The district the organisation serves, or county-wide.",
        choices=District.choices,
        error_messages={
            "required": "Select the organisation's district, or county-wide",
            "invalid_choice": "Select the organisation's district, or county-wide",
        },
        widget=forms.RadioSelect,
    )


class OrganisationArchiveForm(GovUKForm):
    reason = forms.CharField(
        label="Why are you archiving this organisation?",
        help_text="For example, it has merged with another organisation or left the partnership.",
        max_length=2000,
        error_messages={
            "required": "Enter the reason for archiving the organisation",
            "max_length": "Reason must be 2000 characters or fewer",
        },
        widget=forms.Textarea(attrs={"rows": 4, "label_size": "m"}),
    )


STATE_CHOICES = [("active", "Active"), ("archived", "Archived"), ("all", "Active and archived")]


class OrganisationFilterForm(GovUKForm):
    sector = forms.ChoiceField(label="Sector", choices=[("", "All sectors"), *Sector.choices], required=False)
    district = forms.ChoiceField(
        label="Partnership area", choices=[("", "All areas"), *District.choices], required=False
    )
    state = forms.ChoiceField(label="Status", choices=STATE_CHOICES, required=False)

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {"sector": "", "district": "", "state": "active"}
        return {
            "sector": self.cleaned_data["sector"],
            "district": self.cleaned_data["district"],
            "state": self.cleaned_data["state"] or "active",
        }


class LocalAreaSettingsForm(GovUKModelForm):
    class Meta:
        model = LocalAreaSettings
        fields = LOCAL_AREA_FIELDS
        error_messages = {
            "area_name": {"required": "Enter the area name"},
            "partnership_name": {"required": "Enter the partnership name"},
            "emergency_guidance": {"required": "Enter the emergency guidance"},
            "police_non_emergency_phone": {"required": "Enter the police non-emergency phone number"},
        }
        help_texts = {
            "area_name": "Shown across the service, for example Oxfordshire.",
            "emergency_guidance": "Shown at the top of every page that records a concern.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(field, forms.EmailField):
                field.error_messages["invalid"] = EMAIL_FORMAT
                widget.attrs.update({"class": "govuk-input--width-30", "spellcheck": "false"})
            elif name.endswith("_phone"):
                widget.input_type = "tel"  # type: ignore[attr-defined]
                widget.attrs.update({"class": "govuk-input--width-20"})
            elif isinstance(widget, forms.Textarea):
                widget.attrs.update({"rows": 4})
            else:
                widget.attrs.update({"class": "govuk-input--width-30"})
            if isinstance(field, forms.CharField) and field.max_length:
                label = str(field.label)
                field.error_messages["max_length"] = f"{label} must be {field.max_length} characters or fewer"

    @property
    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """Fields grouped under the headings of the change page."""
        sections = [
            ("Area", ["area_name", "partnership_name", "emergency_guidance"]),
            (
                "Referral pathway contact points",
                [
                    "customer_resolution_centre_phone",
                    "customer_resolution_centre_email",
                    "childrens_front_door_phone",
                    "childrens_front_door_email",
                    "adults_front_door_phone",
                    "adults_front_door_email",
                    "police_prevent_phone",
                    "police_prevent_email",
                ],
            ),
            (
                "Out of hours",
                ["childrens_out_of_hours_phone", "adults_out_of_hours_phone", "police_non_emergency_phone"],
            ),
        ]
        return [(title, [self[name] for name in names]) for title, names in sections]
