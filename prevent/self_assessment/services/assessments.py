"""Starting an assessment, its details, each objective's answers, files
and rating, and submitting it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from prevent.accounts.models import User
from prevent.audit.services import changes_between, record_event
from prevent.core import clock
from prevent.core.models import Organisation
from prevent.core.uploads import CheckedUpload
from prevent.policy import Action, require

from ..models import (
    ActionStatus,
    Answer,
    Assessment,
    AssessmentAction,
    AssessmentStatus,
    EvidenceFile,
    Objective,
    ObjectiveRating,
    Rating,
    Statement,
    TemplateVersion,
)
from ..rating import StatementAnswer, suggest_rating
from ..selectors import assessment_sections, current_template
from ._common import clean_names, require_edit, validate_dates


def _refresh_ratings(assessment: Assessment) -> None:
    """Recompute each objective's suggested rating from its answers."""
    answers = {a.statement_id: a for a in Answer.objects.filter(assessment=assessment)}
    ratings = {r.objective_id: r for r in ObjectiveRating.objects.filter(assessment=assessment)}
    objectives = Objective.objects.filter(version_id=assessment.template_version_id).prefetch_related(
        "statements"
    )
    for objective in objectives:
        inputs = []
        for statement in objective.statements.all():
            answer = answers.get(statement.pk)
            inputs.append(StatementAnswer(answer.met if answer else None, answer.note if answer else ""))
        suggested = suggest_rating(inputs)
        rating = ratings.get(objective.pk)
        if rating is None:
            ObjectiveRating.objects.create(assessment=assessment, objective=objective, suggested=suggested)
        elif rating.suggested != suggested:
            rating.suggested = suggested
            if rating.override == suggested:
                rating.override, rating.override_reason = "", ""
            rating.save(update_fields=["suggested", "override", "override_reason"])


def assessment_start(
    *,
    actor: User,
    organisation: Organisation,
    assessor_names: str,
    assessed_on: date,
    review_due_on: date,
    copy_from: Assessment | None = None,
) -> Assessment:
    """Start a draft against the current template; from a copy of an earlier
    assessment of the same organisation if given (answers, notes and files
    matched by statement, open actions carried forward)."""
    require(actor, Action.START_SELF_ASSESSMENT, organisation)
    names = clean_names(assessor_names)
    validate_dates(assessed_on, review_due_on)
    if copy_from is not None:
        require(actor, Action.VIEW_SELF_ASSESSMENT, copy_from, hide=True)
        if copy_from.organisation_id != organisation.pk:
            raise ValidationError("You can only copy an assessment of the same organisation")
    with transaction.atomic():
        template = current_template()
        assessment = Assessment.objects.create(
            organisation=organisation,
            template_version=template,
            assessor_names=names,
            assessed_on=assessed_on,
            review_due_on=review_due_on,
            copied_from=copy_from,
            started_by=actor,
        )
        if copy_from is not None:
            _copy_into(assessment, copy_from, template)
        _refresh_ratings(assessment)
        record_event(
            actor=actor,
            action="self_assessment_started",
            summary=(
                f"Started a self-assessment for {organisation.name}"
                + (f" from a copy of assessment {copy_from.pk}" if copy_from else "")
            ),
            obj=assessment,
        )
    return assessment


def _copy_into(assessment: Assessment, source: Assessment, template: TemplateVersion) -> None:
    by_key: dict[str, Statement] = {}
    objective_by_number: dict[int, Objective] = {}
    for objective in template.objectives.all():
        objective_by_number[objective.number] = objective
        for statement in objective.statements.all():
            by_key[statement.key] = statement
    for section in assessment_sections(source):
        for row in section.rows:
            target = by_key.get(row.statement.key)
            if target is None or row.answer is None:
                continue
            answer = Answer.objects.create(
                assessment=assessment, statement=target, met=row.answer.met, note=row.answer.note
            )
            for f in row.files:
                EvidenceFile.objects.create(
                    answer=answer,
                    file=f.file.name,
                    original_name=f.original_name,
                    content_type=f.content_type,
                    size=f.size,
                    uploaded_by=f.uploaded_by,
                )
        target_objective = objective_by_number.get(section.objective.number)
        if target_objective is None:
            continue
        for action in section.actions:
            if action.status == ActionStatus.DONE:
                continue
            AssessmentAction.objects.create(
                assessment=assessment,
                objective=target_objective,
                description=action.description,
                owner=action.owner,
                due_on=action.due_on,
                status=action.status,
            )


def assessment_update_details(
    *, actor: User, assessment: Assessment, assessor_names: str, assessed_on: date, review_due_on: date
) -> Assessment:
    require_edit(actor, assessment)
    names = clean_names(assessor_names)
    validate_dates(assessed_on, review_due_on)
    with transaction.atomic():
        before = {
            "assessor_names": assessment.assessor_names,
            "assessed_on": assessment.assessed_on.isoformat(),
            "review_due_on": assessment.review_due_on.isoformat(),
        }
        assessment.assessor_names = names
        assessment.assessed_on = assessed_on
        assessment.review_due_on = review_due_on
        assessment.save(update_fields=["assessor_names", "assessed_on", "review_due_on", "updated_at"])
        after = {
            "assessor_names": names,
            "assessed_on": assessed_on.isoformat(),
            "review_due_on": review_due_on.isoformat(),
        }
        record_event(
            actor=actor,
            action="self_assessment_details_changed",
            summary="Changed the details of a self-assessment",
            obj=assessment,
            changes=changes_between(before, after),
        )
    return assessment


