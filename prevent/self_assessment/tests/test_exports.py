"""The PDF is a real PDF laid out like Appendix 1; CSV exports; every
export audited."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from pypdf import PdfReader

from prevent.audit.models import AuditEvent
from prevent.self_assessment import services
from prevent.self_assessment.models import Rating
from prevent.self_assessment.selectors import assessment_sections, current_template

from .conftest import answer_all, today

pytestmark = pytest.mark.django_db


def body(response: Any) -> bytes:
    """A download's bytes, after checking it is the private file response."""
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    return b"".join(response.streaming_content)


@pytest.fixture
def submitted(spoc: Any, start: Any) -> Any:
    assessment = start()
    answer_all(spoc, assessment, met=True, note="")
    sections = assessment_sections(assessment)
    services.assessment_save_objective(
        actor=spoc,
        assessment=assessment,
        objective=sections[3].objective,
        answers={row.statement.pk: (True, "") for row in sections[3].rows},
        override=Rating.RED,
        override_reason="Curriculum review not yet done",
    )
    for description in ("Refresh the safeguarding policy", '=HYPERLINK("http://x")'):
        services.action_save(
            actor=spoc,
            assessment=assessment,
            objective=sections[0].objective,
            description=description,
            owner="Designated safeguarding lead",
            due_on=today() + timedelta(days=90),
            status="not_started",
        )
    services.assessment_submit(actor=spoc, assessment=assessment)
    return assessment


def test_the_pdf_holds_the_organisation_objectives_ratings_and_actions(
    spoc: Any, submitted: Any, client_for: Any
) -> None:
    response = client_for(spoc).get(reverse("self_assessment:export-pdf", args=[submitted.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    content = body(response)
    assert content.startswith(b"%PDF-")
    text = " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(content)).pages)
    flat = " ".join(text.split())
    assert "PREVENT SELF ASSESSMENT" in flat
    assert "Cherwell Academy" in flat
    for objective in current_template().objectives.all():
        assert " ".join(objective.title.split()[:6]) in flat
    assert flat.count("Rating: Amber") == 3 and flat.count("Rating: Red") == 1
    assert "Curriculum review not yet done" in flat
    assert "Refresh the safeguarding policy" in flat
    assert "Designated safeguarding lead" in flat
    assert (
        AuditEvent.objects.filter(action="self_assessment_exported_pdf", object_id=str(submitted.pk)).count()
        == 1
    )


def test_the_csv_export(spoc: Any, submitted: Any, client_for: Any) -> None:
    response = client_for(spoc).get(reverse("self_assessment:export-csv", args=[submitted.pk]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert rows[0] == ["Organisation", "Cherwell Academy"]
    evidence = [r for r in rows if len(r) > 2 and r[1] == "Evidence"]
    assert len(evidence) == 22
    ratings = [r[6] for r in rows if len(r) > 2 and r[1] == "Self-assessed rating"]
    assert ratings == ["Amber", "Amber", "Amber", "Red"]
    actions = [r for r in rows if len(r) > 2 and r[1] == "Action"]
    assert {r[8] for r in actions} == {"Refresh the safeguarding policy", '\'=HYPERLINK("http://x")'}
    assert AuditEvent.objects.filter(action="self_assessment_exported_csv").count() == 1


def test_the_overview_csv(coordinator: Any, submitted: Any, client_for: Any) -> None:
    response = client_for(coordinator).get(reverse("self_assessment:overview-csv"), {"sector": "school"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert rows[0][:2] == ["Organisation", "Sector"]
    cherwell = next(r for r in rows if r[0] == "Cherwell Academy")
    assert cherwell[5:9] == ["Amber", "Amber", "Amber", "Red"]
    event = AuditEvent.objects.get(action="self_assessment_overview_exported")
    assert event.changes == {"sector": {"before": None, "after": "school"}}
