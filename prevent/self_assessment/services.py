"""Every write of the self-assessment: one transaction each, the policy
asked first, the audit event written in the same transaction."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from prevent.accounts.models import User
from prevent.accounts.roles import Role
from prevent.audit.services import changes_between, record_event
from prevent.core.models import Organisation
from prevent.policy import Action, require

from . import dates
from .files import safe_name
from .models import (
    ActionStatus,
    Answer,
    Assessment,
    AssessmentAction,
    AssessmentStatus,
    EvidenceFile,
    Objective,
    ObjectiveRating,
    Rating,
    ReminderKind,
    ReminderSent,
    Statement,
    TemplateVersion,
)
from .rating import StatementAnswer, suggest_rating
from .selectors import assessment_sections, current_template

if TYPE_CHECKING:
    from .selectors import OverviewRow

REVIEW_REMINDER_DAYS = 30


def _validate_dates(assessed_on: date, review_due_on: date) -> None:
    errors: dict[str, str] = {}
    if message := dates.out_of_range("Date of assessment", assessed_on, dates.earliest(), dates.today()):
        errors["assessed_on"] = message
    if message := dates.out_of_range("Date to be reviewed", review_due_on, dates.earliest(), dates.latest()):
        errors["review_due_on"] = message
    elif review_due_on <= assessed_on:
        errors["review_due_on"] = "Date to be reviewed must be after the date of assessment"
    if errors:
        raise ValidationError(errors)


def _clean_names(assessor_names: str) -> str:
    names = assessor_names.strip()
    if not names:
        raise ValidationError({"assessor_names": "Enter the name of the assessor or assessors"})
    return names


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


# Template ------------------------------------------------------------------------


def template_publish(
    *,
    actor: User,
    notes: str,
    rewordings: dict[int, str],
    retired: set[int],
    additions: dict[int, list[str]],
) -> TemplateVersion:
    """Publish the next version of the template from the current one:
    statements reworded (by statement id), retired (by id) or added (by
    objective id). Assessments made against earlier versions keep them."""
    require(actor, Action.PUBLISH_SELF_ASSESSMENT_TEMPLATE)
    with transaction.atomic():
        current = current_template()
        changes: dict[str, list[str]] = {"reworded": [], "retired": [], "added": []}
        new = TemplateVersion.objects.create(
            number=current.number + 1, published_at=timezone.now(), published_by=actor, notes=notes.strip()
        )
        for objective in current.objectives.all():
            copy = Objective.objects.create(version=new, number=objective.number, title=objective.title)
            position = 0
            for statement in objective.statements.all():
                if statement.pk in retired:
                    changes["retired"].append(statement.key)
                    continue
                text = (rewordings.get(statement.pk) or statement.text).strip()
                if text != statement.text:
                    changes["reworded"].append(statement.key)
                position += 1
                Statement.objects.create(
                    objective=copy,
                    key=statement.key,
                    position=position,
                    text=text,
                    evidence_source=statement.evidence_source,
                )
            for text in additions.get(objective.pk, []):
                if not text.strip():
                    continue
                position += 1
                added = Statement.objects.create(
                    objective=copy, key=uuid.uuid4().hex, position=position, text=text.strip()
                )
                changes["added"].append(added.key)
            if position == 0:
                raise ValidationError(f"Objective {objective.number} must keep at least one statement")
        if not any(changes.values()):
            raise ValidationError("Make at least one change to publish a new version")
        record_event(
            actor=actor,
            action="self_assessment_template_published",
            summary=f"Published version {new.number} of the self-assessment template",
            obj=new,
            changes={k: {"before": None, "after": v} for k, v in changes.items() if v},
        )
    return new


# Assessments -----------------------------------------------------------------------


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
    names = _clean_names(assessor_names)
    _validate_dates(assessed_on, review_due_on)
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


def _require_edit(actor: User, assessment: Assessment) -> None:
    require(actor, Action.VIEW_SELF_ASSESSMENT, assessment, hide=True)
    require(actor, Action.EDIT_SELF_ASSESSMENT, assessment)


def assessment_update_details(
    *, actor: User, assessment: Assessment, assessor_names: str, assessed_on: date, review_due_on: date
) -> Assessment:
    _require_edit(actor, assessment)
    names = _clean_names(assessor_names)
    _validate_dates(assessed_on, review_due_on)
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
    content_type: str  # checked by files.validate_evidence_file


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
    _require_edit(actor, assessment)
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
                original_name=safe_name(upload.file.name or "file"),
                content_type=upload.content_type,
                size=upload.file.size or 0,
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


def action_save(
    *,
    actor: User,
    assessment: Assessment,
    objective: Objective,
    description: str,
    owner: str,
    due_on: date,
    status: str,
    action: AssessmentAction | None = None,
) -> AssessmentAction:
    _require_edit(actor, assessment)
    if objective.version_id != assessment.template_version_id:
        raise ValidationError("This objective is not part of the assessment's template")
    if action is not None and action.assessment_id != assessment.pk:
        raise ValidationError("This action is not part of the assessment")
    errors = {}
    if not description.strip():
        errors["description"] = "Enter a description of the action"
    if not owner.strip():
        errors["owner"] = "Enter who will do the action"
    if status not in ActionStatus.values:
        errors["status"] = "Select the status of the action"
    if message := dates.out_of_range("Due date", due_on, dates.earliest(), dates.latest()):
        errors["due_on"] = message
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        values = {
            "description": description.strip(),
            "owner": owner.strip(),
            "due_on": due_on.isoformat(),
            "status": status,
        }
        if action is None:
            action = AssessmentAction(assessment=assessment, objective=objective)
            before: dict[str, object] = {}
            verb = "added"
        else:
            before = {
                "description": action.description,
                "owner": action.owner,
                "due_on": action.due_on.isoformat(),
                "status": action.status,
            }
            verb = "changed"
        action.description = values["description"]
        action.owner = values["owner"]
        action.due_on = due_on
        action.status = status
        action.save()
        assessment.save(update_fields=["updated_at"])
        record_event(
            actor=actor,
            action=f"self_assessment_action_{verb}",
            summary=f"{verb.capitalize()} an action on objective {objective.number} of a self-assessment",
            obj=assessment,
            changes=changes_between(before, values),
        )
    return action


def action_remove(*, actor: User, action: AssessmentAction) -> None:
    assessment = action.assessment
    _require_edit(actor, assessment)
    with transaction.atomic():
        before = {
            "description": action.description,
            "owner": action.owner,
            "due_on": action.due_on.isoformat(),
        }
        action.delete()
        record_event(
            actor=actor,
            action="self_assessment_action_removed",
            summary="Removed an action from a self-assessment",
            obj=assessment,
            changes=changes_between(before, {}),
        )


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
    _require_edit(actor, assessment)
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.is_locked:
            raise ValidationError("This assessment has already been submitted")
        _refresh_ratings(locked)
        problems = submission_problems(locked)
        if problems:
            raise ValidationError(problems)
        locked.status = AssessmentStatus.SUBMITTED
        locked.submitted_at = timezone.now()
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


# Audited reads: file downloads and exports ------------------------------------------


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
    from . import exports

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
            action=f"self_assessment_exported_{export_format}",
            summary=(
                f"Exported the self-assessment for {assessment.organisation.name} as {export_format.upper()}"
            ),
            obj=assessment,
        )
    return content


def overview_export(*, actor: User, rows: list[OverviewRow], filters: dict[str, str]) -> bytes:
    from . import exports

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


# Reminders ---------------------------------------------------------------------------


def _spoc_emails(organisation_id: int) -> list[str]:
    return sorted(
        User.objects.filter(organisation_id=organisation_id, is_active=True, role_assignments__role=Role.SPOC)
        .distinct()
        .values_list("email", flat=True)
    )


def _send_reminder(
    *,
    kind: str,
    keys: list[str],
    assessment: Assessment,
    subject: str,
    template: str,
    context: dict,
    today: date,
) -> bool:
    recipients = _spoc_emails(assessment.organisation_id)
    if not recipients:
        return False
    with transaction.atomic():
        for key in keys:
            ReminderSent.objects.create(
                kind=kind, dedupe_key=key, assessment=assessment, recipients=len(recipients), sent_on=today
            )
        record_event(
            actor=None,
            actor_label="system: send_self_assessment_reminders",
            action="self_assessment_reminder_sent",
            summary=f"Sent a {ReminderKind(kind).label.lower()} reminder to {len(recipients)} SPOC(s)",
            obj=assessment,
        )
        body = render_to_string(template, {**context, "service_name": settings.PREVENT_SERVICE_NAME})
        # Sent last in the transaction: a failure rolls the record back, so
        # the next run tries again.
        for email in recipients:
            send_mail(subject, body, None, [email])
    return True


def reminders_send(*, today: date, base_url: str) -> dict[str, int]:
    """Email SPOCs about review dates within 30 days and newly overdue
    actions of each organisation's latest submitted assessment. What was
    sent is recorded so running again (the same day or later) does not
    repeat it. The emails carry links only, never case details."""
    sent = {"review_due": 0, "action_overdue": 0}
    base = base_url.rstrip("/")
    latest: dict[int, Assessment] = {}
    for assessment in Assessment.objects.filter(status=AssessmentStatus.SUBMITTED).order_by(
        "organisation_id", "-assessed_on", "-pk"
    ):
        latest.setdefault(assessment.organisation_id, assessment)
    already = set(ReminderSent.objects.values_list("dedupe_key", flat=True))
    for assessment in latest.values():
        link = base + reverse("self_assessment:detail", args=[assessment.pk])
        days = (assessment.review_due_on - today).days
        key = f"review:{assessment.pk}:{assessment.review_due_on.isoformat()}"
        if (
            days <= REVIEW_REMINDER_DAYS
            and key not in already
            and _send_reminder(
                kind=ReminderKind.REVIEW_DUE,
                keys=[key],
                assessment=assessment,
                subject="Your Prevent self-assessment is due for review",
                template="self_assessment/email/review_due.txt",
                context={"link": link, "review_due_on": assessment.review_due_on, "overdue": days < 0},
                today=today,
            )
        ):
            sent["review_due"] += 1
        overdue = AssessmentAction.objects.filter(assessment=assessment, due_on__lt=today).exclude(
            status=ActionStatus.DONE
        )
        keys = [f"action:{a.pk}:{a.due_on.isoformat()}" for a in overdue]
        new_keys = [k for k in keys if k not in already]
        if new_keys and _send_reminder(
            kind=ReminderKind.ACTION_OVERDUE,
            keys=new_keys,
            assessment=assessment,
            subject="Actions from your Prevent self-assessment are overdue",
            template="self_assessment/email/actions_overdue.txt",
            context={"link": link, "count": len(new_keys)},
            today=today,
        ):
            sent["action_overdue"] += 1
    return sent
