"""The Vulnerability Assessment Framework (versioned data) and assessments made with it. No score."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from prevent.core import clock

from .cases import ChannelCase

USER = settings.AUTH_USER_MODEL


class AssessmentFramework(models.Model):
    name = models.CharField(max_length=200)
    version = models.CharField(max_length=20)
    is_current = models.BooleanField(default=False)
    published_on = models.DateField(default=clock.today)

    class Meta:
        ordering = ["-published_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["name", "version"], name="channel_framework_version")]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"


class FrameworkDimension(models.Model):
    framework = models.ForeignKey(AssessmentFramework, on_delete=models.PROTECT, related_name="dimensions")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class FrameworkFactor(models.Model):
    dimension = models.ForeignKey(FrameworkDimension, on_delete=models.PROTECT, related_name="factors")
    number = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)

    class Meta:
        ordering = ["number", "pk"]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class FactorRating(models.TextChoices):
    PRESENT = "present", "Present"
    NOT_PRESENT = "not_present", "Not present"
    NOT_KNOWN = "not_known", "Not known"


class VulnerabilityAssessment(models.Model):
    case = models.ForeignKey(ChannelCase, on_delete=models.PROTECT, related_name="assessments")
    framework = models.ForeignKey(AssessmentFramework, on_delete=models.PROTECT, related_name="+")
    overall_judgement = models.TextField()
    assessed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["assessed_at", "pk"]

    def __str__(self) -> str:
        return f"Assessment {self.pk} of case {self.case_id}"


class DimensionSummary(models.Model):
    assessment = models.ForeignKey(
        VulnerabilityAssessment, on_delete=models.PROTECT, related_name="summaries"
    )
    dimension = models.ForeignKey(FrameworkDimension, on_delete=models.PROTECT, related_name="+")
    summary = models.TextField()

    class Meta:
        ordering = ["dimension__order", "pk"]

    def __str__(self) -> str:
        return f"Summary of {self.dimension_id}"


class FactorAnswer(models.Model):
    assessment = models.ForeignKey(VulnerabilityAssessment, on_delete=models.PROTECT, related_name="answers")
    factor = models.ForeignKey(FrameworkFactor, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(max_length=12, choices=FactorRating.choices)
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["factor__number", "pk"]

    def __str__(self) -> str:
        return f"Factor {self.factor_id}: {self.rating}"
