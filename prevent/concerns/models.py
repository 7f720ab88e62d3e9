"""Concerns, SPOC triage decisions and referrals out (guidance sections 8-11).

A draft keeps the person's details as the practitioner typed them; on
submission the identity moves to a Person record (prevent/people), which
gives a chronology across concerns (see steps.py: the person is held once).
Submitted concerns are never edited: they change only by an addendum with a
reason. Statuses are TextChoices; the allowed
moves live in services (`TRANSITIONS`). References come from
prevent.core.references (prefix PH)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.db import models
from django.utils import timezone

from prevent.core import clock
from prevent.core.models import District
from prevent.people.models import (  # noqa: F401  (re-exported for Channel until it imports prevent.people)
    Person,
    normalise_address,
    normalise_name,
    normalise_postcode,
)

from .demographics import AgeGroup, Ethnicity


class ConcernStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Awaiting triage"
    MORE_INFORMATION_REQUESTED = "more_information_requested", "More information requested"
    REFERRED = "referred", "Referred"
    NO_REFERRAL = "decided_no_referral", "Decision recorded: no referral"
    CLOSED_NO_FURTHER_ACTION = "closed_no_further_action", "Closed: no further action"


class YesNo(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"


class YesNoNotKnown(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_KNOWN = "not_known", "Not known"


class Gender(models.TextChoices):
    MALE = "male", "Male"
    FEMALE = "female", "Female"
    OTHER = "other", "Other"
    NOT_KNOWN = "not_known", "Not known"


class CareNeed(models.TextChoices):
    PHYSICAL_DISABILITY = "physical_disability", "Physical disability"
    MENTAL_HEALTH = "mental_health", "Mental health needs"
    LEARNING_DISABILITY = "learning_disability", "Learning disability or special educational need"
    SOCIAL_ISOLATION = "social_isolation", "Social isolation"
    COERCION = "coercion", "Vulnerability to coercion"


class ServiceInvolved(models.TextChoices):
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care"
    ADULTS_SOCIAL_CARE = "adults_social_care", "Adults' social care"
    EARLY_HELP = "early_help", "Early help"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    PROBATION = "probation", "Probation"
    MAPPA = "mappa", "MAPPA"
    MARAC = "marac", "MARAC"
    CHILD_PROTECTION_PLAN = "child_protection_plan", "Child protection plan"


class Concern(models.Model):
    reference = models.CharField(max_length=20, unique=True, null=True, blank=True)
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="concerns")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="concerns_raised"
    )
    status = models.CharField(max_length=32, choices=ConcernStatus.choices, default=ConcernStatus.DRAFT)
    created_at = models.DateTimeField(default=clock.now)
    updated_at = models.DateTimeField(default=clock.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The validated answers of each step as form data ({step: {field:
    # [values]}}, forms.step_answers), so a step's page shows them again;
    # never the raw POST. And the steps completed.
    answers = models.JSONField(default=dict, blank=True)
    completed_steps = models.JSONField(default=list, blank=True)

    # Emergency (section 10): asked first.
    emergency = models.CharField(max_length=3, choices=YesNo.choices, blank=True)
    emergency_call_made = models.CharField(max_length=3, choices=YesNo.choices, blank=True)
    emergency_call_time = models.CharField(max_length=40, blank=True)
    emergency_police_reference = models.CharField(max_length=60, blank=True)

    # The person, as reported.
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="concerns", null=True, blank=True
    )
    person_name = models.CharField(max_length=200, blank=True)
    person_other_names = models.CharField(max_length=300, blank=True)
    person_date_of_birth = models.DateField(null=True, blank=True)
    person_approximate_age = models.PositiveSmallIntegerField(null=True, blank=True)
    person_gender = models.CharField(max_length=12, choices=Gender.choices, blank=True)
    # For the official statistics (prevent/concerns/demographics.py); none is
    # required. The age group is asked for only when neither the date of
    # birth nor an approximate age is known.
    person_ethnicity = models.CharField(max_length=40, choices=Ethnicity.choices, blank=True)
    mental_health_needs = models.CharField(max_length=12, choices=YesNoNotKnown.choices, blank=True)
    neurodivergent = models.CharField(max_length=12, choices=YesNoNotKnown.choices, blank=True)
    person_age_band = models.CharField(max_length=12, choices=AgeGroup.choices, blank=True)
    # Whole years on the day the concern was submitted, from the date of
    # birth, else the approximate age (set by concern_submit).
    age_at_referral = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    person_address = models.TextField(blank=True)
    person_postcode = models.CharField(max_length=12, blank=True)
    person_district = models.CharField(max_length=32, choices=District.choices, blank=True)
    person_school_or_employer = models.CharField(max_length=200, blank=True)
    care_needs = models.JSONField(default=list, blank=True)
    services_involved = models.JSONField(default=list, blank=True)
    person_aware = models.CharField(max_length=12, choices=YesNoNotKnown.choices, blank=True)

    # What happened.
    what_happened = models.TextField(blank=True)
    observed_on = models.DateField(null=True, blank=True)
    location = models.CharField(max_length=300, blank=True)
    how_came_to_notice = models.TextField(blank=True)

    concern_type = models.ForeignKey(
        "guidance.ConcernType", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    # Set by triage.
    pyramid_level = models.PositiveSmallIntegerField(null=True, blank=True)
    referred_to_police_prevent = models.BooleanField(default=False)
    closed_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "status", "submitted_at"])]

    def __str__(self) -> str:
        return self.reference or f"Draft concern {self.pk}"

    @property
    def label(self) -> str:
        return self.reference or "Draft concern"

    @property
    def is_draft(self) -> bool:
        return self.status == ConcernStatus.DRAFT

    @property
    def identity(self) -> Identity:
        """Who the concern is about: the Person once submitted, the draft's
        columns before (the person is held in one place at a time)."""
        if self.person is not None:
            p = self.person
            return Identity(p.full_name, p.other_names, p.date_of_birth, p.address, p.postcode)
        return Identity(
            self.person_name,
            self.person_other_names,
            self.person_date_of_birth,
            self.person_address,
            self.person_postcode,
        )


@dataclass(frozen=True)
class Identity:
    full_name: str
    other_names: str
    date_of_birth: date | None
    address: str
    postcode: str


class ConcernFactor(models.Model):
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="factors")
    factor = models.ForeignKey("guidance.VulnerabilityFactor", on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["factor__area__order", "factor__order", "pk"]

    def __str__(self) -> str:
        return f"Factor {self.factor_id} on concern {self.concern_id}"


class ConcernKeyQuestionAnswer(models.Model):
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="key_question_answers")
    question = models.ForeignKey("guidance.KeyQuestion", on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=12, choices=YesNoNotKnown.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["question__area__order", "question__order", "pk"]

    def __str__(self) -> str:
        return f"Answer to question {self.question_id} on concern {self.concern_id}"


class ConcernInfluence(models.Model):
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="influences")
    influence = models.ForeignKey("guidance.Influence", on_delete=models.PROTECT, related_name="+")
    details = models.TextField(blank=True)

    class Meta:
        ordering = ["influence__order", "pk"]

    def __str__(self) -> str:
        return f"Influence {self.influence_id} on concern {self.concern_id}"


def attachment_path(instance: ConcernAttachment, filename: str) -> str:
    # The stored name says nothing about the person or the file's name.
    return f"concerns/{uuid.uuid4().hex}"


class ConcernAttachment(models.Model):
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class ConcernAddendum(models.Model):
    """A correction or addition to a submitted concern. The original stays."""

    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="addenda")
    section = models.CharField(max_length=40)
    text = models.TextField()
    reason = models.TextField()
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return f"Addendum {self.pk} to concern {self.concern_id}"


class InformationRequest(models.Model):
    """A SPOC's question to the practitioner, and the answer."""

    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="information_requests")
    question = models.TextField()
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(default=clock.now)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "pk"]

    def __str__(self) -> str:
        return f"Information request {self.pk} on concern {self.concern_id}"


