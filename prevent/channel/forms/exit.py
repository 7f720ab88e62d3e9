"""Exit questions: the chair's closing report and the post-exit review."""

from __future__ import annotations

from prevent.core.forms import GovUKForm

from ..models import (
    ReviewOutcome,
)
from ._fields import (
    _radios,
    _text,
)


class ClosingReportForm(GovUKForm):
    evidence = _text(
        "Evidence for the panel's recommendation",
        "Enter the evidence for the panel's recommendation",
        rows=10,
        help_text="Set out how the risk has been reduced or managed.",
    )


class ReviewForm(GovUKForm):
    outcome = _radios(
        "Outcome of the review", ReviewOutcome.choices, "Select the outcome of the review", legend_size="m"
    )
    notes = _text("Notes", "Enter the notes of the review", rows=5)
