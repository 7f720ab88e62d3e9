"""Who may open the home page and a person's chronology."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prevent.people.rules import hidden_people
from prevent.policy import Action, rule

if TYPE_CHECKING:
    from prevent.accounts.models import User

    from .chronology import PersonChronology


@rule(Action.VIEW_HOME)
def _view_home(user: User, obj: None) -> bool:
    return True


@rule(Action.VIEW_PERSON_CHRONOLOGY)
def _view_person_chronology(user: User, obj: PersonChronology | None) -> bool:
    """A chronology holds only the records each domain lets the user see
    (their scoped reads): the person's page opens when at least one is
    there (before any filter: `total`). A person with nothing the user
    may see is not found, and so is a restricted person hidden from the
    user (prevent/people/rules.py, ADR 0017)."""
    if obj is None or obj.person.pk in hidden_people(user):
        return False
    return bool(obj.entries) or obj.total > 0
