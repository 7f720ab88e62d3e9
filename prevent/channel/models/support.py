"""The support plan: approved providers, interventions and their progress."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from prevent.core import clock
from prevent.core.versioning import version_field

from .cases import ChannelCase

USER = settings.AUTH_USER_MODEL


class InterventionType(models.TextChoices):
    IDEOLOGICAL_MENTORING = (
        "ideological_mentoring",
        "Home Office Intervention Provider: ideological or theological mentoring",
    )
    DIVERSIONARY = "diversionary", "Diversionary activity"
    EDUCATION = "education", "Education and training"
    CAREERS = "careers", "Careers"
    FAMILY_SUPPORT = "family_support", "Family support"
    HEALTH = "health", "Health"
    MENTAL_HEALTH = "mental_health", "Mental health"
    HOUSING = "housing", "Housing"
    SUBSTANCE_MISUSE = "substance_misuse", "Substance misuse"
    LIFE_SKILLS = "life_skills", "Life skills"
    OTHER = "other", "Other"


class ApprovedProvider(models.Model):
    """The configurable list of approved providers (Home Office Intervention
    Providers and local services). Archived, never deleted."""

    name = models.CharField(max_length=200, unique=True)
    is_home_office_intervention_provider = models.BooleanField(default=False)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Intervention(models.Model):
    case = models.ForeignKey(ChannelCase, on_delete=models.PROTECT, related_name="interventions")
    type = models.CharField(max_length=24, choices=InterventionType.choices)
    provider = models.ForeignKey(ApprovedProvider, on_delete=models.PROTECT, related_name="interventions")
    description = models.TextField(blank=True)
    start_on = models.DateField()
    review_on = models.DateField(null=True, blank=True)
    end_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=clock.now)
    # No lost update (prevent/core/versioning.py): the support plan is
    # edited by more than one person; raised on every save.
    version = version_field()

    class Meta:
        ordering = ["start_on", "pk"]

    def __str__(self) -> str:
        return self.get_type_display()


class ProgressNote(models.Model):
    intervention = models.ForeignKey(Intervention, on_delete=models.PROTECT, related_name="progress_notes")
    note = models.TextField()
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"Progress note {self.pk}"
