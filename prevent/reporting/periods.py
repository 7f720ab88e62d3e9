"""Financial years (1 April to 31 March) and their quarters, the periods of
the official statistics. Only these can be chosen: arbitrary date ranges
would let two overlapping ranges be subtracted to uncover a hidden count."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

QUARTER_MONTHS = ("April to June", "July to September", "October to December", "January to March")


@dataclass(frozen=True)
class Period:
    """A financial year (quarter None) or one of its quarters (1 to 4)."""

    year: int  # the year in which the financial year starts
    quarter: int | None = None

    @property
    def financial_year(self) -> Period:
        return Period(self.year)

    @property
    def start(self) -> dt.date:
        if self.quarter is None:
            return dt.date(self.year, 4, 1)
        return quarter_start(self.year, self.quarter)

    @property
    def end(self) -> dt.date:
        """The day after the period (exclusive)."""
        if self.quarter is None or self.quarter == 4:
            return dt.date(self.year + 1, 4, 1)
        return quarter_start(self.year, self.quarter + 1)

    @property
    def label(self) -> str:
        year = f"{self.year} to {self.year + 1}"
        if self.quarter is None:
            return f"Financial year {year}"
        calendar_year = self.year + 1 if self.quarter == 4 else self.year
        return f"{QUARTER_MONTHS[self.quarter - 1]} {calendar_year}"

    @property
    def short_label(self) -> str:
        if self.quarter is None:
            return f"{self.year} to {self.year + 1}"
        return f"Q{self.quarter} {self.year}/{str(self.year + 1)[2:]}"

    @property
    def slug(self) -> str:
        return f"{self.year}" if self.quarter is None else f"{self.year}-q{self.quarter}"

    def previous(self) -> Period:
        """The period before, of the same length."""
        if self.quarter is None:
            return Period(self.year - 1)
        if self.quarter == 1:
            return Period(self.year - 1, 4)
        return Period(self.year, self.quarter - 1)

    def quarters(self) -> list[Period]:
        return [Period(self.year, q) for q in range(1, 5)]

    def contains(self, day: dt.date) -> bool:
        return self.start <= day < self.end


def quarter_start(year: int, quarter: int) -> dt.date:
    month = 4 + 3 * (quarter - 1)
    return dt.date(year + month // 13, (month - 1) % 12 + 1, 1)


def financial_year_of(day: dt.date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def period_of(day: dt.date) -> Period:
    year = financial_year_of(day)
    quarter = next(q for q in range(4, 0, -1) if day >= quarter_start(year, q))
    return Period(year, quarter)


def midnight(day: dt.date) -> dt.datetime:
    """The start of `day` in the service's time zone (for datetime fields)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
