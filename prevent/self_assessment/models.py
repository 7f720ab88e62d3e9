"""The Prevent self-assessment of Appendix 1: the template as data (versioned)
and each organisation's assessments made against one version of it.

A template version is never changed once published: a Prevent Coordinator
publishes a new version (adding, rewording or retiring statements) and
assessments keep the version they were made against. Statements carry a
stable `key` across versions so two assessments can be compared."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from prevent.core import clock
from prevent.core.models import Organisation
from prevent.core.versioning import version_field


class Rating(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


# The rating scale of Appendix 1 (the table cell reads "Red (R): not able to
# evidence any", flattened out of order in the text copy of the guidance).
RATING_DESCRIPTIONS: dict[str, str] = {
    Rating.RED: "Red (R): not able to evidence any",
    Rating.AMBER: "Amber (A): evidence of some but not all",
    Rating.GREEN: "Green (G): evidence of all and more",
}
RATING_TAG_CLASSES: dict[str, str] = {
    Rating.RED: "govuk-tag--red",
    Rating.AMBER: "govuk-tag--orange",
    Rating.GREEN: "govuk-tag--green",
}


class TemplateVersion(models.Model):
    number = models.PositiveIntegerField(unique=True)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"Version {self.number}"


class Objective(models.Model):
    version = models.ForeignKey(TemplateVersion, on_delete=models.PROTECT, related_name="objectives")
    number = models.PositiveSmallIntegerField()
    title = models.TextField()

    class Meta:
        ordering = ["version", "number"]
        constraints = [models.UniqueConstraint(fields=["version", "number"], name="sa_objective_number")]

    def __str__(self) -> str:
        return f"Objective {self.number}: {self.title}"


class Statement(models.Model):
    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="statements")
    key = models.CharField(max_length=36, default="", help_text="Stable across versions")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    # Which evidence suggestion (prevent/self_assessment/evidence.py) to show.
    evidence_source = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["objective__number", "position"]

    def __str__(self) -> str:
        return self.text


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"


class Assessment(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="self_assessments")
    template_version = models.ForeignKey(TemplateVersion, on_delete=models.PROTECT, related_name="+")
    assessor_names = models.CharField(max_length=300)
    assessed_on = models.DateField()
    review_due_on = models.DateField()
    status = models.CharField(max_length=16, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT)
    copied_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-assessed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.organisation} self-assessment of {self.assessed_on:%-d %B %Y}"

    @property
    def is_locked(self) -> bool:
        return self.status == AssessmentStatus.SUBMITTED


class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="+")
    met = models.BooleanField(null=True)  # None: not answered yet
    note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "statement"], name="sa_answer_per_statement")
        ]

    def __str__(self) -> str:
        return f"Answer to {self.statement_id}"


def evidence_upload_to(instance: EvidenceFile, filename: str) -> str:
    # The stored name says nothing about the file: the original is kept apart.
    return f"self-assessment/{uuid.uuid4().hex}"


class EvidenceFile(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=evidence_upload_to, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class ObjectiveRating(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="+")
    suggested = models.CharField(max_length=8, choices=Rating.choices, default=Rating.RED)
    override = models.CharField(max_length=8, choices=Rating.choices, blank=True)
    override_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["objective__number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "objective"], name="sa_rating_per_objective")
        ]

    def __str__(self) -> str:
        return f"{self.objective_id}: {self.rating}"

    @property
    def rating(self) -> str:
        return self.override or self.suggested

    @property
    def rating_label(self) -> str:
        return Rating(self.rating).label

    @property
    def tag_class(self) -> str:
        return RATING_TAG_CLASSES[self.rating]


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class AssessmentAction(models.Model):
    """A "notes / comments / actions arising" row of Appendix 1."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="actions")
    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="+")
    description = models.TextField()
    owner = models.CharField("By whom", max_length=200)
    due_on = models.DateField()
    status = models.CharField(max_length=16, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    # No lost update (prevent/core/versioning.py): raised on every change.
    version = version_field()

    class Meta:
        ordering = ["objective__number", "due_on", "pk"]

    def __str__(self) -> str:
        return self.description[:60]
