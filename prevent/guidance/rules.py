"""Who may read and edit the practice guidance."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prevent.accounts.roles import Role
from prevent.policy import Action, rule

if TYPE_CHECKING:
    from prevent.accounts.models import User


@rule(Action.VIEW_GUIDANCE)
def _view_guidance(user: User, obj: Any) -> bool:
    return True


@rule(Action.EDIT_GUIDANCE)
def _edit_guidance(user: User, obj: Any) -> bool:
    return user.has_role(Role.PREVENT_COORDINATOR)
