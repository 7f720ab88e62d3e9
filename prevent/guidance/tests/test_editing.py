"""A Prevent Coordinator rewords, retires and restores guidance entries
through audited services; other users are refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from prevent.audit.models import AuditEvent
from prevent.guidance import selectors, services
from prevent.guidance.models import ConcernType, Influence, KeyQuestion, VulnerabilityFactor

pytestmark = pytest.mark.django_db


@pytest.fixture
def factor(guidance: None) -> VulnerabilityFactor:
    return VulnerabilityFactor.objects.get(text="Low self-esteem")


def test_coordinator_rewords_a_factor_and_it_is_audited(
    factor: VulnerabilityFactor, coordinator: Any, coordinator_client: Client
) -> None:
    url = reverse("guidance:manage-change", args=["vulnerability-factors", factor.pk])
    assert "Low self-esteem" in coordinator_client.get(url).content.decode()
    response = coordinator_client.post(url, {"text": "  Low   self-esteem or self-worth "})
    assert response.status_code == 302
    assert response["Location"] == reverse("guidance:manage-list", args=["vulnerability-factors"])
    factor.refresh_from_db()
    assert factor.text == "Low self-esteem or self-worth"
    event = AuditEvent.objects.get(action="guidance_factor_changed")
    assert event.actor == coordinator
    assert event.object_id == str(factor.pk)
    assert event.changes == {"text": {"before": "Low self-esteem", "after": "Low self-esteem or self-worth"}}
    page = coordinator_client.get(reverse("guidance:vulnerability-factors")).content.decode()
    assert "Low self-esteem or self-worth" in page


def test_unchanged_wording_records_nothing(factor: VulnerabilityFactor, coordinator: Any) -> None:
    services.vulnerability_factor_update(actor=coordinator, factor=factor, text="Low self-esteem")
    assert not AuditEvent.objects.filter(action="guidance_factor_changed").exists()


def test_empty_wording_gets_an_error(factor: VulnerabilityFactor, coordinator_client: Client) -> None:
    url = reverse("guidance:manage-change", args=["vulnerability-factors", factor.pk])
    content = coordinator_client.post(url, {"text": "   "}).content.decode()
    assert "There is a problem" in content
    assert "Enter the wording of the vulnerability factor" in content
    factor.refresh_from_db()
    assert factor.text == "Low self-esteem"


def test_coordinator_rewords_a_key_question_an_influence_and_a_concern_type(
    guidance: None, coordinator: Any, coordinator_client: Client
) -> None:
    question = KeyQuestion.objects.get(text="Has the individual joined an extremist organisation?")
    coordinator_client.post(
        reverse("guidance:manage-change", args=["key-questions", question.pk]),
        {"text": "Has the person joined an extremist organisation?"},
    )
    influence = Influence.objects.get(code="friends")
    coordinator_client.post(
        reverse("guidance:manage-change", args=["influences", influence.pk]),
        {"name": "Friends and peers", "description": "People the person spends time with."},
    )
    concern_type = ConcernType.objects.get(code="incel")
    coordinator_client.post(
        reverse("guidance:manage-change", args=["concern-types", concern_type.pk]),
        {"label": "Incel (involuntary celibate)"},
    )
    question.refresh_from_db()
    influence.refresh_from_db()
    concern_type.refresh_from_db()
    assert question.text == "Has the person joined an extremist organisation?"
    assert (influence.name, influence.description) == (
        "Friends and peers",
        "People the person spends time with.",
    )
    assert concern_type.label == "Incel (involuntary celibate)"
    assert set(AuditEvent.objects.values_list("action", flat=True)) >= {
        "guidance_key_question_changed",
        "guidance_influence_changed",
        "guidance_concern_type_changed",
    }
    influence_event = AuditEvent.objects.get(action="guidance_influence_changed")
    assert influence_event.changes["name"] == {"before": "Friends", "after": "Friends and peers"}


def test_coordinator_retires_and_restores_a_factor(
    factor: VulnerabilityFactor, coordinator: Any, coordinator_client: Client
) -> None:
    retire = reverse("guidance:manage-retire", args=["vulnerability-factors", factor.pk])
    assert "Retire this vulnerability factor?" in coordinator_client.get(retire).content.decode()
    assert coordinator_client.post(retire).status_code == 302
    factor.refresh_from_db()
    assert factor.retired_at is not None
    assert VulnerabilityFactor.objects.filter(pk=factor.pk).exists()  # retired, not deleted
    personal: Any = next(a for a in selectors.areas_with_factors_and_questions() if a.code == "personal")
    assert factor.pk not in [f.pk for f in personal.current_factors]
    assert (
        "Low self-esteem"
        not in coordinator_client.get(reverse("guidance:vulnerability-factors")).content.decode()
    )
    event = AuditEvent.objects.get(action="guidance_entry_retired")
    assert event.actor == coordinator
    assert event.changes["retired_at"]["before"] is None
    assert event.changes["retired_at"]["after"]

    listing = coordinator_client.get(
        reverse("guidance:manage-list", args=["vulnerability-factors"])
    ).content.decode()
    assert "Retired" in listing
    assert reverse("guidance:manage-restore", args=["vulnerability-factors", factor.pk]) in listing

    coordinator_client.post(reverse("guidance:manage-restore", args=["vulnerability-factors", factor.pk]))
    factor.refresh_from_db()
    assert factor.retired_at is None
    assert AuditEvent.objects.filter(action="guidance_entry_restored", object_id=str(factor.pk)).count() == 1


def test_retiring_twice_is_refused(factor: VulnerabilityFactor, coordinator: Any) -> None:
    services.guidance_entry_retire(actor=coordinator, entry=factor)
    with pytest.raises(ValidationError):
        services.guidance_entry_retire(actor=coordinator, entry=factor)
    assert AuditEvent.objects.filter(action="guidance_entry_retired").count() == 1


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("guidance:manage", []),
        ("guidance:manage-list", ["vulnerability-factors"]),
        ("guidance:manage-change", ["vulnerability-factors", "PK"]),
        ("guidance:manage-retire", ["vulnerability-factors", "PK"]),
        ("guidance:manage-restore", ["vulnerability-factors", "PK"]),
    ],
)
def test_a_practitioner_is_refused(
    factor: VulnerabilityFactor, practitioner_client: Client, name: str, args: list[str]
) -> None:
    url = reverse(name, args=[factor.pk if a == "PK" else a for a in args])
    assert practitioner_client.get(url).status_code == 403
    if args[1:]:  # the pages that take a POST
        assert practitioner_client.post(url, {"text": "Changed"}).status_code == 403
    factor.refresh_from_db()
    assert factor.text == "Low self-esteem"
    assert factor.retired_at is None


def test_services_refuse_users_without_the_role(factor: VulnerabilityFactor, make_user: Any) -> None:
    spoc = make_user("spoc")
    with pytest.raises(PermissionDenied):
        services.vulnerability_factor_update(actor=spoc, factor=factor, text="Changed")
    with pytest.raises(PermissionDenied):
        services.guidance_entry_retire(actor=spoc, entry=factor)
    assert not AuditEvent.objects.exists()


def test_unknown_entry_types_and_ids_are_not_found(guidance: None, coordinator_client: Client) -> None:
    assert coordinator_client.get(reverse("guidance:manage-list", args=["pages"])).status_code == 404
    assert (
        coordinator_client.get(reverse("guidance:manage-change", args=["influences", 999999])).status_code
        == 404
    )


def test_every_manage_list_renders(guidance: None, coordinator_client: Client) -> None:
    for kind in ("vulnerability-factors", "key-questions", "influences", "concern-types"):
        response = coordinator_client.get(reverse("guidance:manage-list", args=[kind]))
        assert response.status_code == 200
        assert b"govuk-table" in response.content


def test_every_wording_service_refuses_users_without_the_role(guidance: None, make_user: Any) -> None:
    spoc = make_user("spoc")
    question = KeyQuestion.objects.first()
    influence = Influence.objects.first()
    concern_type = ConcernType.objects.first()
    factor = VulnerabilityFactor.objects.first()
    assert question and influence and concern_type and factor
    calls = [
        lambda: services.key_question_update(actor=spoc, key_question=question, text="Changed"),
        lambda: services.influence_update(actor=spoc, influence=influence, name="Changed", description=""),
        lambda: services.concern_type_update(actor=spoc, concern_type=concern_type, label="Changed"),
        lambda: services.guidance_entry_restore(actor=spoc, entry=factor),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert not AuditEvent.objects.exists()


def test_restoring_an_entry_that_is_not_retired_is_refused(guidance: None, coordinator: Any) -> None:
    factor = VulnerabilityFactor.objects.get(text="Low self-esteem")
    with pytest.raises(ValidationError, match="is not retired"):
        services.guidance_entry_restore(actor=coordinator, entry=factor)
    assert not AuditEvent.objects.exists()


def test_an_odd_entry_id_is_not_found(guidance: None, coordinator_client: Client) -> None:
    for odd in ("²", "9" * 30):
        url = f"/guidance/manage/influences/{odd}/change/"
        coordinator_client.raise_request_exception = False
        assert coordinator_client.get(url).status_code == 404
