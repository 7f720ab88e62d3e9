"""Publishing a new version of the self-assessment template."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction

from prevent.accounts.models import User
from prevent.audit.services import record_event
from prevent.core import clock
from prevent.policy import Action, require

from ..models import Objective, Statement, TemplateVersion
from ..selectors import current_template


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
            number=current.number + 1, published_at=clock.now(), published_by=actor, notes=notes.strip()
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