@dataclass
class Upload:
    file: UploadedFile
    checked: CheckedUpload  # by forms.check_evidence_file (prevent.core.uploads)


def assessment_save_objective(
    *,
    actor: User,
    assessment: Assessment,
    objective: Objective,
    answers: dict[int, tuple[bool | None, str]],
    uploads: dict[int, Upload] | None = None,
    remove_file_ids: set[int] | None = None,
    override: str = "",
    override_reason: str = "",
) -> ObjectiveRating:
    """Save one objective's page of a draft: each statement's met / note,
    new files, files taken away, and the rating override with its reason."""
    require_edit(actor, assessment)
    if objective.version_id != assessment.template_version_id:
        raise ValidationError("This objective is not part of the assessment's template")
    uploads = uploads or {}
    remove_file_ids = remove_file_ids or set()
    statements = {s.pk: s for s in objective.statements.all()}
    if override and override not in Rating.values:
        raise ValidationError({"override": "Select a rating"})
    with transaction.atomic():
        existing = {
            a.statement_id: a
            for a in Answer.objects.filter(assessment=assessment, statement_id__in=statements)
        }
        changed: dict[str, dict[str, object]] = {}
        for statement_id, statement in statements.items():
            met, note = answers.get(statement_id, (None, ""))
            answer = existing.get(statement_id)
            if answer is None:
                answer = Answer.objects.create(assessment=assessment, statement=statement, met=met, note=note)
                if met is not None or note:
                    changed[statement.key] = {"before": None, "after": {"met": met, "note_length": len(note)}}
            elif (answer.met, answer.note) != (met, note):
                changed[statement.key] = {
                    "before": {"met": answer.met, "note_length": len(answer.note)},
                    "after": {"met": met, "note_length": len(note)},
                }
                answer.met, answer.note = met, note
                answer.save(update_fields=["met", "note"])
            existing[statement_id] = answer
        removed = list(
            EvidenceFile.objects.filter(
                pk__in=remove_file_ids, answer__assessment=assessment, answer__statement_id__in=statements
            )
        )
        for f in removed:
            f.delete()  # the stored file stays: a copied assessment may share it
        added = []
        for statement_id, upload in uploads.items():
            if statement_id not in statements:
                continue
            evidence = EvidenceFile(
                answer=existing[statement_id],
                original_name=upload.checked.name,
                content_type=upload.checked.content_type,
                size=upload.checked.size,
                uploaded_by=actor,
            )
            evidence.file.save("upload", upload.file, save=False)
            evidence.save()
            added.append(evidence.original_name)
        _refresh_ratings(assessment)
        rating = ObjectiveRating.objects.get(assessment=assessment, objective=objective)
        reason = override_reason.strip()
        if override == rating.suggested:
            override, reason = "", ""
        if override and not reason:
            raise ValidationError({"override_reason": "Enter why you changed the suggested rating"})
        rating_before = {"override": rating.override, "override_reason": rating.override_reason}
        rating.override, rating.override_reason = override, reason if override else ""
        rating.save(update_fields=["override", "override_reason"])
        rating_changes = changes_between(
            rating_before, {"override": rating.override, "override_reason": rating.override_reason}
        )
        assessment.save(update_fields=["updated_at"])
        record_event(
            actor=actor,
            action="self_assessment_objective_saved",
            summary=f"Saved objective {objective.number} of a self-assessment",
            obj=assessment,
            changes={
                **{f"statement {k}": v for k, v in changed.items()},
                **rating_changes,
                **({"files_added": {"before": None, "after": added}} if added else {}),
                **(
                    {"files_removed": {"before": [f.original_name for f in removed], "after": None}}
                    if removed
                    else {}
                ),
            },
        )
    return rating


def submission_problems(assessment: Assessment) -> list[str]:
    problems = []
    for section in assessment_sections(assessment):
        missing = len(section.rows) - section.answered
        if missing:
            problems.append(
                f"Answer every statement of objective {section.objective.number}: {missing} not answered"
            )
        rating = section.rating
        if rating and rating.override and not rating.override_reason:
            problems.append(f"Enter why you changed the rating of objective {section.objective.number}")
    return problems


def assessment_submit(*, actor: User, assessment: Assessment) -> Assessment:
    """Submit and lock: nothing can be changed afterwards."""
    require_edit(actor, assessment)
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.is_locked:
            raise ValidationError("This assessment has already been submitted")
        _refresh_ratings(locked)
        problems = submission_problems(locked)
        if problems:
            raise ValidationError(problems)
        locked.status = AssessmentStatus.SUBMITTED
        locked.submitted_at = clock.now()
        locked.submitted_by = actor
        locked.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
        ratings = {
            f"objective {r.objective.number}": {"before": None, "after": r.rating}
            for r in ObjectiveRating.objects.filter(assessment=locked).select_related("objective")
        }
        record_event(
            actor=actor,
            action="self_assessment_submitted",
            summary=f"Submitted the self-assessment for {locked.organisation.name}",
            obj=locked,
            changes={
                "status": {"before": AssessmentStatus.DRAFT, "after": AssessmentStatus.SUBMITTED},
                **ratings,
            },
        )
    assessment.refresh_from_db()
    return assessment
