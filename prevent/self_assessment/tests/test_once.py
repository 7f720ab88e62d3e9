"""Issue 8, point 8: a self-assessment create form sent twice (a double
click, a resent page) makes one record and shows what the first made."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse

from prevent.core.once import ALREADY_SENT
from prevent.self_assessment.models import Assessment, AssessmentAction, EvidenceFile

from .conftest import today
from .test_dates import typed
from .test_files import PDF_BYTES

pytestmark = pytest.mark.django_db


def token_of(page: str) -> str:
    match = re.search(r'name="once_token" value="([^"]+)"', page)
    assert match, "the form carries a one-time token"
    return match.group(1)


def test_an_action_posted_twice_makes_one_action(spoc: Any, start: Any, client_for: Any) -> None:
    assessment = start()
    client = client_for(spoc)
    url = reverse("self_assessment:action-add", args=[assessment.pk, 1])
    data = {
        "description": "Book WRAP training",
        "owner": "Deputy head",
        "status": "not_started",
        **typed("due_on", today() + timedelta(days=30)),
        "once_token": token_of(client.get(url).text),
    }
    first = client.post(url, data)
    second = client.post(url, data)
    assert AssessmentAction.objects.filter(assessment=assessment).count() == 1
    objective_page = reverse("self_assessment:objective", args=[assessment.pk, 1])
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == objective_page
    assert ALREADY_SENT in client.get(second["Location"]).text


def test_an_assessment_started_twice_is_started_once(spoc: Any, client_for: Any) -> None:
    client = client_for(spoc)
    url = reverse("self_assessment:start")
    data = {
        "assessor_names": "Sam Spoc",
        **typed("assessed_on", today() - timedelta(days=1)),
        **typed("review_due_on", today() + timedelta(days=364)),
        "once_token": token_of(client.get(url).text),
    }
    first = client.post(url, data)
    second = client.post(url, data)
    assessment = Assessment.objects.get()
    assert first["Location"] == second["Location"] == reverse("self_assessment:detail", args=[assessment.pk])


def test_an_evidence_file_uploaded_twice_is_kept_once(spoc: Any, start: Any, client_for: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    assessment = start()
    client = client_for(spoc)
    url = reverse("self_assessment:objective", args=[assessment.pk, 1])
    page = client.get(url)
    statement_pk = page.context["section"].rows[0].statement.pk
    token = token_of(page.text)
    for _ in range(2):
        response = client.post(
            url,
            {
                f"met_{statement_pk}": "yes",
                f"file_{statement_pk}": SimpleUploadedFile("policy.pdf", PDF_BYTES),
                "once_token": token,
            },
        )
        assert response.status_code == 302
    assert EvidenceFile.objects.count() == 1


def test_a_refused_action_releases_the_token_so_the_corrected_form_saves(
    spoc: Any, start: Any, client_for: Any
) -> None:
    assessment = start()
    client = client_for(spoc)
    url = reverse("self_assessment:action-add", args=[assessment.pk, 1])
    token = token_of(client.get(url).text)
    data = {"description": "", "owner": "Head", "status": "not_started", "once_token": token}
    data.update(typed("due_on", today() + timedelta(days=30)))
    assert client.post(url, data).status_code == 200
    data["description"] = "Book WRAP"
    assert client.post(url, data).status_code == 302
    assert AssessmentAction.objects.count() == 1
