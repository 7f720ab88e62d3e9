"""The statistics' choice of period and district, sent with GET so it works
without JavaScript and a page can be bookmarked or downloaded as it is."""

from __future__ import annotations

from django import forms

from prevent.core import clock
from prevent.core.forms import GovUKForm

from .periods import Period, financial_year_of, period_of
from .statistics import DISTRICTS

YEARS_BACK = 6


def _years() -> list[tuple[str, str]]:
    now = financial_year_of(clock.today())
    return [(str(y), f"{y} to {y + 1}") for y in range(now, now - YEARS_BACK, -1)]


class PeriodForm(GovUKForm):
    year = forms.TypedChoiceField(label="Financial year", coerce=int, choices=_years, required=False)
    quarter = forms.TypedChoiceField(
        label="Quarter",
        coerce=int,
        empty_value=None,
        required=False,
        choices=[
            ("", "The whole year"),
            ("1", "April to June"),
            ("2", "July to September"),
            ("3", "October to December"),
            ("4", "January to March"),
        ],
    )
    district = forms.ChoiceField(
        label="District", required=False, choices=[("", "All districts"), *DISTRICTS]
    )

    def __init__(self, *args: object, quarters: bool = True, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["year"].error_messages["invalid_choice"] = "Select a financial year from the list"
        self.fields["quarter"].error_messages["invalid_choice"] = "Select a quarter from the list"
        self.fields["district"].error_messages["invalid_choice"] = "Select a district from the list"
        if not quarters:
            del self.fields["quarter"]

    def chosen_period(self) -> Period:
        """The period asked for; the current financial year when none (or
        the form has errors)."""
        default = Period(financial_year_of(clock.today()))
        if not self.is_bound or not self.is_valid():
            return default
        year = self.cleaned_data.get("year") or default.year
        return Period(year, self.cleaned_data.get("quarter"))

    def chosen_district(self) -> str | None:
        if not self.is_bound or not self.is_valid():
            return None
        return self.cleaned_data.get("district") or None


def last_complete_quarter() -> Period:
    return period_of(clock.today()).previous()
