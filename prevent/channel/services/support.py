"""The support plan: interventions by approved providers, their progress and end."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from prevent.accounts.models import User
from prevent.audit.services import changes_between, record_event
from prevent.core import clock
from prevent.policy import Action, require

from ..models import (
    ApprovedProvider,
    CaseStatus,
    ChannelCase,
    ConsentOutcome,
    Intervention,
    InterventionType,
    ProgressNote,
)
from ._common import (
    _required,
)


def _support_allowed(case: ChannelCase) -> None:
    latest = case.consents.order_by("-recorded_at", "-pk").first()
    if case.status != CaseStatus.SUPPORT or latest is None or latest.outcome != ConsentOutcome.GIVEN:
        raise ValidationError("Support cannot start without recorded consent")


def intervention_add(
    *,
    actor: User,
    case: ChannelCase,
    type: str,
    provider: ApprovedProvider,
    description: str,
    start_on: date,
    review_on: date | None,
    end_on: date | None,
) -> Intervention:
    require(actor, Action.MANAGE_CHANNEL_CASE, case, hide=True)
    _support_allowed(case)
    errors: dict[str, str] = {}
    if type not in InterventionType.values:
        errors["type"] = "Select the type of intervention"
    if provider.archived_at is not None:
        errors["provider"] = "Select an approved provider"
    if type == InterventionType.IDEOLOGICAL_MENTORING and not provider.is_home_office_intervention_provider:
        errors["provider"] = "Ideological or theological mentoring needs a Home Office Intervention Provider"
    if review_on is not None and review_on < start_on:
        errors["review_on"] = "The review date must be the same as or after the start date"
    if end_on is not None and end_on < start_on:
        errors["end_on"] = "The end date must be the same as or after the start date"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        intervention = Intervention.objects.create(
            case=case,
            type=type,
            provider=provider,
            description=description,
            start_on=start_on,
            review_on=review_on,
            end_on=end_on,
            created_by=actor,
        )
        record_event(
            actor=actor,
            action="channel_intervention_added",
            summary=f"Added {intervention.get_type_display()} by {provider.name} to case {case}",
            obj=intervention,
        )
    return intervention


def intervention_add_progress(*, actor: User, intervention: Intervention, note: str) -> ProgressNote:
    require(actor, Action.MANAGE_CHANNEL_CASE, intervention.case, hide=True)
    if not note.strip():
        raise ValidationError({"note": "Enter the progress note"})
    with transaction.atomic():
        row = ProgressNote.objects.create(intervention=intervention, note=note, recorded_by=actor)
        record_event(
            actor=actor,
            action="channel_progress_recorded",
            summary=f"Recorded progress on intervention {intervention.pk} of case {intervention.case}",
            obj=row,
        )
    return row


def intervention_change(
    *,
    actor: User,
    intervention: Intervention,
    version: int | None,
    description: str,
    review_on: date | None,
    outcome: str,
) -> Intervention:
    """Change an intervention of the support plan. Saved over the version
    the form was loaded with only (prevent/core/versioning.py): a stale
    copy raises EditConflict with what changed, and nothing is written."""
    from prevent.core.versioning import save_versioned

    require(actor, Action.MANAGE_CHANNEL_CASE, intervention.case, hide=True)
    values = {"description": description, "review_on": review_on, "outcome": outcome}
    with transaction.atomic():
        before = save_versioned(
            intervention,
            loaded_version=version,
            values=values,
            labels={"description": "Description", "review_on": "Review date", "outcome": "Outcome"},
        )
        record_event(
            actor=actor,
            action="channel_intervention_changed",
            summary=f"Changed intervention {intervention.pk} of case {intervention.case}",
            obj=intervention,
            changes=changes_between(before, values),
        )
    return intervention


def intervention_end(*, actor: User, intervention: Intervention, end_on: date, outcome: str) -> Intervention:
    require(actor, Action.MANAGE_CHANNEL_CASE, intervention.case, hide=True)
    errors: dict[str, str] = {}
    if end_on < intervention.start_on:
        errors["end_on"] = "The end date must be the same as or after the start date"
    _required(errors, outcome, "outcome", "Enter the outcome of the intervention")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = {"end_on": intervention.end_on, "outcome": intervention.outcome}
        intervention.end_on = end_on
        intervention.outcome = outcome
        intervention.version += 1  # a form loaded before this is stale (core/versioning.py)
        intervention.save(update_fields=["end_on", "outcome", "version"])
        record_event(
            actor=actor,
            action="channel_intervention_ended",
            summary=f"Recorded the end of intervention {intervention.pk} of case {intervention.case}",
            obj=intervention,
            changes=changes_between(before, {"end_on": end_on, "outcome": outcome}),
        )
    return intervention


def provider_add(*, actor: User, name: str, is_home_office_intervention_provider: bool) -> ApprovedProvider:
    require(actor, Action.MANAGE_APPROVED_PROVIDERS)
    if not name.strip():
        raise ValidationError({"name": "Enter the provider's name"})
    if ApprovedProvider.objects.filter(name__iexact=name.strip()).exists():
        raise ValidationError({"name": "A provider with that name is already on the list"})
    with transaction.atomic():
        provider = ApprovedProvider.objects.create(
            name=name.strip(), is_home_office_intervention_provider=is_home_office_intervention_provider
        )
        record_event(
            actor=actor, action="channel_provider_added", summary=f"Added provider {provider}", obj=provider
        )
    return provider


def provider_archive(*, actor: User, provider: ApprovedProvider) -> ApprovedProvider:
    require(actor, Action.ARCHIVE_APPROVED_PROVIDER, provider)
    with transaction.atomic():
        provider.archived_at = clock.now()
        provider.save(update_fields=["archived_at"])
        record_event(
            actor=actor,
            action="channel_provider_archived",
            summary=f"Archived provider {provider}",
            obj=provider,
        )
    return provider
