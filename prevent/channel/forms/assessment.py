"""The Vulnerability Assessment Framework form (no score)."""

from __future__ import annotations

from typing import Any

from django import forms

from prevent.core.forms import GovUKForm

from ..models import (
    FactorRating,
    FrameworkDimension,
)
from ._fields import (
    _text,
)


class VAFForm(GovUKForm):
    """One radio group and an evidence box per factor; a summary per
    dimension; the overall judgement. There is no score."""

    def __init__(self, *args: Any, dimensions: list[FrameworkDimension], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dimensions = dimensions
        self.groups: list[tuple[FrameworkDimension, list[tuple[str, str]], str]] = []
        for d in dimensions:
            names = []
            for f in d.factors.all():
                self.fields[f"factor_{f.pk}"] = forms.ChoiceField(
                    label=f"{f.number}. {f.text}",
                    choices=FactorRating.choices,
                    widget=forms.RadioSelect(attrs={"inline": True}),
                    error_messages={"required": f"Select whether '{f.text}' is present"},
                )
                self.fields[f"evidence_{f.pk}"] = _text(f"Evidence for factor {f.number} (optional)", rows=2)
                names.append((f"factor_{f.pk}", f"evidence_{f.pk}"))
            self.fields[f"summary_{d.pk}"] = _text(
                f"Summary: {d.name}", f"Enter a summary for {d.name.lower()}", rows=4
            )
            self.groups.append((d, names, f"summary_{d.pk}"))
        self.fields["overall_judgement"] = _text(
            "Overall professional judgement", "Enter the overall professional judgement", rows=6
        )

    def bound_groups(self) -> list[tuple[FrameworkDimension, list[tuple[Any, Any]], Any]]:
        return [(d, [(self[a], self[b]) for a, b in names], self[s]) for d, names, s in self.groups]

    def result(self) -> tuple[dict[int, tuple[str, str]], dict[int, str]]:
        ratings: dict[int, tuple[str, str]] = {}
        summaries: dict[int, str] = {}
        for d in self.dimensions:
            for f in d.factors.all():
                ratings[f.pk] = (
                    self.cleaned_data[f"factor_{f.pk}"],
                    self.cleaned_data.get(f"evidence_{f.pk}", ""),
                )
            summaries[d.pk] = self.cleaned_data[f"summary_{d.pk}"]
        return ratings, summaries
