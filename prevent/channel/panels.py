"""What Channel adds to the concern page (prevent/concerns/panels.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .selectors import gateway_outcomes_for_concern

if TYPE_CHECKING:
    from prevent.accounts.models import User
    from prevent.concerns.models import Concern


def gateway_outcomes_panel(user: User, concern: Concern) -> dict[str, Any] | None:
    """The police gateway's outcome of each of the concern's police Prevent
    referrals (by name, no rationale); nothing when there is none yet."""
    outcomes = gateway_outcomes_for_concern(user=user, concern=concern)
    return {"outcomes": outcomes} if outcomes else None
