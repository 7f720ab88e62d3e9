"""Exports: the assessment laid out like Appendix 1 as a PDF (WeasyPrint)
and as CSV; the partnership overview as CSV. Callers audit them (services)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from .models import RATING_DESCRIPTIONS, Assessment, Rating
from .selectors import OverviewRow, assessment_sections, overview_objective_numbers

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """A spreadsheet-safe cell: text that starts like a formula is quoted."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv(rows: Iterable[Iterable[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _met(value: bool | None) -> str:
    return {True: "Yes", False: "No", None: "Not answered"}[value]


def assessment_pdf(assessment: Assessment) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string(
        "self_assessment/pdf.html",
        {
            "assessment": assessment,
            "sections": assessment_sections(assessment),
            "scale": [RATING_DESCRIPTIONS[r] for r in Rating],
            "service_name": settings.PREVENT_SERVICE_NAME,
            "generated_at": timezone.localtime(),
        },
    )
    stylesheet = CSS(string=(Path(__file__).parent / "pdf.css").read_text())
    return bytes(HTML(string=html).write_pdf(stylesheets=[stylesheet]))


def assessment_csv(assessment: Assessment) -> bytes:
    rows: list[list[Any]] = [
        ["Organisation", assessment.organisation.name],
        ["Name of assessor(s)", assessment.assessor_names],
        ["Date of assessment", assessment.assessed_on.isoformat()],
        ["To be reviewed on", assessment.review_due_on.isoformat()],
        ["Status", assessment.get_status_display()],
        ["Template version", assessment.template_version.number],
        [],
        [
            "Objective",
            "Row",
            "Statement",
            "Met",
            "Evidence note",
            "Files",
            "Rating",
            "Override reason",
            "Action",
            "By whom",
            "Due date",
            "Action status",
        ],
    ]
    for section in assessment_sections(assessment):
        number = section.objective.number
        for row in section.rows:
            rows.append(
                [
                    number,
                    "Evidence",
                    row.statement.text,
                    _met(row.met),
                    row.note,
                    "; ".join(f.original_name for f in row.files),
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
        rating = section.rating
        if rating:
            rows.append(
                [
                    number,
                    "Self-assessed rating",
                    section.objective.title,
                    "",
                    "",
                    "",
                    rating.rating_label,
                    rating.override_reason,
                    "",
                    "",
                    "",
                    "",
                ]
            )
        for action in section.actions:
            rows.append(
                [
                    number,
                    "Action",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    action.description,
                    action.owner,
                    action.due_on.isoformat(),
                    action.get_status_display(),
                ]
            )
    return _csv(rows)


def overview_csv(rows: list[OverviewRow]) -> bytes:
    objectives = overview_objective_numbers()
    header = [
        "Organisation",
        "Sector",
        "Partnership area",
        "Date of assessment",
        "To be reviewed on",
        *(f"Objective {n}" for n, _ in objectives),
        "Overdue actions",
        "Needs attention",
        "Draft in progress",
    ]
    out: list[list[Any]] = [header]
    for row in rows:
        latest = row.latest
        out.append(
            [
                row.organisation.name,
                row.organisation.get_sector_display(),
                row.organisation.get_district_display(),
                latest.assessed_on.isoformat() if latest else "",
                latest.review_due_on.isoformat() if latest else "",
                *(
                    (r.rating_label if r else "No rating")
                    for r in row.rating_cells([n for n, _ in objectives])
                ),
                row.overdue_actions,
                "; ".join(row.flags),
                "Yes" if row.has_draft else "No",
            ]
        )
    return _csv(out)
