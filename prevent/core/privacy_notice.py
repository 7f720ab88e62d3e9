"""The privacy notice's content, in one place: the public page /privacy/
(templates/core/privacy.html) renders it, and
prevent/core/tests/test_privacy_notice.py checks that the documents in
docs/data-protection/ (privacy notice, records of processing, DPIA) list the
same categories, recipients and lawful bases, and that every model holding
personal data is in a category. Change the words here and in the documents
together; the retention periods come from the schedule itself
(prevent/privacy/retention.py)."""

from __future__ import annotations

from dataclasses import dataclass

from prevent.accounts.roles import Role
from prevent.privacy.retention import SCHEDULE, years_by_row


@dataclass(frozen=True)
class Item:
    label: str
    text: str


@dataclass(frozen=True)
class DataCategory:
    label: str
    text: str
    special: str  # "", "special category" or "criminal offence"
    models: tuple[str, ...]  # where the code holds it ("app_label.Model")


@dataclass(frozen=True)
class RetentionLine:
    label: str
    years: int
    starts: str


PURPOSE = (
    "The organisations of the local safeguarding partnership use this service to meet the Prevent duty "
    "(section 26 of the Counter-Terrorism and Security Act 2015): to record concerns that someone may be "
    "at risk of being drawn into terrorism, to decide whether to refer them to police Prevent, and, for "
    "those referred, to assess and support them through the Channel panel (sections 36 to 38 of that Act). "
    "It also holds the partner organisations' Prevent duty self-assessments and their staff's Prevent "
    "training records."
)

CONTROLLER = (
    "The controller is the local authority that runs the service for the partnership; each partner "
    "organisation is controller of the concerns its staff raise. Their data protection officers are named "
    "in the partnership's information sharing agreement."
)

DATA_SUBJECTS: tuple[Item, ...] = (
    Item(
        "People referred",
        "Children and adults about whom a concern is raised, including those whose concern needed no "
        "further action.",
    ),
    Item(
        "Family members and other third parties",
        "Parents, carers and others named in a concern or a case, for example whoever gave consent to "
        "Channel support.",
    ),
    Item(
        "Staff who use the service",
        "Staff of the partner organisations, police Prevent officers, Channel panel members and the "
        "partnership's coordinators and administrators.",
    ),
    Item(
        "Staff in training records",
        "Staff of the partner organisations whose Prevent training is recorded, and the trainers.",
    ),
)

