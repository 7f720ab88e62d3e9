"""What the self-assessment services share: the edit check and the checks
on an assessment's details."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError

from prevent.accounts.models import User
from prevent.policy import Action, require

from .. import dates
from ..models import Assessment


def require_edit(actor: User, assessment: Assessment) -> None:
    """404 for an assessment the actor may not see; 403 for one they may
    see but not change (submitted; a coordinator)."""
    require(actor, Action.VIEW_SELF_ASSESSMENT, assessment, hide=True)
    require(actor, Action.EDIT_SELF_ASSESSMENT, assessment)


def validate_dates(assessed_on: date, review_due_on: date) -> None:
    errors = dates.check(assessed_on=assessed_on, review_due_on=review_due_on)
    if "review_due_on" not in errors and review_due_on <= assessed_on:
        errors["review_due_on"] = "Date to be reviewed must be after the date of assessment"
    if errors:
        raise ValidationError(errors)


def clean_names(assessor_names: str) -> str:
    names = assessor_names.strip()
    if not names:
        raise ValidationError({"assessor_names": "Enter the name of the assessor or assessors"})
    return names
