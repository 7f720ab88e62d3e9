"""The subject access export of a person who went through the whole Channel
path (issue 14, acceptance): every record of theirs, nothing about anybody
else except the marked third-party details; PDF and JSON; audited."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.urls import reverse
from pypdf import PdfReader

from prevent.audit.models import AuditEvent
from prevent.channel.models import ChannelCase, GatewayReferral
from prevent.concerns.models import Concern
from prevent.concerns.tests.conftest import make_submitted
from prevent.home.chronology import person_chronology
from prevent.home.tests.chronology_path import NAME, whole_path
from prevent.privacy.subject_access import MARK

from .subject import OTHER, OTHER_NAME

pytestmark = pytest.mark.django_db

STAFF = ["Pat Practitioner", "Sam Spoc", "Paula Police", "Cora Coordinator", "Chris Chair", "Mo Member"]


def unmarked_strings(node: Any) -> list[str]:
    """Every string in the export outside a redaction_review marker."""
    if isinstance(node, dict):
        if node.get(MARK) is True:
            return []
        return [s for k, v in node.items() for s in [str(k), *unmarked_strings(v)]]
    if isinstance(node, list):
        return [s for v in node for s in unmarked_strings(v)]
    return [str(node)] if node is not None else []


def marked(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        if node.get(MARK) is True:
            return [node]
        return [m for v in node.values() for m in marked(v)]
    if isinstance(node, list):
        return [m for v in node for m in marked(v)]
    return []


def download(client: Any, pk: int, kind: str) -> bytes:
    response = client.get(reverse("privacy:subject-access-download", args=[pk, kind]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    return b"".join(response.streaming_content)


def test_the_export_holds_every_record_and_marks_everyone_else(
    client_for, people, framework, guidance
) -> None:
    path = whole_path(people, framework)
    other = make_submitted(people["practitioner"], person=OTHER)
    client = client_for(people["coordinator"])
    page = client.get(reverse("privacy:subject-access", args=[path.person.pk]))
    assert page.status_code == 200 and NAME in page.content.decode()
    tree = json.loads(download(client, path.person.pk, "json"))

    # Every record of theirs.
    assert tree["person"]["full_name"] == NAME
    concerns = Concern.objects.filter(person=path.person)
    assert [c["reference"] for c in tree["concerns"]] == [c.reference for c in concerns]
    (concern,) = tree["concerns"]
    assert len(concern["questions"]) == 1 and len(concern["addenda"]) == 1
    assert len(concern["triage_decisions"]) == 1 and len(concern["referrals"]) == 1
    assert [g["reference"] for g in tree["gateway_referrals"]] == list(
        GatewayReferral.objects.filter(person=path.person).values_list("reference", flat=True)
    )
    (case,) = tree["channel_cases"]
    assert case["reference"] == ChannelCase.objects.get(person=path.person).reference
    assert len(case["vulnerability_assessments"]) == 2
    assert len(case["panel_decisions"]) == 2 and len(case["consent"]) == 1
    assert len(case["interventions"]) == 1 and len(case["post_exit_reviews"]) == 2
    assert case["closing_report"]["evidence"] == "Risk managed"
    assert len(case["information_requests"]) == 1
    chronology = person_chronology(user=people["coordinator"], pk=path.person.pk)
    assert len(tree["chronology"]) == len(chronology.entries) > 20
    assert tree["access"]  # who accessed them (at least this coordinator's page view)

    # Nothing about anybody else, except the marked details.
    text = "\n".join(unmarked_strings(tree))
    assert OTHER_NAME not in text and str(OTHER["person_address"]) not in text
    assert str(other.reference) not in text
    for staff in [*STAFF, "Jo Parent"]:
        assert staff not in text, staff
    values = {str(m["value"]) for m in marked(tree)}
    assert {"Pat Practitioner", "Sam Spoc", "Paula Police", "Cora Coordinator", "Chris Chair"} <= values
    assert "Jo Parent" in values  # whoever gave consent
    assert {m["third_party"] for m in marked(tree)} >= {"member of staff", "whoever gave or refused consent"}


def test_the_pdf_is_readable_marks_third_parties_and_is_audited(
    client_for, people, framework, guidance
) -> None:
    path = whole_path(people, framework)
    client = client_for(people["coordinator"])
    pdf = download(client, path.person.pk, "pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert NAME in text and "Review before release" in text and "Risk managed" in text
    events = AuditEvent.objects.filter(action="subject_access_exported", object_id=str(path.person.pk))
    assert events.count() == 1
    event = events.get()
    assert event.actor == people["coordinator"] and NAME not in event.summary and "PDF" in event.summary


@pytest.mark.parametrize("who", ["spoc", "police", "chair", "outsider"])
def test_only_a_coordinator_may_export_and_others_are_not_told(
    client_for, people, framework, guidance, who: str
) -> None:
    path = whole_path(people, framework)
    client = client_for(people[who])
    for url in [
        reverse("privacy:subject-access", args=[path.person.pk]),
        reverse("privacy:subject-access-download", args=[path.person.pk, "json"]),
    ]:
        assert client.get(url).status_code == 404
    assert not AuditEvent.objects.filter(action__startswith="subject_access").exists()


def test_a_missing_person_or_format_is_not_found(client_for, people, framework, guidance) -> None:
    path = whole_path(people, framework)
    client = client_for(people["coordinator"])
    assert client.get(reverse("privacy:subject-access", args=[999999])).status_code == 404
    assert (
        client.get(reverse("privacy:subject-access-download", args=[path.person.pk, "xml"])).status_code
        == 404
    )
