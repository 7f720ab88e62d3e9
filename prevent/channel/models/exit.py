"""The chair's closing report and the reviews 6 and 12 months after exit."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models

from prevent.core import clock

from .cases import ChannelCase
from .gateway import GatewayReferral
from .panels import PanelDecision

USER = settings.AUTH_USER_MODEL


class ClosingReport(models.Model):
    case = models.OneToOneField(ChannelCase, on_delete=models.PROTECT, related_name="closing_report")
    decision = models.ForeignKey(PanelDecision, on_delete=models.PROTECT, related_name="+")
    evidence = models.TextField()
    completed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["completed_at"]

    def __str__(self) -> str:
        return f"Closing report of case {self.case_id}"


class ReviewOutcome(models.TextChoices):
    NO_FURTHER_CONCERNS = "no_further_concerns", "No further concerns"
    RE_REFERRAL = "re_referral", "Re-referral"


class PostExitReview(models.Model):
    case = models.ForeignKey(ChannelCase, on_delete=models.PROTECT, related_name="post_exit_reviews")
    months = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    outcome = models.CharField(max_length=24, choices=ReviewOutcome.choices, blank=True)
    notes = models.TextField(blank=True)
    completed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    new_referral = models.OneToOneField(
        GatewayReferral, on_delete=models.PROTECT, null=True, blank=True, related_name="from_review"
    )

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "months"], name="channel_review_once")]

    def __str__(self) -> str:
        return f"{self.months}-month review of case {self.case_id}"

    def is_overdue(self, today: date | None = None) -> bool:
        return self.completed_at is None and self.due_on < (today or clock.today())
