"""Who may act in the police gateway and the Channel Panel."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prevent.accounts.roles import Role
from prevent.policy import Action, rule

if TYPE_CHECKING:
    from prevent.accounts.models import User


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