DATA_CATEGORIES: tuple[DataCategory, ...] = (
    DataCategory(
        "Identity and contact details",
        "Name, other names, date of birth or approximate age, gender, address, postcode, district, school or "
        "employer.",
        "",
        ("people.Person", "people.PersonKey", "people.PersonMerge", "concerns.Concern"),
    ),
    DataCategory(
        "Details of the concern",
        "What happened, when and where, how it came to notice, the vulnerability factors, key questions and "
        "influences, attachments, additions, questions and answers, and any emergency call.",
        "",
        (
            "concerns.Concern",
            "concerns.ConcernFactor",
            "concerns.ConcernKeyQuestionAnswer",
            "concerns.ConcernInfluence",
            "concerns.ConcernAttachment",
            "concerns.ConcernAddendum",
            "concerns.InformationRequest",
        ),
    ),
    DataCategory(
        "Health, ethnicity and beliefs",
        "Ethnic group, mental health needs, neurodivergence, care and support needs, and religious or "
        "political beliefs where the concern describes them.",
        "special category",
        ("concerns.Concern", "channel.VulnerabilityAssessment", "channel.FactorAnswer"),
    ),
    DataCategory(
        "Criminal offence information",
        "Police references, the police checks at the Prevent gateway and their outcome, and any alleged "
        "offence the records describe.",
        "criminal offence",
        ("concerns.Concern", "channel.GatewayReferral", "channel.GatewayAssessment"),
    ),
    DataCategory(
        "Decisions and referrals",
        "The SPOC's decision and its reasons, referrals to police Prevent and other services and their "
        "outcomes, and the gateway's assessment.",
        "",
        (
            "concerns.TriageDecision",
            "concerns.Referral",
            "concerns.ReferralUpdate",
            "concerns.ReferralInformation",
            "channel.GatewayReferral",
            "channel.GatewayAssessment",
        ),
    ),
    DataCategory(
        "Channel case records",
        "Vulnerability assessments, consent, panel meetings, minutes, decisions and actions, information "
        "partner agencies give, support and progress notes, the closing report and reviews after exit.",
        "",
        (
            "channel.ChannelCase",
            "channel.SafeguardingLink",
            "channel.VulnerabilityAssessment",
            "channel.DimensionSummary",
            "channel.FactorAnswer",
            "channel.ConsentRecord",
            "channel.PanelMeeting",
            "channel.Attendance",
            "channel.AgendaItem",
            "channel.PanelDecision",
            "channel.PanelAction",
            "channel.InformationRequest",
            "channel.ResponseFile",
            "channel.Intervention",
            "channel.ProgressNote",
            "channel.ClosingReport",
            "channel.PostExitReview",
        ),
    ),
    DataCategory(
        "Access controls on a record",
        "Whether a record is restricted to named staff, and any emergency (break-glass) access with its "
        "reason.",
        "",
        ("people.PersonRestriction", "people.BreakGlassAccess"),
    ),
    DataCategory(
        "Staff accounts",
        "Staff name, work email address, job title, organisation and roles, approvals of roles, sign-in "
        "security (authenticator app), notification preferences and API access for partner systems.",
        "",
        (
            "accounts.User",
            "accounts.UserRole",
            "accounts.RoleGrantRequest",
            "notifications.NotificationPreference",
            "api.ApiToken",
        ),
    ),
    DataCategory(
        "Training records",
        "Courses completed and booked, certificates, job group and training sessions.",
        "",
        (
            "training.Completion",
            "training.Booking",
            "training.StaffProfile",
            "training.AccreditedTrainer",
            "training.TrainingSession",
            "training.SessionCascade",
            "training.StaffImport",
        ),
    ),
    DataCategory(
        "Self-assessments",
        "The names of the staff who carried out an organisation's Prevent duty self-assessment, its answers, "
        "evidence and actions.",
        "",
        (
            "self_assessment.Assessment",
            "self_assessment.Answer",
            "self_assessment.EvidenceFile",
            "self_assessment.ObjectiveRating",
            "self_assessment.AssessmentAction",
        ),
    ),
    DataCategory(
        "Audit log and notifications",
        "Who looked at or changed which record and when, from which network address; messages the service "
        "sends staff (a reference and a link, never a person's details).",
        "",
        (
            "audit.AuditEvent",
            "notifications.Notification",
            "core.FailedNotification",
            "core.SentReminder",
            "api.WebhookDelivery",
        ),
    ),
    DataCategory(
        "Retention and disposal records",
        "Each record's review for disposal and the reasons for keeping it, and after disposal a record with "
        "no name of its type, dates and the categories the statistics count.",
        "",
        ("privacy.ReviewItem", "privacy.Disposal", "privacy.DisposedRecord"),
    ),
)

# Models that hold no personal data (reference data, configuration, counters).
# A name here whose model does not exist (yet, or any more) does no harm.
NOT_PERSONAL: frozenset[str] = frozenset(
    {
        "api.CacheEntry",
        "api.WebhookEndpoint",
        "audit.AuditChainHead",
        "audit.AuditCheckpoint",  # how far verify_audit found the chain intact
        "channel.ApprovedProvider",
        "channel.AssessmentFramework",
        "channel.FrameworkDimension",
        "channel.FrameworkFactor",
        "core.LocalAreaSettings",
        "core.Organisation",
        "core.ReferenceCounter",
        "core.SubmissionToken",
        "guidance.ConcernType",
        "guidance.GuidancePage",
        "guidance.Influence",
        "guidance.KeyQuestion",
        "guidance.PyramidLevel",
        "guidance.VulnerabilityArea",
        "guidance.VulnerabilityFactor",
        "privacy.RetentionRule",
        "reporting.StatisticsSnapshot",  # suppressed aggregate counts only, no record of anybody
        "self_assessment.Objective",
        "self_assessment.Statement",
        "self_assessment.TemplateVersion",
        "training.Course",
        "training.Requirement",
    }
)

