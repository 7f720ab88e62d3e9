"""Consent to support (or its refusal), recorded once a case is adopted."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from prevent.core import clock

from .cases import ChannelCase

USER = settings.AUTH_USER_MODEL


class ConsentOutcome(models.TextChoices):
    GIVEN = "given", "Consent given"
    REFUSED = "refused", "Consent refused"
    WITHDRAWN = "withdrawn", "Consent withdrawn"


class ConsentGiver(models.TextChoices):
    PERSON = "person", "The person"
    PARENT = "parent", "A parent or guardian"


class ConsentMethod(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    PHONE = "phone", "By phone"
    LETTER = "letter", "By letter or email"
    VIDEO = "video", "By video call"


class ConsentRecord(models.Model):
    case = models.ForeignKey(ChannelCase, on_delete=models.PROTECT, related_name="consents")
    outcome = models.CharField(max_length=10, choices=ConsentOutcome.choices)
    given_by = models.CharField(max_length=10, choices=ConsentGiver.choices)
    giver_name = models.CharField(max_length=200)
    child_view = models.TextField(blank=True)
    obtained_on = models.DateField()
    method = models.CharField(max_length=12, choices=ConsentMethod.choices)
    obtained_by = models.CharField(max_length=200)
    told_support_needs_consent = models.BooleanField(default=False)
    risk_management_plan = models.TextField(blank=True)
    child_at_risk_of_significant_harm = models.BooleanField(default=False)
    childrens_social_care_involved = models.BooleanField(default=False)
    reassess_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} (case {self.case_id})"
