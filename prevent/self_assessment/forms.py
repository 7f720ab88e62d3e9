"""Forms of the self-assessment pages: GOV.UK markup and GOV.UK messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.forms import BoundField

from prevent.core.fields import DateErrorsMixin
from prevent.core.forms import GovUKForm
from prevent.core.models import District, Sector
from prevent.core.uploads import CheckedUpload, UploadMessages, check_upload, formats
from prevent.core.versioning import VersionedForm

from . import dates
from .models import ActionStatus, Assessment, Objective, Rating, TemplateVersion
from .selectors import ObjectiveSection, StatementRow

# Evidence files (Appendix 1): documents, images, spreadsheets and slides.
EVIDENCE_FORMATS = formats(
    "pdf", "png", "jpg", "jpeg", "gif", "doc", "docx", "xls", "xlsx", "ppt", "pptx",
    "odt", "ods", "odp", "txt", "csv",
)  # fmt: skip
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
EVIDENCE_MESSAGES = UploadMessages(
    type=(
        "The selected file must be a PDF, image (JPG, PNG, GIF), office document "
        "(Word, Excel, PowerPoint, OpenDocument) or text file"
    ),
)


def check_evidence_file(upload: UploadedFile) -> CheckedUpload:
    """What to store about an evidence file, or a ValidationError in GOV.UK wording."""
    return check_upload(
        upload, allowed=EVIDENCE_FORMATS, max_bytes=EVIDENCE_MAX_BYTES, messages=EVIDENCE_MESSAGES
    )


class DetailsForm(DateErrorsMixin, GovUKForm):
    assessor_names = forms.CharField(
        label="Name of assessor(s)",
        help_text="Everyone who took part in the assessment",
        max_length=300,
        error_messages={"required": "Enter the name of the assessor or assessors"},
        widget=forms.TextInput(attrs={"class": "govuk-!-width-two-thirds", "autocomplete": "off"}),
    )
    assessed_on = dates.assessed_on(label="Date of assessment", help_text="For example, 27 3 2026")
    review_due_on = dates.review_due_on(
        label="To be reviewed on", help_text="Usually a year after the assessment. For example, 27 3 2027"
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        assessed, review = cleaned.get("assessed_on"), cleaned.get("review_due_on")
        if assessed and review and review <= assessed:
            self.add_error("review_due_on", "Date to be reviewed must be after the date of assessment")
        return cleaned


class StartForm(DetailsForm):
    COPY, BLANK = "copy", "blank"

    def __init__(self, *args: Any, previous: Assessment | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.previous = previous
        if previous is not None:
            self.fields["start_from"] = forms.ChoiceField(
                label="How do you want to start?",
                choices=[
                    (self.COPY, f"From a copy of the last assessment ({previous.assessed_on:%-d %B %Y})"),
                    (self.BLANK, "From a blank assessment"),
                ],
                initial=self.COPY,
                widget=forms.RadioSelect(attrs={"legend_size": "m"}),
                error_messages={"required": "Select how you want to start"},
            )
            self.order_fields(["start_from"])


MET_CHOICES = [("yes", "Yes, we can evidence this"), ("no", "No, not yet")]
OVERRIDE_CHOICES = [("", "Use the suggested rating"), *Rating.choices]


@dataclass
class StatementFields:
    row: StatementRow
    met: BoundField
    note: BoundField
    upload: BoundField


class ObjectiveForm(GovUKForm):
    """One objective: each statement's met / note / file, and the rating."""

    def __init__(self, *args: Any, section: ObjectiveSection, suggestions: dict[str, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.section = section
        self.suggestions = suggestions
        for position, row in enumerate(section.rows, start=1):
            pk = row.statement.pk
            self.fields[f"met_{pk}"] = forms.ChoiceField(
                label=row.statement.text,
                choices=MET_CHOICES,
                required=False,
                initial={True: "yes", False: "no"}.get(row.met),  # type: ignore[arg-type]
                widget=forms.RadioSelect(attrs={"inline": True}),
            )
            self.fields[f"note_{pk}"] = forms.CharField(
                label=f"Evidence for statement {section.objective.number}.{position}",
                help_text="What shows this is met, and anything more you do",
                required=False,
                initial=row.note,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"file_{pk}"] = forms.FileField(
                label=f"Add a file for statement {section.objective.number}.{position} (optional)",
                help_text="PDF, image, office document or text file, up to 20MB",
                required=False,
            )
        rating = section.rating
        self.fields["override"] = forms.ChoiceField(
            label="Self-assessed rating",
            choices=OVERRIDE_CHOICES,
            required=False,
            initial=rating.override if rating else "",
            widget=forms.RadioSelect(attrs={"legend_size": "m"}),
        )
        self.fields["override_reason"] = forms.CharField(
            label="Reason for changing the suggested rating",
            help_text="Needed if you choose a rating other than the suggested one",
            required=False,
            initial=rating.override_reason if rating else "",
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    def statement_fields(self) -> list[StatementFields]:
        out = []
        for row in self.section.rows:
            pk = row.statement.pk
            out.append(StatementFields(row, self[f"met_{pk}"], self[f"note_{pk}"], self[f"file_{pk}"]))
        return out

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.checked: dict[int, CheckedUpload] = {}
        for row in self.section.rows:
            name = f"file_{row.statement.pk}"
            upload = cleaned.get(name)
            if upload:
                try:
                    self.checked[row.statement.pk] = check_evidence_file(upload)
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def answers(self) -> dict[int, tuple[bool | None, str]]:
        data = self.cleaned_data
        out = {}
        for row in self.section.rows:
            pk = row.statement.pk
            met = {"yes": True, "no": False}.get(data.get(f"met_{pk}") or "")
            out[pk] = (met, data.get(f"note_{pk}") or "")
        return out


class ActionForm(VersionedForm, DateErrorsMixin, GovUKForm):
    description = forms.CharField(
        label="Action",
        help_text="A note, comment or action arising",
        max_length=2000,
        error_messages={"required": "Enter a description of the action"},
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    owner = forms.CharField(
        label="By whom",
        max_length=200,
        error_messages={"required": "Enter who will do the action"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    due_on = dates.due_on(label="Due date", help_text="For example, 27 6 2026")
    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        initial=ActionStatus.NOT_STARTED,
        error_messages={"required": "Select the status of the action"},
        widget=forms.RadioSelect(attrs={"legend_size": "s"}),
    )


class PublishTemplateForm(GovUKForm):
    """The next template version: reword or retire each statement, add new ones."""

    def __init__(self, *args: Any, template: TemplateVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.template = template
        self.objectives: list[tuple[Objective, list[tuple[BoundField, BoundField]], str]] = []
        for objective in template.objectives.all():
            for position, statement in enumerate(objective.statements.all(), start=1):
                self.fields[f"text_{statement.pk}"] = forms.CharField(
                    label=f"Statement {objective.number}.{position}",
                    initial=statement.text,
                    max_length=2000,
                    error_messages={
                        "required": f"Enter statement {objective.number}.{position}, or retire it"
                    },
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
                self.fields[f"retire_{statement.pk}"] = forms.BooleanField(
                    label=f"Retire statement {objective.number}.{position}", required=False
                )
            self.fields[f"add_{objective.pk}"] = forms.CharField(
                label=f"New statements for objective {objective.number} (optional)",
                help_text="Put each new statement on its own line",
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["notes"] = forms.CharField(
            label="What has changed in this version",
            max_length=2000,
            error_messages={"required": "Enter what has changed in this version"},
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    def groups(self) -> list[dict[str, Any]]:
        out = []
        for objective in self.template.objectives.all():
            out.append(
                {
                    "objective": objective,
                    "statements": [
                        (self[f"text_{s.pk}"], self[f"retire_{s.pk}"]) for s in objective.statements.all()
                    ],
                    "add": self[f"add_{objective.pk}"],
                }
            )
        return out

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        rewordings, retired, additions = {}, set(), {}
        for objective in self.template.objectives.all():
            for statement in objective.statements.all():
                if data.get(f"retire_{statement.pk}"):
                    retired.add(statement.pk)
                text = (data.get(f"text_{statement.pk}") or "").strip()
                if text and text != statement.text:
                    rewordings[statement.pk] = text
            lines = [line.strip() for line in (data.get(f"add_{objective.pk}") or "").splitlines()]
            if any(lines):
                additions[objective.pk] = [line for line in lines if line]
        return {"rewordings": rewordings, "retired": retired, "additions": additions, "notes": data["notes"]}


class OverviewFilterForm(GovUKForm):
    sector = forms.ChoiceField(label="Sector", required=False, choices=[("", "All sectors"), *Sector.choices])
    district = forms.ChoiceField(
        label="Partnership area", required=False, choices=[("", "All areas"), *District.choices]
    )

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {"sector": "", "district": ""}
        return {"sector": self.cleaned_data["sector"], "district": self.cleaned_data["district"]}


class CompareForm(GovUKForm):
    def __init__(self, *args: Any, assessments: list[Assessment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (str(a.pk), f"{a.assessed_on:%-d %B %Y} ({a.get_status_display().lower()})") for a in assessments
        ]
        self.fields["before"] = forms.ChoiceField(
            label="Earlier assessment",
            choices=choices,
            error_messages={"required": "Select the earlier assessment"},
        )
        self.fields["after"] = forms.ChoiceField(
            label="Later assessment",
            choices=choices,
            error_messages={"required": "Select the later assessment"},
        )
        if len(assessments) >= 2:
            self.fields["before"].initial = str(assessments[1].pk)
            self.fields["after"].initial = str(assessments[0].pk)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("before") and cleaned.get("before") == cleaned.get("after"):
            self.add_error("after", "Select two different assessments")
        return cleaned
