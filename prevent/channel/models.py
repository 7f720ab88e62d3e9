"""The police gateway and Channel Panel case management (guidance section 12).

A police Prevent referral (from SPOC triage, from outside, or a re-referral
after a post-exit review) reaches the gateway; a gateway assessment decides
whether it goes to Channel; a Channel case gathers information, is assessed
with the Vulnerability Assessment Framework (versioned data, no score), is
discussed at monthly panel meetings, needs consent before support, runs a
support plan, and exits only after the chair's closing report, with reviews
6 and 12 months later.

Statuses are TextChoices; the allowed moves live in services (`CASE_TRANSITIONS`).
Decisions are never edited: a new decision supersedes an old one with a reason."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

USER = settings.AUTH_USER_MODEL


# ---- Police gateway ---------------------------------------------------------


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
    person = models.ForeignKey("concerns.Person", on_delete=models.PROTECT, related_name="gateway_referrals")
    external_source = models.CharField(max_length=20, choices=ExternalSource.choices, blank=True)
    external_detail = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)
    received_on = models.DateField()
    status = models.CharField(max_length=12, choices=GatewayStatus.choices, default=GatewayStatus.AWAITING)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

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
    assessed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["assessed_at", "pk"]

    def __str__(self) -> str:
        return f"Gateway assessment of {self.gateway_referral_id}: {self.outcome}"


# ---- Channel case -----------------------------------------------------------


class CaseStatus(models.TextChoices):
    PRELIMINARY = "preliminary", "Information gathering"
    NOT_ADOPTED = "not_adopted", "Not adopted: referred to other support"
    AWAITING_CONSENT = "awaiting_consent", "Adopted: awaiting consent"
    CONSENT_REFUSED = "consent_refused", "Consent refused: risk management plan"
    SUPPORT = "support", "Receiving support"
    EXIT_RECOMMENDED = "exit_recommended", "Exit recommended"
    EXITED = "exited", "Exited"


OPEN_STATUSES = (
    CaseStatus.PRELIMINARY,
    CaseStatus.AWAITING_CONSENT,
    CaseStatus.CONSENT_REFUSED,
    CaseStatus.SUPPORT,
    CaseStatus.EXIT_RECOMMENDED,
)


class ChannelCase(models.Model):
    reference = models.CharField(max_length=20, unique=True)
    person = models.ForeignKey("concerns.Person", on_delete=models.PROTECT, related_name="channel_cases")
    gateway_referral = models.OneToOneField(
        GatewayReferral, on_delete=models.PROTECT, related_name="channel_case"
    )
    case_officer = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="channel_cases_led")
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=CaseStatus.PRELIMINARY)
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    exited_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["status", "opened_at"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class SafeguardingProcess(models.TextChoices):
    MAPPA = "mappa", "MAPPA"
    MARAC = "marac", "MARAC"
    CHILD_PROTECTION = "child_protection", "Child protection"
    ADULT_SAFEGUARDING = "adult_safeguarding", "Adult safeguarding"
    EARLY_HELP = "early_help", "Early help"


class SafeguardingLink(models.Model):
    case = models.ForeignKey(ChannelCase, on_delete=models.PROTECT, related_name="safeguarding_links")
    process = models.CharField(max_length=24, choices=SafeguardingProcess.choices)
    reference = models.CharField(max_length=100)
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_process_display()} {self.reference}"


class CaseCounter(models.Model):
    """The last number given in a year, per kind (CH- cases, GW- gateway referrals)."""

    kind = models.CharField(max_length=4)
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="channel_counter_unique")]

    def __str__(self) -> str:
        return f"{self.kind}-{self.year}: {self.last_number}"


# ---- Information gathering --------------------------------------------------


class RequestStatus(models.TextChoices):
    SENT = "sent", "Awaiting an answer"
    ANSWERED = "answered", "Answered"


class RequestResponse(models.TextChoices):
    INFORMATION_PROVIDED = "information_provided", "Information provided"
    NOTHING_KNOWN = "nothing_known", "Nothing known"


class InformationRequest(models.Model):
    case = models.ForeignKey(ChannelCase, on_delete=models.PROTECT, related_name="information_requests")
    agency = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    question = models.TextField()
    due_on = models.DateField()
    sent_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.SENT)
    response = models.CharField(max_length=24, choices=RequestResponse.choices, blank=True)
    response_text = models.TextField(blank=True)
    answered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    last_reminder_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["agency", "status", "due_on"])]

    def __str__(self) -> str:
        return f"Information request {self.pk}"

    def is_overdue(self, today: date | None = None) -> bool:
        return self.status == RequestStatus.SENT and self.due_on < (today or timezone.localdate())


def response_file_path(instance: ResponseFile, filename: str) -> str:
    return f"channel/{uuid.uuid4().hex}"


class ResponseFile(models.Model):
    request = models.ForeignKey(InformationRequest, on_delete=models.PROTECT, related_name="files")
    file = models.FileField(upload_to=response_file_path, max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


# ---- Vulnerability Assessment Framework (versioned data) --------------------


class AssessmentFramework(models.Model):
    name = models.CharField(max_length=200)
    version = models.CharField(max_length=20)
    is_current = models.BooleanField(default=False)
    published_on = models.DateField(default=timezone.localdate)

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
    assessed_at = models.DateTimeField(default=timezone.now)

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


# ---- Panel meetings ---------------------------------------------------------


class PanelMeeting(models.Model):
    meeting_on = models.DateField(unique=True)
    location = models.CharField(max_length=200, blank=True)
    members: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        USER, related_name="channel_panels", blank=True
    )
    minutes = models.TextField(blank=True)
    minutes_recorded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meeting_on"]

    def __str__(self) -> str:
        return f"Channel Panel {self.meeting_on:%-d %B %Y}"

    def has_taken_place(self, today: date | None = None) -> bool:
        return self.meeting_on <= (today or timezone.localdate())


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"


class Attendance(models.Model):
    meeting = models.ForeignKey(PanelMeeting, on_delete=models.PROTECT, related_name="attendance")
    agency = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    representative = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=AttendanceStatus.choices)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["agency__name", "pk"]

    def __str__(self) -> str:
        return f"{self.representative} ({self.status})"


class AgendaKind(models.TextChoices):
    NEW_CASE = "new_case", "New case"
    REVIEW = "review", "Review of an open case"
    PROPOSED_EXIT = "proposed_exit", "Proposed exit"
    POST_EXIT_REVIEW = "post_exit_review", "Post-exit review due"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(PanelMeeting, on_delete=models.PROTECT, related_name="agenda_items")
    case = models.ForeignKey(ChannelCase, on_delete=models.PROTECT, related_name="agenda_items")
    kind = models.CharField(max_length=20, choices=AgendaKind.choices)
    notes = models.TextField(blank=True)
    notes_recorded_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "case"], name="channel_agenda_case_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: case {self.case_id}"


class DecisionOutcome(models.TextChoices):
    ADOPT = "adopt", "Adopt as a Channel case"
    NOT_ADOPT = "not_adopt", "Not adopt: refer to a different support mechanism"
    EXIT = "exit", "Exit the process"
    CONTINUE = "continue", "Continue: keep the case open and under review"


class PanelDecision(models.Model):
    """Recorded at a meeting, confirmed by the chair (only then does the case
    move). Never edited: a new decision supersedes it with a reason."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="decisions")
    case = models.ForeignKey(ChannelCase, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(max_length=12, choices=DecisionOutcome.choices)
    other_mechanism = models.CharField(max_length=200, blank=True)
    rationale = models.TextField()
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    status_before = models.CharField(max_length=20, choices=CaseStatus.choices, blank=True)
    status_after = models.CharField(max_length=20, choices=CaseStatus.choices, blank=True)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    superseded_at = models.DateTimeField(null=True, blank=True)
    superseded_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} (case {self.case_id})"

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None


