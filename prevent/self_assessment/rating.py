"""The rating suggested for an objective from its statements (Appendix 1):
none met gives Red, some gives Amber, all gives Green; Green also needs at
least one evidence note showing the "and more"."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .models import Rating


@dataclass(frozen=True)
class StatementAnswer:
    met: bool | None
    note: str = ""


def suggest_rating(answers: Iterable[StatementAnswer]) -> Rating:
    answers = list(answers)
    met = [a for a in answers if a.met]
    if not met:
        return Rating.RED
    if len(met) < len(answers):
        return Rating.AMBER
    if any(a.note.strip() for a in met):
        return Rating.GREEN
    return Rating.AMBER


def suggestion_reason(answers: Iterable[StatementAnswer]) -> str:
    answers = list(answers)
    met = sum(1 for a in answers if a.met)
    total = len(answers)
    rating = suggest_rating(answers)
    if rating == Rating.RED:
        return f"None of the {total} statements is met."
    if rating == Rating.GREEN:
        return f"All {total} statements are met and the evidence notes show more."
    if met == total:
        return (
            f"All {total} statements are met, but Green also needs an evidence note showing the 'and more'."
        )
    return f"{met} of {total} statements are met."
