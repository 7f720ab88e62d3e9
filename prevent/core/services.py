"""Writes for organisations and the local-area settings.

Each service is keyword-only, checks the policy first, runs in one
transaction and records its audit event (with before/after values) in that
same transaction. Organisations are never deleted: they are archived with a
reason and can be restored."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from prevent.audit.services import changes_between, record_event
from prevent.core import clock
from prevent.policy import Action, require

from .models import District, LocalAreaSettings, Organisation, Sector

if TYPE_CHECKING:
    from prevent.accounts.models import User

# The fields of LocalAreaSettings an administrator may change.
LOCAL_AREA_FIELDS: tuple[str, ...] = (
    "area_name",
    "partnership_name",
    "emergency_guidance",
    "customer_resolution_centre_phone",
    "customer_resolution_centre_email",
    "childrens_front_door_phone",
    "childrens_front_door_email",
    "adults_front_door_phone",
    "adults_front_door_email",
    "police_prevent_phone",
    "police_prevent_email",
    "childrens_out_of_hours_phone",
    "adults_out_of_hours_phone",
    "police_non_emergency_phone",
)


def _organisation_snapshot(organisation: Organisation) -> dict[str, Any]:
    return {
        "name": organisation.name,
        "sector": organisation.sector,
        "district": organisation.district,
        "archived_at": organisation.archived_at.isoformat() if organisation.archived_at else None,
        "archived_reason": organisation.archived_reason,
    }


def _validate_organisation_fields(*, name: str, sector: str, district: str, exclude_pk: int | None) -> None:
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = "Enter the organisation's name"
    elif (
        Organisation.objects.filter(name__iexact=name)
        .exclude(pk__in=[exclude_pk] if exclude_pk else [])
        .exists()
    ):
        errors["name"] = "An organisation with this name already exists"
    if sector not in Sector.values:
        errors["sector"] = "Select the organisation's sector"
    if district not in District.values:
        errors["district"] = "Select the organisation's district, or county-wide"
    if errors:
        raise ValidationError(errors)


def _locked(organisation: Organisation) -> Organisation:
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def organisation_create(*, actor: User, name: str, sector: str, district: str) -> Organisation:
    require(actor, Action.MANAGE_ORGANISATIONS)
    name = name.strip()
    with transaction.atomic():
        _validate_organisation_fields(name=name, sector=sector, district=district, exclude_pk=None)
        organisation = Organisation(name=name, sector=sector, district=district)
        organisation.full_clean()
        organisation.save()
        record_event(
            actor=actor,
            action="organisation_created",
            summary=f"Added organisation {organisation.name}",
            obj=organisation,
            changes=changes_between({}, _organisation_snapshot(organisation)),
        )
        return organisation


def organisation_update(
    *, actor: User, organisation: Organisation, name: str, sector: str, district: str
) -> Organisation:
    require(actor, Action.MANAGE_ORGANISATIONS)
    name = name.strip()
    with transaction.atomic():
        organisation = _locked(organisation)
        _validate_organisation_fields(name=name, sector=sector, district=district, exclude_pk=organisation.pk)
        before = _organisation_snapshot(organisation)
        organisation.name = name
        organisation.sector = sector
        organisation.district = district
        changes = changes_between(before, _organisation_snapshot(organisation))
        if not changes:
            return organisation
        organisation.full_clean()
        organisation.save(update_fields=["name", "sector", "district"])
        record_event(
            actor=actor,
            action="organisation_updated",
            summary=f"Changed the details of organisation {organisation.name}",
            obj=organisation,
            changes=changes,
        )
        return organisation


def organisation_archive(*, actor: User, organisation: Organisation, reason: str) -> Organisation:
    """Archive (never delete): the row, its users and its history stay."""
    require(actor, Action.MANAGE_ORGANISATIONS)
    reason = reason.strip()
    with transaction.atomic():
        organisation = _locked(organisation)
        if organisation.archived_at is not None:
            raise ValidationError(f"{organisation.name} is already archived")
        if not reason:
            raise ValidationError({"reason": "Enter the reason for archiving the organisation"})
        before = _organisation_snapshot(organisation)
        organisation.archived_at = clock.now()
        organisation.archived_by = actor
        organisation.archived_reason = reason
        organisation.save(update_fields=["archived_at", "archived_by", "archived_reason"])
        record_event(
            actor=actor,
            action="organisation_archived",
            summary=f"Archived organisation {organisation.name}",
            obj=organisation,
            changes=changes_between(before, _organisation_snapshot(organisation)),
        )
        return organisation


def organisation_restore(*, actor: User, organisation: Organisation) -> Organisation:
    require(actor, Action.MANAGE_ORGANISATIONS)
    with transaction.atomic():
        organisation = _locked(organisation)
        if organisation.archived_at is None:
            raise ValidationError(f"{organisation.name} is not archived")
        before = _organisation_snapshot(organisation)
        organisation.archived_at = None
        organisation.archived_by = None
        organisation.archived_reason = ""
        organisation.save(update_fields=["archived_at", "archived_by", "archived_reason"])
        record_event(
            actor=actor,
            action="organisation_restored",
            summary=f"Restored organisation {organisation.name}",
            obj=organisation,
            changes=changes_between(before, _organisation_snapshot(organisation)),
        )
        return organisation


def local_area_settings_update(*, actor: User, data: Mapping[str, Any]) -> LocalAreaSettings:
    """Change any of LOCAL_AREA_FIELDS; fields not given keep their value.

    Writes nothing (and records nothing) when no value changes."""
    require(actor, Action.EDIT_LOCAL_AREA_SETTINGS)
    unknown = set(data) - set(LOCAL_AREA_FIELDS)
    if unknown:
        raise ValueError(f"Not local area settings: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        LocalAreaSettings.load()
        area = LocalAreaSettings.objects.select_for_update().get(pk=1)
        before = {f: getattr(area, f) for f in LOCAL_AREA_FIELDS}
        for field, value in data.items():
            setattr(area, field, value.strip() if isinstance(value, str) else value)
        after = {f: getattr(area, f) for f in LOCAL_AREA_FIELDS}
        changes = changes_between(before, after)
        if not changes:
            return area
        area.full_clean()
        area.save()
        record_event(
            actor=actor,
            action="local_area_settings_updated",
            summary=f"Changed the local area settings: {', '.join(changes)}",
            obj=area,
            changes=changes,
        )
        return area
