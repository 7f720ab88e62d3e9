"""Who may read and edit the practice guidance: the one place for guidance
access. The guidance is about no person, so every signed-in user reads it;
Prevent Coordinators change its wording."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prevent.accounts.roles import Role
from prevent.policy import Action, require, rule

from . import selectors

if TYPE_CHECKING:
    from prevent.accounts.models import User
    from prevent.policy.engine import AnyUser

    from .models import GuidanceEntry


@rule(Action.VIEW_GUIDANCE)
def _view_guidance(user: User, obj: None) -> bool:
    return True


@rule(Action.EDIT_GUIDANCE)
def _edit_guidance(user: User, obj: None) -> bool:
    return user.has_role(Role.PREVENT_COORDINATOR)


def access_guidance_entry[Entry: GuidanceEntry](user: AnyUser, model: type[Entry], pk: object) -> Entry:
    """The entry to change: 403 for someone who may not edit the guidance,
    then 404 when there is no such entry (retired ones included)."""
    require(user, Action.EDIT_GUIDANCE)
    return selectors.guidance_entry(model, pk)
