"""Who may list, see, start, edit and oversee Prevent self-assessments."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prevent.accounts.roles import Role
from prevent.policy import Action, rule

if TYPE_CHECKING:
    from prevent.accounts.models import User


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
