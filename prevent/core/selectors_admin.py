"""Reads of organisations and local-area settings for administrators' pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from prevent.policy import Action, scoped

from .models import LocalAreaSettings, Organisation
from .services import LOCAL_AREA_FIELDS

if TYPE_CHECKING:
    from prevent.accounts.models import User

# Plausible Oxfordshire contact points loaded by `manage.py load_demo`. They
# are examples to confirm locally: the settings page tags any value that is
# still one of these until an administrator changes it.
EXAMPLE_CONTACT_POINTS: dict[str, str] = {
    "customer_resolution_centre_phone": "0345 050 7666",
    "customer_resolution_centre_email": "mash-childrens@oxfordshire.gov.uk",
    "childrens_front_door_phone": "0345 050 7666",
    "childrens_front_door_email": "mash-childrens@oxfordshire.gov.uk",
    "adults_front_door_phone": "0345 050 7666",
    "adults_front_door_email": "socialandhealthcare@oxfordshire.gov.uk",
    "police_prevent_phone": "101",
    "police_prevent_email": "prevent@thamesvalley.police.uk",
    "childrens_out_of_hours_phone": "0800 833 408",
    "adults_out_of_hours_phone": "0800 833 408",
}

ORGANISATION_STATES = {"active", "archived", "all"}


def organisations_for_admin(
    *, actor: User, sector: str = "", district: str = "", state: str = "active"
) -> QuerySet[Organisation]:
    """Organisations with their number of active users, optionally filtered.

    `state` is "active" (the default), "archived" or "all"."""
    organisations = scoped(actor, Action.MANAGE_ORGANISATIONS).annotate(
        active_user_count=Count("users", filter=Q(users__is_active=True))
    )
    if sector:
        organisations = organisations.filter(sector=sector)
    if district:
        organisations = organisations.filter(district=district)
    if state == "active":
        organisations = organisations.filter(archived_at__isnull=True)
    elif state == "archived":
        organisations = organisations.filter(archived_at__isnull=False)
    return organisations.order_by("name")


def organisations_assignable(*, current: Organisation | None = None) -> QuerySet[Organisation]:
    """Organisations a user may be put in: active ones, plus their current one."""
    condition = Q(archived_at__isnull=True)
    if current is not None:
        condition |= Q(pk=current.pk)
    return Organisation.objects.filter(condition).order_by("name")


def local_area_settings() -> LocalAreaSettings:
    """The one row of local area settings (made on first use)."""
    return LocalAreaSettings.load()


@dataclass(frozen=True)
class SettingRow:
    field: str
    label: str
    value: str
    is_example: bool


def local_area_settings_rows(area: LocalAreaSettings) -> list[SettingRow]:
    """The settings as summary-list rows, each tagged when it still holds an
    example value from the demo data."""
    rows = []
    for name in LOCAL_AREA_FIELDS:
        field = LocalAreaSettings._meta.get_field(name)
        value = getattr(area, name)
        label = str(getattr(field, "verbose_name", name))
        rows.append(
            SettingRow(
                field=name,
                label=label[:1].upper() + label[1:],
                value=value,
                is_example=bool(value) and EXAMPLE_CONTACT_POINTS.get(name) == value,
            )
        )
    return rows
