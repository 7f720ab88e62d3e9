"""Every audit action: its name (what `record_event(action=...)` stores) and
the plain-English words the audit viewer shows, grouped by domain.

`record_event` refuses a name that is not registered here
(`UnknownAuditAction`), so a typo cannot write a silent new action, and the
audit viewer's "Action" filter offers every registered action, grouped by
domain, whether or not it has happened yet.

**To add an action**, add one line to your domain's dict below
(`"referral_outcome_recorded": "Referral outcome recorded",`): the name in
lower case with underscores (at most 64 characters), the label as the
viewer should say it. A new domain adds a dict and one `register(...)` line
at the bottom. (An app may instead register its own names from a module
`prevent/<app>/audit_actions.py` calling `register("Domain", {...})`: every
app's `audit_actions` module is imported when the audit app is ready.)
Never rename or remove a name that has been recorded: old events keep it.
A name already in the log but no longer registered is still shown and
filterable, under "No longer recorded".

prevent/audit/tests/test_actions.py checks that every action
literal in the code base is registered."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules

NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class UnknownAuditAction(ValueError):
    """An audit action that is not registered (see this module)."""


@dataclass(frozen=True)
class AuditAction:
    name: str
    label: str
    domain: str


_ACTIONS: dict[str, AuditAction] = {}
_discovered = False


def register(domain: str, actions: Mapping[str, str]) -> None:
    """Register `{name: label}` under `domain`. Registering the same name
    twice with the same words is harmless; with other words it is an error."""
    for name, label in actions.items():
        if not NAME.match(name):
            raise ValueError(f"An audit action is lower case with underscores, 1 to 64 characters: {name!r}")
        if not label.strip():
            raise ValueError(f"The audit action {name!r} needs a label")
        action = AuditAction(name=name, label=label, domain=domain)
        existing = _ACTIONS.get(name)
        if existing is not None and existing != action:
            raise ValueError(f"The audit action {name!r} is already registered as {existing}")
        _ACTIONS[name] = action


def _discover() -> None:
    """Import every app's `audit_actions` module (once)."""
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("audit_actions")


def registered() -> dict[str, AuditAction]:
    _discover()
    return dict(_ACTIONS)


def get(name: str) -> AuditAction:
    """The registered action, or UnknownAuditAction."""
    _discover()
    try:
        return _ACTIONS[name]
    except KeyError:
        raise UnknownAuditAction(
            f"{name!r} is not a registered audit action: add it to prevent/audit/actions.py"
        ) from None


def is_registered(name: str) -> bool:
    _discover()
    return name in _ACTIONS


def label(name: str) -> str:
    """The words for an action; for a name no longer registered, its own
    words (organisation_created -> Organisation created)."""
    _discover()
    action = _ACTIONS.get(name)
    return action.label if action is not None else name.replace("_", " ").capitalize()


def by_domain() -> list[tuple[str, list[AuditAction]]]:
    """Every registered action grouped by domain, in registration order of
    the domains, each group in the order of its labels."""
    _discover()
    groups: dict[str, list[AuditAction]] = {}
    for action in _ACTIONS.values():
        groups.setdefault(action.domain, []).append(action)
    return [(domain, sorted(actions, key=lambda a: a.label)) for domain, actions in groups.items()]


# Accounts: signing in, users and roles ----------------------------------------------------

ACCOUNTS = {
    "sign_in_failed": "Sign-in failed",
    "locked_out": "Locked out after failed sign-ins",
    "password_accepted": "Password accepted, second factor needed",
    "signed_in": "Signed in",
    "two_factor_failed": "Second factor code refused",
    "two_factor_enrolled": "Authenticator app set up",
    "passkey_registered": "Passkey added",
    "signed_out": "Signed out",
    "signed_out_everywhere": "Signed out on every device",
    "password_reset_requested": "Password reset requested",
    "password_reset": "Password reset",
    "user_created": "User created",
    "user_updated": "User updated",
    "user_deactivated": "User deactivated",
    "user_reactivated": "User reactivated",
    "user_second_factor_reset": "User's second factor reset",
    "user_unlocked": "User's account unlocked after failed sign-ins",
    "user_invitation_sent": "Invitation sent",
    "user_roles_changed": "User's roles changed",
    "user_case_roles_suspended": "User's case roles stopped until approved again",
    "demo_user_prepared": "Demo user prepared",
    "role_grant_requested": "Role requested",
    "role_grant_approved": "Role request approved",
    "role_grant_refused": "Role request refused",
    "role_grant_withdrawn": "Role request withdrawn",
}

# Organisations, local area settings and reminders (core) -----------------------------------

ORGANISATIONS = {
    "organisation_created": "Organisation created",
    "organisation_updated": "Organisation updated",
    "organisation_archived": "Organisation archived",
    "organisation_restored": "Organisation restored",
    "local_area_settings_updated": "Local area settings updated",
    "reminder_sent": "Reminder sent",
}

# The audit log itself -----------------------------------------------------------------------

AUDIT = {
    "audit_log_viewed": "Audit log viewed",
    "audit_details_erased": "Personal details erased from audit events",
}

# Concerns and referrals -----------------------------------------------------------------------