SOURCES = (
    "Staff of the partner organisations who raise a concern; police Prevent; partner agencies who answer "
    "the Channel panel's requests for information; partner systems that record concerns through the "
    "service's API; and the person or their family, for example when giving consent."
)

LAWFUL_BASES: tuple[Item, ...] = (
    Item(
        "UK GDPR Article 6(1)(e)",
        "Public task: the Prevent duty (Counter-Terrorism and Security Act 2015, section 26) and Channel "
        "(sections 36 to 38).",
    ),
    Item(
        "UK GDPR Article 9(2)(g)",
        "Substantial public interest, for health, ethnicity and beliefs, with the Data Protection Act 2018, "
        "Schedule 1, paragraph 6 (statutory and government purposes) and paragraph 18 (safeguarding of "
        "children and of individuals at risk).",
    ),
    Item(
        "UK GDPR Article 10",
        "Criminal offence information, under the Data Protection Act 2018, section 10(5) and the same "
        "conditions of Schedule 1 (paragraphs 6 and 18). Police Prevent process their own records under "
        "Part 3 of that Act.",
    ),
)

RECIPIENTS: tuple[Item, ...] = (
    Item(
        "Staff by role",
        "Only staff whose role needs it: "
        + ", ".join(str(role.label) for role in Role)
        + ". Each sees only the records of their own organisation or cases, as their role allows.",
    ),
    Item(
        "Police Prevent",
        "Receive referrals to police Prevent and carry out the gateway assessment.",
    ),
    Item(
        "Partner agencies",
        "Members of the Channel panel (the local authority, health, education, children's and adult social "
        "care, probation and others) see the cases on their panel's agenda and answer requests for "
        "information.",
    ),
    Item(
        "Partner systems",
        "Case management systems of the partner organisations that record concerns through the service's "
        "API, with the same access as the member of staff whose key they use.",
    ),
    Item(
        "Service providers",
        "The hosting provider and the email service, under contract as processors. Emails carry a reference "
        "and a link, never a person's details.",
    ),
)

RIGHTS: tuple[Item, ...] = (
    Item(
        "Access",
        "You can ask for a copy of the information held about you. A Prevent Coordinator makes the export "
        "of everything held about you; other people's details are reviewed before it is released.",
    ),
    Item("Correction", "You can ask for information that is wrong to be corrected."),
    Item(
        "Restriction and objection",
        "You can ask for the use of your information to be restricted, or object to it; where the Prevent "
        "duty requires it to be kept, we will tell you why.",
    ),
    Item(
        "Erasure",
        "Records are disposed of when their retention period ends. Because the records are kept for a "
        "public task, the right to have them erased earlier is limited (UK GDPR Article 17(3)(b)); ask and "
        "we will consider it.",
    ),
    Item(
        "Decisions",
        "No decision about you is made by a computer alone: staff make every decision.",
    ),
)

SECURITY: tuple[str, ...] = (
    "Every member of staff signs in with a password and an authenticator app (two-factor); accounts lock "
    "after repeated failed sign-ins and sessions end after 30 minutes without activity.",
    "Each page and record checks the member of staff's role and organisation; sensitive records can be "
    "restricted to named staff, and emergency access is time-limited, needs a reason and is reported.",
    "Every read and change of a record about a person is written to an audit log that shows any "
    "tampering; people's records show who looked at them.",
    "Connections are encrypted (HTTPS only); uploaded files are never served directly; backups are "
    "encrypted and tested.",
)

TRANSFERS = "No personal information is sent outside the UK."

COMPLAINTS = (
    "Contact the data protection officer of the organisation that raised the concern, or of the local "
    "authority. If you are unhappy with the answer you can complain to the Information Commissioner's "
    "Office (ico.org.uk, 0303 123 1113)."
)


def retention_lines() -> tuple[RetentionLine, ...]:
    """The periods in force: the schedule's defaults with the coordinators'
    changes (docs/data-protection/retention.md); one query."""
    years = years_by_row()
    return tuple(
        RetentionLine(row.label, years[(row.record_type, row.outcome)], row.starts) for row in SCHEDULE
    )
