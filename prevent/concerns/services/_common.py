"""What the concerns services share: the status moves and who is told."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from prevent.accounts.models import User
from prevent.accounts.roles import Role
from prevent.core import clock
from prevent.core.notify import active_users_with_role

from ..models import Concern, ConcernStatus

# Allowed moves of a concern's status: (from, to).
TRANSITIONS: dict[str, set[str]] = {
    ConcernStatus.DRAFT: {ConcernStatus.SUBMITTED},
    ConcernStatus.SUBMITTED: {
        ConcernStatus.MORE_INFORMATION_REQUESTED,
        ConcernStatus.REFERRED,
        ConcernStatus.NO_REFERRAL,
        ConcernStatus.CLOSED_NO_FURTHER_ACTION,
    },
    ConcernStatus.MORE_INFORMATION_REQUESTED: {
        ConcernStatus.SUBMITTED,
        ConcernStatus.CLOSED_NO_FURTHER_ACTION,
    },
    ConcernStatus.REFERRED: set(),
    ConcernStatus.NO_REFERRAL: set(),
    ConcernStatus.CLOSED_NO_FURTHER_ACTION: set(),
}


def move(concern: Concern, to: str) -> None:
    """Change the status along the table, or refuse."""
    if to not in TRANSITIONS.get(concern.status, set()):
        raise ValidationError(
            f"A concern that is {concern.get_status_display().lower()} cannot become "
            f"{ConcernStatus(to).label.lower()}"
        )
    concern.status = to
    concern.updated_at = clock.now()


def spoc_recipients(organisation_id: int) -> QuerySet[User]:
    """The active SPOCs of the organisation; if none, every active Prevent Coordinator."""
    spocs = active_users_with_role(Role.SPOC, organisation=organisation_id)
    if spocs.exists():
        return spocs
    return active_users_with_role(Role.PREVENT_COORDINATOR)