class PanelAction(models.Model):
    meeting = models.ForeignKey(PanelMeeting, on_delete=models.PROTECT, related_name="actions")
    case = models.ForeignKey(
        ChannelCase, on_delete=models.PROTECT, related_name="actions", null=True, blank=True
    )
    description = models.TextField()
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="channel_actions")
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    last_reminder_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"Action {self.pk}"

    def is_overdue(self, today: date | None = None) -> bool:
        return self.done_at is None and self.due_on < (today or timezone.localdate())


# ---- Consent ----------------------------------------------------------------


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
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} (case {self.case_id})"


# ---- Support plan -----------------------------------------------------------


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
    created_at = models.DateTimeField(default=timezone.now)

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
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["start_on", "pk"]

    def __str__(self) -> str:
        return self.get_type_display()


class ProgressNote(models.Model):
    intervention = models.ForeignKey(Intervention, on_delete=models.PROTECT, related_name="progress_notes")
    note = models.TextField()
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"Progress note {self.pk}"


# ---- Exit and post-exit reviews ---------------------------------------------


class ClosingReport(models.Model):
    case = models.OneToOneField(ChannelCase, on_delete=models.PROTECT, related_name="closing_report")
    decision = models.ForeignKey(PanelDecision, on_delete=models.PROTECT, related_name="+")
    evidence = models.TextField()
    completed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField(default=timezone.now)

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
    last_reminder_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "months"], name="channel_review_once")]

    def __str__(self) -> str:
        return f"{self.months}-month review of case {self.case_id}"

    def is_overdue(self, today: date | None = None) -> bool:
        return self.completed_at is None and self.due_on < (today or timezone.localdate())
