"""The "notes / comments / actions arising" of an assessment."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from prevent.accounts.models import User
from prevent.audit.services import changes_between, record_event
from prevent.core.versioning import save_versioned

from .. import dates
from ..models import ActionStatus, Assessment, AssessmentAction, Objective
from ._common import require_edit


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
    version: int | None = None,
) -> AssessmentAction:
    """Add an action, or change `action`: saved over the `version` the form
    was loaded with only (prevent/core/versioning.py, EditConflict)."""
    require_edit(actor, assessment)
    if objective.version_id != assessment.template_version_id:
        raise ValidationError("This objective is not part of the assessment's template")
    if action is not None and action.assessment_id != assessment.pk:
        raise ValidationError("This action is not part of the assessment")
    errors: dict[str, str] = {}
    if not description.strip():
        errors["description"] = "Enter a description of the action"
    if not owner.strip():
        errors["owner"] = "Enter who will do the action"
    if status not in ActionStatus.values:
        errors["status"] = "Select the status of the action"
    errors.update(dates.check(due_on=due_on))
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
        if verb == "added":
            action.description = values["description"]
            action.owner = values["owner"]
            action.due_on = due_on
            action.status = status
            action.save()
        else:
            save_versioned(
                action,
                loaded_version=action.version if version is None else version,
                values={
                    "description": values["description"],
                    "owner": values["owner"],
                    "due_on": due_on,
                    "status": status,
                },
                labels={
                    "description": "Action",
                    "owner": "By whom",
                    "due_on": "Due date",
                    "status": "Status",
                },
            )
        assessment.save(update_fields=["updated_at"])
        record_event(
            actor=actor,
            action="self_assessment_action_added" if verb == "added" else "self_assessment_action_changed",
            summary=f"{verb.capitalize()} an action on objective {objective.number} of a self-assessment",
            obj=assessment,
            changes=changes_between(before, values),
        )
    return action


def action_remove(*, actor: User, action: AssessmentAction) -> None:
    assessment = action.assessment
    require_edit(actor, assessment)
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
