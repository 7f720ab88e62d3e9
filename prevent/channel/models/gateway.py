"""The police gateway: referrals to police Prevent and their gateway assessment."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from prevent.core import clock

USER = settings.AUTH_USER_MODEL


class GatewaySource(models.TextChoices):
    SPOC_REFERRAL = "spoc_referral", "Referral from a SPOC"
    EXTERNAL = "external", "Referral from outside the system"
    RE_REFERRAL = "re_referral", "Re-referral after a post-exit review"


class ExternalSource(models.TextChoices):
    PUBLIC = "public", "Member of the public"
    FAMILY = "family", "Family or friends"
    PARTNER_AGENCY = "partner_agency", "Partner agency"
    OTHER_AREA = "other_area", "Another police force or area"
    OTHER = "other", "Other"


class GatewayStatus(models.TextChoices):
    AWAITING = "awaiting", "Awaiting gateway assessment"
    ASSESSED = "assessed", "Assessed"


class GatewayReferral(models.Model):
    """A referral to police Prevent waiting for (or with) a gateway assessment."""

    reference = models.CharField(max_length=20, unique=True)
    source = models.CharField(max_length=20, choices=GatewaySource.choices)
    referral = models.OneToOneField(
        "concerns.Referral", on_delete=models.PROTECT, null=True, blank=True, related_name="gateway_referral"
    )
    previous_case = models.ForeignKey(
        "channel.ChannelCase", on_delete=models.PROTECT, null=True, blank=True, related_name="re_referrals"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="gateway_referrals")
    external_source = models.CharField(max_length=20, choices=ExternalSource.choices, blank=True)
    external_detail = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)
    received_on = models.DateField()
    status = models.CharField(max_length=12, choices=GatewayStatus.choices, default=GatewayStatus.AWAITING)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["received_on", "pk"]

    def __str__(self) -> str:
        return self.reference


class GatewayCheck(models.TextChoices):
    POLICE_SYSTEMS = "police_systems", "Police systems and intelligence"
    COUNTER_TERRORISM = "counter_terrorism", "Counter Terrorism Policing deconfliction"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care"
    ADULTS_SOCIAL_CARE = "adults_social_care", "Adults' social care"
    EDUCATION = "education", "Education"
    HEALTH = "health", "Health"
    PROBATION = "probation", "Probation or youth justice"
    OTHER = "other", "Other"


class GatewayOutcome(models.TextChoices):
    NO_FURTHER_ACTION = "no_further_action", "No further action"
    SIGNPOSTED = "signposted", "Signposted to other services"
    POLICE_LED = "police_led", "Managed by police (police-led)"
    CHANNEL = "channel", "Referred to Channel"


class GatewayAssessment(models.Model):
    gateway_referral = models.ForeignKey(
        GatewayReferral, on_delete=models.PROTECT, related_name="assessments"
    )
    checks = models.JSONField(default=list)
    checks_notes = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=GatewayOutcome.choices)
    signposted_to = models.CharField(max_length=200, blank=True)
    rationale = models.TextField()
    assessed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField(default=clock.now)
    # The repeat-referral warning (prevent/channel/panels_history.py) was on
    # the page and the officer confirmed reading the earlier referrals.
    history_warning_shown = models.BooleanField(default=False)
    history_acknowledged = models.BooleanField(default=False)

    class Meta:
        ordering = ["assessed_at", "pk"]

    def __str__(self) -> str:
        return f"Gateway assessment of {self.gateway_referral_id}: {self.outcome}"

    def check_labels(self) -> str:
        """The checks made, by name: "Education, Health"."""
        labels = dict(GatewayCheck.choices)
        return ", ".join(str(labels.get(check, check)) for check in self.checks)
