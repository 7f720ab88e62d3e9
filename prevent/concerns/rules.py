"""Who may record, see, triage and refer concerns, and see and link people."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prevent.accounts.roles import Role
from prevent.policy import Action, rule

if TYPE_CHECKING:
    from prevent.accounts.models import User


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
