"""The chronology's filter: kinds of record and a date range, sent with GET
so it works without JavaScript and the filtered page can be bookmarked,
printed or downloaded as a PDF with the same filter."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from prevent.core.fields import DateErrorsMixin, GovUKDateField, years_from_today
from prevent.core.forms import GovUKForm

from .chronology import KINDS, Filters

EARLIEST = dt.date(1900, 1, 1)


class ChronologyFilterForm(DateErrorsMixin, GovUKForm):
    kind = forms.MultipleChoiceField(
        label="Kinds of record",
        help_text="Select all that apply. Select none to see every kind.",
        choices=list(KINDS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    since = GovUKDateField(
        label="From",
        subject="The start date",
        help_text="For example, 27 3 2026",
        earliest=EARLIEST,
        latest=years_from_today(1),
        required=False,
    )
    until = GovUKDateField(
        label="To",
        subject="The end date",
        help_text="For example, 31 3 2026",
        earliest=EARLIEST,
        latest=years_from_today(1),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", "The end date must be the same as or after the start date")
        return cleaned

    def filters(self) -> Filters:
        """The filters asked for (none when the form has errors)."""
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(kinds=frozenset(data["kind"]), since=data["since"], until=data["until"])
