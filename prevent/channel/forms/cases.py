"""Channel case questions: a link to another safeguarding process."""

from __future__ import annotations

from prevent.core.forms import GovUKForm

from ..models import (
    SafeguardingProcess,
)
from ._fields import (
    _line,
    _radios,
)


class SafeguardingLinkForm(GovUKForm):
    process = _radios(
        "Safeguarding process",
        SafeguardingProcess.choices,
        "Select the safeguarding process",
        legend_size="m",
    )
    reference = _line(
        "Reference", "Enter the reference of the process", width="govuk-input--width-20", max_length=100
    )