class TriageDecision(models.Model):
    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="decisions")
    pyramid_level = models.PositiveSmallIntegerField()
    rationale = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return f"Level {self.pyramid_level} decision on concern {self.concern_id}"


class ReferralDestination(models.TextChoices):
    POLICE_PREVENT = "police_prevent", "Police Prevent (gateway assessment)"
    POLICE_EMERGENCY = "police_emergency", "Police (999 or 101)"
    CUSTOMER_RESOLUTION_CENTRE = "customer_resolution_centre", "Customer Resolution Centre"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care"
    ADULTS_SOCIAL_CARE = "adults_social_care", "Adults' social care"
    OTHER = "other", "Other service"


class ReferralMethod(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Secure email"
    ONLINE_FORM = "online_form", "Online referral form"
    IN_PERSON = "in_person", "In person"
    OTHER = "other", "Other"


class ReferralStatus(models.TextChoices):
    SENT = "sent", "Sent"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    CHASED = "chased", "Chased"
    OUTCOME_RECEIVED = "outcome_received", "Outcome received"


class Referral(models.Model):
    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="referrals")
    decision = models.ForeignKey(TriageDecision, on_delete=models.PROTECT, related_name="referrals")
    destination = models.CharField(max_length=40, choices=ReferralDestination.choices)
    destination_detail = models.CharField(max_length=200, blank=True)
    sent_on = models.DateField()
    method = models.CharField(max_length=20, choices=ReferralMethod.choices)
    receiving_reference = models.CharField(max_length=100, blank=True)
    expected_response_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.SENT)
    outcome = models.TextField(blank=True)
    outcome_received_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["sent_on", "pk"]

    def __str__(self) -> str:
        return self.get_destination_display()

    @property
    def sent_at(self) -> datetime:
        """When it was sent, as closely as known: the time it was recorded
        when that was on the day it was sent, else the start of that day
        (the gateway's "Waiting" counts from here)."""
        if timezone.localtime(self.created_at).date() == self.sent_on:
            return self.created_at
        return timezone.make_aware(datetime.combine(self.sent_on, time.min))

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or clock.today()
        return (
            self.status != ReferralStatus.OUTCOME_RECEIVED
            and self.expected_response_on is not None
            and self.expected_response_on < today
        )


class ReferralUpdate(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="updates")
    from_status = models.CharField(max_length=20, choices=ReferralStatus.choices)
    to_status = models.CharField(max_length=20, choices=ReferralStatus.choices)
    note = models.TextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} to {self.to_status}"


class ReferralInformation(models.Model):
    """Information the SPOC adds to a referral after it was sent (the
    referral as sent stays); the receiving police officer is told."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="further_information")
    text = models.TextField()
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return f"Information {self.pk} added to referral {self.referral_id}"
