"""A concern recorded through the API: the same forms and the same concern
services as the pages, in one transaction.

The caller sends the answer to the emergency question and the answers of
each step as the step's form data. Each step is validated by its own form
(`steps.STEPS`), saved by `concern_save_step` and the draft submitted by
`concern_submit`, so the checks, the person record, the audit events
(concern_draft_created, concern_draft_saved for each step,
concern_submitted) and the SPOC's notification are those of a concern made
on the pages. Any error rolls everything back: no half-made draft stays."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import QueryDict

from prevent.accounts.models import User
from prevent.concerns import forms as F
from prevent.concerns import services
from prevent.concerns import steps as S
from prevent.concerns.models import Concern

# The steps asked before the others, or with a page of their own.
NOT_SENT = {S.EMERGENCY, S.ATTACHMENTS}


class ConcernRejected(Exception):
    def __init__(self, errors: dict[str, Any]) -> None:
        super().__init__("The concern was not recorded")
        self.errors = errors


def _form_data(values: dict[str, Any]) -> QueryDict | None:
    data = QueryDict(mutable=True)
    for key, value in values.items():
        items = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in items):
            return None
        data.setlist(str(key), [str(v) for v in items])
    return data


def concern_record(*, actor: User, emergency: str, steps: dict[str, Any]) -> Concern:
    form = F.EmergencyForm({"emergency": emergency})
    if not form.is_valid():
        raise ConcernRejected({"emergency": form.errors["emergency"]})
    errors: dict[str, Any] = {}
    with transaction.atomic():
        concern = services.concern_create_draft(actor=actor, emergency=form.cleaned_data["emergency"])
        applying = [s for s in S.steps_for(concern) if s.slug not in NOT_SENT]
        for slug in set(steps) - {s.slug for s in applying}:
            errors[str(slug)] = ["This step does not apply to this concern"]
        for step in applying:
            values = steps.get(step.slug)
            if values is None:
                if step.required:
                    errors[step.slug] = [f"Complete the section: {step.title}"]
                continue
            data = _form_data(values) if isinstance(values, dict) else None
            if data is None:
                errors[step.slug] = ["Send the step's answers as fields, each a string or a list of strings"]
                continue
            step_form = step.make_form(concern, data)
            if not step_form.is_valid() or not isinstance(step_form, F.StepForm):
                errors[step.slug] = {field: list(messages) for field, messages in step_form.errors.items()}
                continue
            concern = services.concern_save_step(
                actor=actor,
                concern=concern,
                step=step.slug,
                answers=F.step_answers(step_form),
                cleaned=step_form.result(),
            )
        if errors:
            raise ConcernRejected(errors)
        try:
            concern = services.concern_submit(actor=actor, concern=concern)
        except ValidationError as error:
            raise ConcernRejected({"steps": error.messages}) from error
    return concern
