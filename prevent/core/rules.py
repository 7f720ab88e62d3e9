"""Who may manage organisations and the local area settings.

Imports no domain app: only the engine (prevent.policy) and the roles of
prevent.accounts (a foundation app)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from prevent.accounts.roles import Role
from prevent.policy import Action, access, rule, scope

from .models import Organisation

if TYPE_CHECKING:
    from prevent.accounts.models import User


def _is_administrator(user: User) -> bool:
    return user.has_role(Role.ADMINISTRATOR)


@rule(Action.MANAGE_ORGANISATIONS)
def _manage_organisations(user: User, obj: Organisation | None) -> bool:
    return _is_administrator(user)


@scope(Action.MANAGE_ORGANISATIONS, "core.Organisation")
def _organisations_managed(user: User) -> Q:
    return Q() if _is_administrator(user) else Q(pk__in=[])


def access_organisation(user: User, pk: object, action: Action = Action.MANAGE_ORGANISATIONS) -> Organisation:
    """One organisation (archived ones too) the user may act on, else 404."""
    return access(user, action, pk, Organisation.objects.select_related("archived_by"))


@rule(Action.EDIT_LOCAL_AREA_SETTINGS)
def _edit_local_area_settings(user: User, obj: None) -> bool:
    return _is_administrator(user)
