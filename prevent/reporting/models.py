"""The statistics summary table (decision 0014, "Snapshots"): the protected
cubes of one financial year, as shown, kept so that the pages, the exports
and the API read one row instead of counting every record."""

from __future__ import annotations

from django.db import models


class StatisticsSnapshot(models.Model):
    """Every table's protected cube for one financial year and threshold.

    `tables` maps a table's slug to its categories ([key, label] pairs) and
    its cells (categories x districts x quarters, with the totals): a shown
    count, or "p" (fewer than the threshold) or "s" (withheld). A hidden
    count is never stored, so the table holds nothing the pages may not show."""

    year = models.PositiveSmallIntegerField(help_text="The financial year's first calendar year.")
    threshold = models.PositiveSmallIntegerField()
    computed_at = models.DateTimeField()
    tables = models.JSONField(default=dict)
    # period slug -> district ("" for all) -> [slug, records, median, p90, fewer]
    # per measure; records is 0 when there are fewer than the threshold.
    timeliness = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["year", "threshold"], name="reporting_snapshot_year_threshold")
        ]

    def __str__(self) -> str:
        return f"Statistics for {self.year} (threshold {self.threshold})"