CONCERNS = {
    "concern_draft_created": "Concern draft started",
    "concern_draft_saved": "Concern draft saved",
    "concern_draft_viewed": "Concern draft viewed",
    "concern_attachment_added": "Concern attachment added",
    "concern_attachment_removed": "Concern attachment removed",
    "concern_attachment_downloaded": "Concern attachment downloaded",
    "concern_submitted": "Concern submitted",
    "concern_viewed": "Concern viewed",
    "concern_addendum_added": "Concern addendum added",
    "concern_triaged": "Concern triaged",
    "concern_information_requested": "More information requested about a concern",
    "concern_question_answered": "Question about a concern answered",
    "concern_closed": "Concern closed",
    "referral_status_changed": "Referral status changed",
    "referral_reminder_sent": "Referral reminder sent",
    "referral_information_added": "Information added to a sent referral",
    "concern_list_viewed": "List of concerns with names viewed",
}

# People -----------------------------------------------------------------------------------------

PEOPLE = {
    "person_viewed": "Person viewed",
    "person_matches_viewed": "Possible matching people viewed",
    "person_linked": "Person linked to a concern",
    "person_chronology_viewed": "Person's chronology viewed",
    "person_chronology_exported": "Person's chronology downloaded (PDF)",
}

# Police gateway and Channel -----------------------------------------------------------------------

CHANNEL = {
    "gateway_referral_received": "Gateway referral received",
    "gateway_external_referral_logged": "External referral logged at the gateway",
    "gateway_assessed": "Gateway assessment recorded",
    "gateway_history_acknowledged": "Repeat-referral warning acknowledged at the gateway",
    "channel_gateway_history_viewed": "Gateway history viewed",
    "channel_gateway_referral_viewed": "Gateway referral viewed",
    "channel_case_opened": "Channel case opened",
    "channel_case_viewed": "Channel case viewed",
    "channel_case_list_viewed": "Channel case list viewed",
    "channel_safeguarding_link_added": "Safeguarding link added to a Channel case",
    "channel_information_requested": "Information requested from an agency",
    "channel_information_request_viewed": "Information request viewed",
    "channel_information_request_answered": "Information request answered",
    "channel_response_file_downloaded": "Information response file downloaded",
    "channel_vaf_recorded": "Vulnerability assessment recorded",
    "channel_panel_schedule_generated": "Panel meeting schedule generated",
    "channel_panel_members_set": "Panel members set",
    "channel_panel_details_changed": "Panel meeting time or place changed",
    "channel_agenda_item_added": "Case added to a panel agenda",
    "channel_agenda_item_removed": "Case removed from a panel agenda",
    "channel_attendance_recorded": "Panel attendance recorded",
    "channel_agenda_notes_recorded": "Panel agenda notes recorded",
    "channel_minutes_recorded": "Panel minutes recorded",
    "channel_minutes_downloaded": "Panel minutes downloaded",
    "channel_meeting_viewed": "Panel meeting viewed",
    "channel_decision_recorded": "Panel decision recorded",
    "channel_decision_confirmed": "Panel decision confirmed",
    "channel_decision_superseded": "Panel decision superseded",
    "channel_action_added": "Panel action added",
    "channel_action_done": "Panel action done",
    "channel_consent_recorded": "Consent recorded",
    "channel_intervention_added": "Support intervention added",
    "channel_progress_recorded": "Support progress recorded",
    "channel_intervention_ended": "Support intervention ended",
    "channel_intervention_changed": "Support intervention changed",
    "channel_provider_added": "Intervention provider added",
    "channel_provider_archived": "Intervention provider archived",
    "channel_closing_report_completed": "Closing report completed",
    "channel_case_exited": "Channel case exited",
    "channel_post_exit_review_recorded": "Post-exit review recorded",
    "channel_reminder_sent": "Channel reminder sent",
}

# Practice guidance ------------------------------------------------------------------------------

GUIDANCE = {
    "guidance_factor_changed": "Vulnerability factor reworded",
    "guidance_key_question_changed": "Key question reworded",
    "guidance_influence_changed": "Influence reworded",
    "guidance_concern_type_changed": "Type of concern reworded",
    "guidance_concern_type_added": "Type of concern added",
    "guidance_concern_type_deleted": "Unused type of concern deleted",
    "guidance_entry_retired": "Guidance entry retired",
    "guidance_entry_restored": "Guidance entry restored",
}

# Prevent self-assessment --------------------------------------------------------------------------

SELF_ASSESSMENT = {
    "self_assessment_template_published": "Self-assessment template published",
    "self_assessment_started": "Self-assessment started",
    "self_assessment_details_changed": "Self-assessment details changed",
    "self_assessment_objective_saved": "Self-assessment objective saved",
    "self_assessment_action_added": "Self-assessment action added",
    "self_assessment_action_changed": "Self-assessment action changed",
    "self_assessment_action_removed": "Self-assessment action removed",
    "self_assessment_submitted": "Self-assessment submitted",
    "self_assessment_file_downloaded": "Self-assessment evidence file downloaded",
    "self_assessment_exported_pdf": "Self-assessment exported as PDF",
    "self_assessment_exported_csv": "Self-assessment exported as CSV",
    "self_assessment_overview_exported": "Self-assessment overview exported",
    "self_assessment_reminder_sent": "Self-assessment reminder sent",
}

register("Accounts and sign-in", ACCOUNTS)
register("Organisations and settings", ORGANISATIONS)
register("Audit log", AUDIT)
register("Concerns and referrals", CONCERNS)
register("People", PEOPLE)
register("Police gateway and Channel", CHANNEL)
register("Practice guidance", GUIDANCE)
register("Prevent self-assessment", SELF_ASSESSMENT)
