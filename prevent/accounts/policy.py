"""Who may do what, for accounts, case roles and the remaining domains.

The engine (can, require, the rule registry, the Action type) is in
prevent/policy; this module only registers rules with it. Rules move, domain
by domain, into that domain's own rules.py beside its queryset scopes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prevent.policy import Action, rule

from .roles import CASE_ROLES, Role

if TYPE_CHECKING:
    from .models import User


@rule(Action.VIEW_HOME)
def _view_home(user: User, obj: Any) -> bool:
    return True


@rule(Action.VIEW_OWN_ACCOUNT)
def _view_own_account(user: User, obj: Any) -> bool:
    return obj is None or obj == user


@rule(Action.MANAGE_USERS)
def _manage_users(user: User, obj: Any) -> bool:
    return user.has_role(Role.ADMINISTRATOR)


@rule(Action.CHANGE_USER_ROLES)
def _change_user_roles(user: User, obj: Any) -> bool:
    """Nobody changes their own roles. Roles in CASE_ROLES are only ever
    requested here; DECIDE_ROLE_GRANT_REQUEST says who may grant them."""
    if obj is None or obj.pk == user.pk:
        return False
    return user.has_role(Role.ADMINISTRATOR)


@rule(Action.VIEW_ROLE_GRANT_REQUESTS)
def _view_role_grant_requests(user: User, obj: Any) -> bool:
    """Administrators (who request) and anyone who may decide some request."""
    return user.has_role(Role.ADMINISTRATOR, *CASE_ROLES)


@rule(Action.DECIDE_ROLE_GRANT_REQUEST)
def _decide_role_grant_request(user: User, obj: Any) -> bool:
    """A second person: not the requester, not the person receiving the
    role, and someone who holds that role or is a Prevent Coordinator."""
    if obj is None:
        return False
    if obj.requested_by_id == user.pk:
        return False
    if obj.user_id == user.pk:
        return False
    return user.has_role(obj.role, Role.PREVENT_COORDINATOR)


@rule(Action.WITHDRAW_ROLE_GRANT_REQUEST)
def _withdraw_role_grant_request(user: User, obj: Any) -> bool:
    if obj is None:
        return False
    return obj.requested_by_id == user.pk or user.has_role(Role.ADMINISTRATOR)


@rule(Action.MANAGE_ORGANISATIONS)
def _manage_organisations(user: User, obj: Any) -> bool:
    return user.has_role(Role.ADMINISTRATOR)


@rule(Action.EDIT_LOCAL_AREA_SETTINGS)
def _edit_local_area_settings(user: User, obj: Any) -> bool:
    return user.has_role(Role.ADMINISTRATOR)


@rule(Action.VIEW_AUDIT_LOG)
def _view_audit_log(user: User, obj: Any) -> bool:
    return user.has_role(Role.PREVENT_COORDINATOR)


@rule(Action.VIEW_CASE_CONTENT)
def _view_case_content(user: User, obj: Any) -> bool:
    return bool(user.roles & CASE_ROLES)


DRAFT = "draft"
MORE_INFORMATION_REQUESTED = "more_information_requested"
AWAITING_TRIAGE = "submitted"


def _is_spoc_of(user: User, organisation_id: int | None) -> bool:
    return (
        user.has_role(Role.SPOC) and organisation_id is not None and organisation_id == user.organisation_id
    )


@rule(Action.RECORD_CONCERN)
def _record_concern(user: User, obj: Any) -> bool:
    """Practitioners (and SPOCs) of an organisation; administrators and
    analysts see no case content."""
    return user.organisation_id is not None and user.has_role(Role.PRACTITIONER, Role.SPOC)


@rule(Action.VIEW_CONCERN)
def _view_concern(user: User, obj: Any) -> bool:
    if obj is None:
        return False
    if obj.raised_by_id == user.pk:
        return True
    if obj.status == DRAFT:
        return False
    if _is_spoc_of(user, obj.organisation_id):
        return True
    prevent_roles = user.has_role(Role.PREVENT_COORDINATOR, Role.POLICE_PREVENT_OFFICER)
    return prevent_roles and bool(obj.referred_to_police_prevent)


@rule(Action.EDIT_CONCERN_DRAFT)
def _edit_concern_draft(user: User, obj: Any) -> bool:
    return obj is not None and obj.raised_by_id == user.pk and obj.status == DRAFT


@rule(Action.ANSWER_CONCERN_QUESTION)
def _answer_concern_question(user: User, obj: Any) -> bool:
    return obj is not None and obj.raised_by_id == user.pk and obj.status == MORE_INFORMATION_REQUESTED


@rule(Action.ADD_CONCERN_ADDENDUM)
def _add_concern_addendum(user: User, obj: Any) -> bool:
    if obj is None or obj.status == DRAFT:
        return False
    return obj.raised_by_id == user.pk or _is_spoc_of(user, obj.organisation_id)


@rule(Action.VIEW_TRIAGE_QUEUE)
def _view_triage_queue(user: User, obj: Any) -> bool:
    return user.has_role(Role.SPOC) and user.organisation_id is not None


@rule(Action.TRIAGE_CONCERN)
def _triage_concern(user: User, obj: Any) -> bool:
    return obj is not None and obj.status == AWAITING_TRIAGE and _is_spoc_of(user, obj.organisation_id)


@rule(Action.UPDATE_REFERRAL)
def _update_referral(user: User, obj: Any) -> bool:
    return obj is not None and _is_spoc_of(user, obj.concern.organisation_id)


@rule(Action.VIEW_PERSON)
def _view_person(user: User, obj: Any) -> bool:
    """obj: a person with `visible_concern_count` annotated by the concerns
    selector for this user (0 when none of their concerns is visible)."""
    return obj is not None and getattr(obj, "visible_concern_count", 0) > 0


@rule(Action.LINK_PERSON)
def _link_person(user: User, obj: Any) -> bool:
    """obj: the concern whose person is being linked to an existing record."""
    return obj is not None and obj.status != DRAFT and _is_spoc_of(user, obj.organisation_id)


@rule(Action.VIEW_GUIDANCE)
def _view_guidance(user: User, obj: Any) -> bool:
    return True


@rule(Action.EDIT_GUIDANCE)
def _edit_guidance(user: User, obj: Any) -> bool:
    return user.has_role(Role.PREVENT_COORDINATOR)


@rule(Action.LIST_SELF_ASSESSMENTS)
def _list_self_assessments(user: User, obj: Any) -> bool:
    return user.has_role(Role.PREVENT_COORDINATOR) or (
        user.has_role(Role.SPOC) and user.organisation_id is not None
    )


@rule(Action.VIEW_SELF_ASSESSMENT)
def _view_self_assessment(user: User, obj: Any) -> bool:
    if obj is None:
        return False
    if user.has_role(Role.PREVENT_COORDINATOR):
        return True
    return user.has_role(Role.SPOC) and obj.organisation_id == user.organisation_id


@rule(Action.START_SELF_ASSESSMENT)
def _start_self_assessment(user: User, obj: Any) -> bool:
    """obj: the organisation the assessment is for (None: the user's own)."""
    if not user.has_role(Role.SPOC) or user.organisation_id is None:
        return False
    return obj is None or obj.pk == user.organisation_id


@rule(Action.EDIT_SELF_ASSESSMENT)
def _edit_self_assessment(user: User, obj: Any) -> bool:
    if obj is None or obj.is_locked:
        return False
    return user.has_role(Role.SPOC) and obj.organisation_id == user.organisation_id


@rule(Action.VIEW_SELF_ASSESSMENT_OVERVIEW)
def _view_self_assessment_overview(user: User, obj: Any) -> bool:
    return user.has_role(Role.PREVENT_COORDINATOR)


@rule(Action.PUBLISH_SELF_ASSESSMENT_TEMPLATE)
def _publish_self_assessment_template(user: User, obj: Any) -> bool:
    return user.has_role(Role.PREVENT_COORDINATOR)


# ---- Channel (issue 4) -------------------------------------------------------
# List-level rules; object-level Channel rules are added below this line.


@rule(Action.VIEW_GATEWAY_QUEUE)
def _view_gateway_queue(user: User, obj: Any) -> bool:
    return user.has_role(Role.POLICE_PREVENT_OFFICER, Role.PREVENT_COORDINATOR)


@rule(Action.VIEW_CHANNEL_CASES)
def _view_channel_cases(user: User, obj: Any) -> bool:
    return user.has_role(
        Role.PREVENT_COORDINATOR, Role.POLICE_PREVENT_OFFICER, Role.CHANNEL_CHAIR, Role.CHANNEL_MEMBER
    )


@rule(Action.VIEW_PANEL_MEETINGS)
def _view_panel_meetings(user: User, obj: Any) -> bool:
    return user.has_role(
        Role.PREVENT_COORDINATOR, Role.POLICE_PREVENT_OFFICER, Role.CHANNEL_CHAIR, Role.CHANNEL_MEMBER
    )


@rule(Action.VIEW_INFORMATION_REQUESTS)
def _view_information_requests(user: User, obj: Any) -> bool:
    return user.organisation_id is not None and user.has_role(
        Role.PREVENT_COORDINATOR, Role.CHANNEL_MEMBER, Role.SPOC, Role.POLICE_PREVENT_OFFICER
    )


EXIT_RECOMMENDED = "exit_recommended"
REQUEST_SENT = "sent"
CHANNEL_STAFF = (Role.PREVENT_COORDINATOR, Role.POLICE_PREVENT_OFFICER, Role.CHANNEL_CHAIR)


def _sits_on_agenda_of(user: User, case: Any) -> bool:
    """A panel member's case: on the agenda of a meeting they sit on."""
    return case.agenda_items.filter(meeting__members=user).exists()


@rule(Action.RECORD_GATEWAY_ASSESSMENT)
def _record_gateway_assessment(user: User, obj: Any) -> bool:
    return user.has_role(Role.POLICE_PREVENT_OFFICER)


@rule(Action.LOG_EXTERNAL_REFERRAL)
def _log_external_referral(user: User, obj: Any) -> bool:
    return user.has_role(Role.POLICE_PREVENT_OFFICER)


@rule(Action.VIEW_CHANNEL_CASE)
def _view_channel_case(user: User, obj: Any) -> bool:
    if obj is None:
        return False
    if user.has_role(*CHANNEL_STAFF):
        return True
    if not user.has_role(Role.CHANNEL_MEMBER):
        return False
    return _sits_on_agenda_of(user, obj)


@rule(Action.MANAGE_CHANNEL_CASE)
def _manage_channel_case(user: User, obj: Any) -> bool:
    return obj is not None and user.has_role(Role.PREVENT_COORDINATOR)


@rule(Action.VIEW_INFORMATION_REQUEST)
def _view_information_request(user: User, obj: Any) -> bool:
    if obj is None:
        return False
    if user.has_role(Role.PREVENT_COORDINATOR):
        return True
    if not _view_information_requests(user, None):
        return False
    return obj.agency_id == user.organisation_id


@rule(Action.ANSWER_INFORMATION_REQUEST)
def _answer_information_request(user: User, obj: Any) -> bool:
    if obj is None or obj.status != REQUEST_SENT:
        return False
    if not _view_information_requests(user, None):
        return False
    return obj.agency_id == user.organisation_id


@rule(Action.VIEW_PANEL_MEETING)
def _view_panel_meeting(user: User, obj: Any) -> bool:
    if obj is None:
        return False
    if user.has_role(*CHANNEL_STAFF):
        return True
    if not user.has_role(Role.CHANNEL_MEMBER):
        return False
    return obj.members.filter(pk=user.pk).exists()


@rule(Action.MANAGE_PANEL_MEETING)
def _manage_panel_meeting(user: User, obj: Any) -> bool:
    return user.has_role(Role.PREVENT_COORDINATOR, Role.CHANNEL_CHAIR)


@rule(Action.CONFIRM_PANEL_DECISION)
def _confirm_panel_decision(user: User, obj: Any) -> bool:
    if obj is None or obj.confirmed_at is not None:
        return False
    if obj.superseded_at is not None:
        return False
    return user.has_role(Role.CHANNEL_CHAIR)


@rule(Action.COMPLETE_CLOSING_REPORT)
def _complete_closing_report(user: User, obj: Any) -> bool:
    if obj is None or obj.status != EXIT_RECOMMENDED:
        return False
    return user.has_role(Role.CHANNEL_CHAIR)


@rule(Action.EXIT_CHANNEL_CASE)
def _exit_channel_case(user: User, obj: Any) -> bool:
    if obj is None or obj.status != EXIT_RECOMMENDED:
        return False
    return user.has_role(Role.CHANNEL_CHAIR, Role.PREVENT_COORDINATOR)


@rule(Action.RECORD_POST_EXIT_REVIEW)
def _record_post_exit_review(user: User, obj: Any) -> bool:
    if obj is None or obj.completed_at is not None:
        return False
    return user.has_role(Role.PREVENT_COORDINATOR)


@rule(Action.MANAGE_APPROVED_PROVIDERS)
def _manage_approved_providers(user: User, obj: Any) -> bool:
    return user.has_role(Role.PREVENT_COORDINATOR)


# ---- end of Channel ---------------------------------------------------------
