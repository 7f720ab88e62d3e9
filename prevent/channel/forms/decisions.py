"""Panel decision questions."""

from __future__ import annotations

from prevent.core.forms import GovUKForm

from ..models import (
    DecisionOutcome,
)
from ._fields import (
    _line,
    _radios,
    _text,
)


class DecisionForm(GovUKForm):
    outcome = _radios("Decision", DecisionOutcome.choices, "Select the panel's decision", legend_size="m")
    other_mechanism = _line("Support mechanism referred to (if not adopted)")
    rationale = _text("Rationale", "Enter the rationale for the decision")


class SupersedeForm(DecisionForm):
    reason = _text(
        "Why is the decision being replaced?", "Enter the reason the decision is being replaced", rows=3
    )
