"""Audited reads: evidence file downloads and exports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from prevent.accounts.models import User
from prevent.audit.services import record_event
from prevent.policy import Action, require

from .. import exports
from ..models import Assessment, EvidenceFile

if TYPE_CHECKING:
    from ..selectors import OverviewRow


def evidence_file_download(*, actor: User, evidence: EvidenceFile) -> EvidenceFile:
    require(actor, Action.VIEW_SELF_ASSESSMENT, evidence.answer.assessment, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="self_assessment_file_downloaded",
            summary=f"Downloaded the evidence file {evidence.original_name}",
            obj=evidence,
        )
    return evidence


def assessment_export(*, actor: User, assessment: Assessment, export_format: str) -> bytes:
    """The assessment as "pdf" or "csv", audited."""
    require(actor, Action.VIEW_SELF_ASSESSMENT, assessment, hide=True)
    if export_format == "pdf":
        content = exports.assessment_pdf(assessment)
    elif export_format == "csv":
        content = exports.assessment_csv(assessment)
    else:
        raise ValueError(export_format)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="self_assessment_exported_pdf"
            if export_format == "pdf"
            else "self_assessment_exported_csv",
            summary=(
                f"Exported the self-assessment for {assessment.organisation.name} as {export_format.upper()}"
            ),
            obj=assessment,
        )
    return content


def overview_export(*, actor: User, rows: list[OverviewRow], filters: dict[str, str]) -> bytes:
    require(actor, Action.VIEW_SELF_ASSESSMENT_OVERVIEW)
    content = exports.overview_csv(rows)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="self_assessment_overview_exported",
            summary=f"Exported the self-assessment overview as CSV ({len(rows)} organisations)",
            object_type="self_assessment.overview",
            changes={k: {"before": None, "after": v} for k, v in filters.items() if v},
        )
    return content
