"""The sections of the concern form, in the order of the task list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    required: bool


EMERGENCY = "emergency"
EMERGENCY_CALL = "emergency-call"
PERSON = "person"
SUPPORT = "support"
CONCERN = "concern"
FACTORS = "factors"
INFLUENCES = "influences"
CONCERN_TYPE = "concern-type"
ATTACHMENTS = "attachments"

STEPS: list[Step] = [
    Step(EMERGENCY, "Is anyone in immediate danger?", True),
    Step(EMERGENCY_CALL, "The 999 call", True),
    Step(PERSON, "About the person", True),
    Step(SUPPORT, "Care and support needs and services involved", True),
    Step(CONCERN, "What was seen or heard", True),
    Step(FACTORS, "Vulnerability factors and key questions", False),
    Step(INFLUENCES, "Influences", False),
    Step(CONCERN_TYPE, "Type of concern", False),
    Step(ATTACHMENTS, "Attachments", False),
]
STEPS_BY_SLUG = {s.slug: s for s in STEPS}


def steps_for(concern: Any) -> list[Step]:
    """The steps that apply: the 999 call only when the answer to the
    emergency question was yes."""
    return [s for s in STEPS if s.slug != EMERGENCY_CALL or concern.emergency == "yes"]


def missing_required_steps(concern: Any) -> list[Step]:
    done = set(concern.completed_steps or [])
    return [s for s in steps_for(concern) if s.required and s.slug not in done]
