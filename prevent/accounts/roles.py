"""The roles of ARCHITECTURE.md. A user holds one or more."""

from django.db import models


class Role(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    SPOC = "spoc", "Single Point of Contact (SPOC)"
    PREVENT_COORDINATOR = "prevent_coordinator", "Prevent Coordinator"
    POLICE_PREVENT_OFFICER = "police_prevent_officer", "Police Prevent Officer"
    CHANNEL_CHAIR = "channel_chair", "Channel Panel Chair"
    CHANNEL_MEMBER = "channel_member", "Channel Panel Member"
    PARTNERSHIP_ANALYST = "partnership_analyst", "Partnership Analyst"
    ADMINISTRATOR = "administrator", "Administrator"


ROLE_DESCRIPTIONS: dict[str, str] = {
    Role.PRACTITIONER: "Records concerns and sees the concerns they recorded.",
    Role.SPOC: "Sees and triages every concern raised in their organisation.",
    Role.PREVENT_COORDINATOR: (
        "Sees Prevent referrals, Channel cases, panel business, all self-assessments and the audit log."
    ),
    Role.POLICE_PREVENT_OFFICER: "Sees Prevent referrals, gateway assessments and Channel cases.",
    Role.CHANNEL_CHAIR: "Sees all Channel business; signs decisions and closing reports.",
    Role.CHANNEL_MEMBER: (
        "Sees cases on the agenda of panels they sit on and information requests sent to their agency."
    ),
    Role.PARTNERSHIP_ANALYST: "Sees aggregated, suppressed statistics only.",
    Role.ADMINISTRATOR: "Manages users, organisations and settings; no case content.",
}


# Roles that see case content (concerns, referrals, Channel cases).
CASE_ROLES = frozenset(
    {
        Role.PRACTITIONER,
        Role.SPOC,
        Role.PREVENT_COORDINATOR,
        Role.POLICE_PREVENT_OFFICER,
        Role.CHANNEL_CHAIR,
        Role.CHANNEL_MEMBER,
    }
)
