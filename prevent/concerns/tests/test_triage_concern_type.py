"""Where the type of concern is recorded (issue 13, part A): the
practitioner may give it (an optional step), and the SPOC confirms or sets
it with the triage decision or on closing, audited with the decision."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from prevent.audit.models import AuditEvent
from prevent.concerns import services
from prevent.concerns.models import Concern
from prevent.guidance import services as guidance_services
from prevent.guidance.models import ConcernType

pytestmark = pytest.mark.django_db


def _decision(concern: Concern, **extra: str) -> dict[str, str]:
    return {"pyramid_level": "1", "rationale": "Advice given", **extra}


def test_the_spoc_sets_the_type_with_the_decision_and_it_is_audited(
    submitted_concern: Concern, spoc: Any, client_for: Any
) -> None:
    incel = ConcernType.objects.get(code="incel")
    url = reverse("concerns:decision", args=[submitted_concern.pk])
    page = client_for(spoc).get(url).content.decode()
    assert "Type of concern (optional)" in page and "School massacre" in page

    response = client_for(spoc).post(url, _decision(submitted_concern, concern_type=str(incel.pk)))

    assert response.status_code == 302
    submitted_concern.refresh_from_db()
    assert submitted_concern.concern_type == incel
    event = AuditEvent.objects.get(action="concern_triaged", object_id=str(submitted_concern.pk))
    assert event.changes["concern_type"] == {"before": None, "after": "Incel"}


def test_the_practitioners_type_is_selected_and_kept_when_the_spoc_leaves_it(
    submitted_concern: Concern, spoc: Any, client_for: Any
) -> None:
    islamist = ConcernType.objects.get(code="islamist")
    Concern.objects.filter(pk=submitted_concern.pk).update(concern_type=islamist)
    url = reverse("concerns:decision", args=[submitted_concern.pk])
    page = client_for(spoc).get(url).content.decode()
    assert f'value="{islamist.pk}" checked' in page

    client_for(spoc).post(url, _decision(submitted_concern))

    submitted_concern.refresh_from_db()
    assert submitted_concern.concern_type == islamist
    event = AuditEvent.objects.get(action="concern_triaged", object_id=str(submitted_concern.pk))
    assert "concern_type" not in event.changes


def test_a_type_retired_since_the_practitioner_chose_it_is_still_shown(
    submitted_concern: Concern, spoc: Any, client_for: Any, make_user: Any
) -> None:
    from prevent.accounts.roles import Role

    coordinator = make_user(Role.PREVENT_COORDINATOR)
    local = guidance_services.concern_type_add(actor=coordinator, label="County lines exploitation")
    Concern.objects.filter(pk=submitted_concern.pk).update(concern_type=local)
    guidance_services.guidance_entry_retire(actor=coordinator, entry=local)

    page = client_for(spoc).get(reverse("concerns:close", args=[submitted_concern.pk])).content.decode()

    assert "County lines exploitation" in page and f'value="{local.pk}" checked' in page


def test_the_spoc_sets_the_type_on_closing(submitted_concern: Concern, spoc: Any, client_for: Any) -> None:
    none = ConcernType.objects.get(code="no-ideology")
    response = client_for(spoc).post(
        reverse("concerns:close", args=[submitted_concern.pk]),
        {"reason": "A misunderstanding", "concern_type": str(none.pk)},
    )
    assert response.status_code == 302
    submitted_concern.refresh_from_db()
    assert submitted_concern.concern_type == none
    event = AuditEvent.objects.get(action="concern_closed", object_id=str(submitted_concern.pk))
    assert event.changes["concern_type"]["after"] == "No ideology or counter-terrorism risk"


def test_a_type_not_offered_is_refused_next_to_the_field(
    submitted_concern: Concern, spoc: Any, client_for: Any
) -> None:
    response = client_for(spoc).post(
        reverse("concerns:close", args=[submitted_concern.pk]),
        {"reason": "A misunderstanding", "concern_type": "999999"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Select a type of concern from the list" in page and 'id="id_concern_type-error"' in page
    assert "A misunderstanding" in page
    submitted_concern.refresh_from_db()
    assert submitted_concern.status == "submitted" and submitted_concern.concern_type is None


def test_the_service_sets_the_type_only_for_the_spoc(submitted_concern: Concern, practitioner: Any) -> None:
    from django.http import Http404

    with pytest.raises(Http404):
        services.triage_close_no_further_action(
            actor=practitioner,
            concern=submitted_concern,
            reason="x",
            concern_type=ConcernType.objects.get(code="incel"),
        )
    submitted_concern.refresh_from_db()
    assert submitted_concern.concern_type is None
