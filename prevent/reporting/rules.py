"""Who may see the partnership's statistics: the one place for reporting access.

The statistics are aggregated and suppressed (prevent/reporting/suppression.py),
so the Partnership Analyst sees them without seeing any record about a person;
Prevent Coordinators see them too. The data quality lists name records
(by reference, never a person) and link to where each is fixed: coordinators
only, and each list holds only records the coordinator may see anyway."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prevent.accounts.roles import Role
from prevent.policy import Action, rule

if TYPE_CHECKING:
    from prevent.accounts.models import User


def _sees_statistics(user: User) -> bool:
    return user.has_role(Role.PARTNERSHIP_ANALYST) or user.has_role(Role.PREVENT_COORDINATOR)


@rule(Action.VIEW_STATISTICS)
def _view_statistics(user: User, obj: None) -> bool:
    return _sees_statistics(user)


@rule(Action.EXPORT_STATISTICS)
def _export_statistics(user: User, obj: None) -> bool:
    return _sees_statistics(user)


@rule(Action.VIEW_DATA_QUALITY)
def _view_data_quality(user: User, obj: None) -> bool:
    return user.has_role(Role.PREVENT_COORDINATOR)


@rule(Action.REFRESH_STATISTICS)
def _refresh_statistics(user: User, obj: None) -> bool:
    return _sees_statistics(user)
