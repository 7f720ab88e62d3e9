"""Type of concern as data a coordinator can extend (issue 13, part A): the
official categories are seeded (idempotently), a coordinator adds, renames
and retires types on GOV.UK pages through audited services, and a type in
use is never deleted: the page says why and offers retiring instead."""

from __future__ import annotations

from importlib import import_module
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from prevent.audit.models import AuditEvent
from prevent.concerns.models import Concern
from prevent.concerns.tests.conftest import make_submitted
from prevent.guidance import services
from prevent.guidance.concern_types import (
    OFFICIAL_CONCERN_TYPES,
    official_concern_type_label,
)
from prevent.guidance.models import ConcernType
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

OFFICIAL_WORDING = [
    "Islamist",
    "Extreme right-wing",
    "Left-wing, anarchist or single-issue",
    "Conflicted",
    "School massacre",
    "Incel",
    "Vulnerability present but no ideology or counter-terrorism risk",
    "No ideology or counter-terrorism risk",
    "Other",
    "Not known",
]


def _seed_migration() -> Any:
    return import_module("prevent.guidance.migrations.0003_official_concern_types")


def test_every_official_category_is_seeded_in_order() -> None:
    assert [label for _, label in OFFICIAL_CONCERN_TYPES] == OFFICIAL_WORDING
    codes = list(ConcernType.objects.current().values_list("code", flat=True))
    assert codes[: len(OFFICIAL_CONCERN_TYPES)] == [code for code, _ in OFFICIAL_CONCERN_TYPES]


def test_seeding_again_adds_only_what_is_missing_and_keeps_a_coordinators_changes(
    coordinator: Any,
) -> None:
    incel = ConcernType.objects.get(code="incel")
    services.concern_type_update(actor=coordinator, concern_type=incel, label="Incel (involuntary celibate)")
    services.guidance_entry_retire(actor=coordinator, entry=ConcernType.objects.get(code="islamist"))
    ConcernType.objects.filter(code="school-massacre").delete()  # lost, as if never seeded
    before = ConcernType.objects.count()

    _seed_migration().ensure_official_concern_types(apps, None)
    _seed_migration().ensure_official_concern_types(apps, None)

    assert ConcernType.objects.count() == before + 1
    assert ConcernType.objects.get(code="incel").label == "Incel (involuntary celibate)"
    assert ConcernType.objects.get(code="islamist").retired_at is not None
    assert ConcernType.objects.get(code="school-massacre").label == "School massacre"


def test_a_local_type_counts_as_other_in_the_national_return() -> None:
    assert official_concern_type_label("incel") == "Incel"
    assert official_concern_type_label("county-lines") == "Other"
    assert official_concern_type_label(None) == "Not known"


def test_coordinator_adds_a_type_on_the_page_and_it_is_audited(
    coordinator: Any, coordinator_client: Client
) -> None:
    listing = coordinator_client.get(reverse("guidance:manage-list", args=["concern-types"])).content.decode()
    assert f'href="{reverse("guidance:concern-type-add")}"' in listing
    assert "Official category" in listing

    response = coordinator_client.post(
        reverse("guidance:concern-type-add"), {"label": "  Mixed   or unclear "}
    )

    assert response.status_code == 302
    added = ConcernType.objects.get(label="Mixed or unclear")
    assert added.code == "mixed-or-unclear" and added.retired_at is None
    assert added.order > max(ConcernType.objects.exclude(pk=added.pk).values_list("order", flat=True))
    event = AuditEvent.objects.get(action="guidance_concern_type_added")
    assert event.actor == coordinator and event.object_id == str(added.pk)
    assert event.changes == {"label": {"before": None, "after": "Mixed or unclear"}}
    listing = coordinator_client.get(reverse("guidance:manage-list", args=["concern-types"])).content.decode()
    assert "Mixed or unclear" in listing
    assert reverse("guidance:concern-type-delete", args=[added.pk]) in listing


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("   ", "Enter the name of the type of concern"),
        ("x" * 201, "The name must be 200 characters or fewer"),
        ("extreme RIGHT-wing", "There is already a type of concern called &#x27;Extreme right-wing&#x27;"),
    ],
)
def test_a_bad_new_type_is_refused_next_to_the_field_keeping_what_was_typed(
    coordinator_client: Client, label: str, message: str
) -> None:
    before = ConcernType.objects.count()
    response = coordinator_client.post(reverse("guidance:concern-type-add"), {"label": label})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and message in page
    assert 'id="id_label-error"' in page
    if label.strip():
        assert f'value="{label}"' in page.replace("&#x27;", "'")
    assert ConcernType.objects.count() == before


def test_a_retired_type_of_the_same_name_is_to_be_restored(coordinator: Any) -> None:
    incel = ConcernType.objects.get(code="incel")
    services.guidance_entry_retire(actor=coordinator, entry=incel)
    with pytest.raises(ValidationError, match="restore it instead"):
        services.concern_type_add(actor=coordinator, label="Incel")


def test_renaming_to_the_name_of_another_type_is_refused(coordinator: Any) -> None:
    with pytest.raises(ValidationError, match="There is already a type of concern called 'Islamist'"):
        services.concern_type_update(
            actor=coordinator, concern_type=ConcernType.objects.get(code="incel"), label="islamist"
        )


def test_coordinator_retires_a_type_and_the_concern_form_no_longer_offers_it(
    coordinator: Any, coordinator_client: Client, make_user: Any
) -> None:
    from prevent.accounts.roles import Role
    from prevent.concerns import services as concern_services

    added = services.concern_type_add(actor=coordinator, label="County lines exploitation")
    url = reverse("guidance:manage-retire", args=["concern-types", added.pk])
    assert coordinator_client.post(url).status_code == 302
    added.refresh_from_db()
    assert added.retired_at is not None
    practitioner = make_user(Role.PRACTITIONER, organisation=OrganisationFactory(name="Banbury School"))
    draft = concern_services.concern_create_draft(actor=practitioner, emergency="no")
    from tests.builders import sign_in

    page = sign_in(practitioner).get(reverse("concerns:step", args=[draft.pk, "concern-type"]))
    assert "County lines exploitation" not in page.content.decode()
    assert "School massacre" in page.content.decode()


def test_an_unused_local_type_is_deleted_with_confirmation_and_audited(
    coordinator: Any, coordinator_client: Client
) -> None:
    added = services.concern_type_add(actor=coordinator, label="Added by mistake")
    url = reverse("guidance:concern-type-delete", args=[added.pk])
    confirm = coordinator_client.get(url).content.decode()
    assert "Delete this type of concern?" in confirm and "Delete type of concern" in confirm

    assert coordinator_client.post(url).status_code == 302

    assert not ConcernType.objects.filter(pk=added.pk).exists()
    event = AuditEvent.objects.get(action="guidance_concern_type_deleted")
    assert event.object_id == str(added.pk)
    assert event.changes == {"label": {"before": "Added by mistake", "after": None}}


def test_a_type_in_use_is_never_deleted_and_the_page_offers_retiring(
    coordinator: Any, coordinator_client: Client, make_user: Any
) -> None:
    from prevent.accounts.roles import Role

    local = services.concern_type_add(actor=coordinator, label="County lines exploitation")
    practitioner = make_user(Role.PRACTITIONER, organisation=OrganisationFactory(name="Banbury School"))
    concern = make_submitted(practitioner)
    Concern.objects.filter(pk=concern.pk).update(concern_type=local)
    url = reverse("guidance:concern-type-delete", args=[local.pk])

    page = coordinator_client.get(url).content.decode()
    assert "This type of concern cannot be deleted" in page
    assert "because 1 record uses it. Retire it instead" in page
    assert reverse("guidance:manage-retire", args=["concern-types", local.pk]) in page
    assert "Delete type of concern</button>" not in page

    refused = coordinator_client.post(url)  # sent anyway (an old page)
    assert refused.status_code == 200
    assert "There is a problem" in refused.content.decode()
    assert ConcernType.objects.filter(pk=local.pk).exists()
    assert not AuditEvent.objects.filter(action="guidance_concern_type_deleted").exists()
    with pytest.raises(ValidationError, match="1 record uses it"):
        services.concern_type_delete(actor=coordinator, concern_type=local)


def test_an_official_category_is_never_deleted_even_unused(
    coordinator: Any, coordinator_client: Client
) -> None:
    incel = ConcernType.objects.get(code="incel")
    page = coordinator_client.get(reverse("guidance:concern-type-delete", args=[incel.pk])).content.decode()
    assert "is a category of the official Prevent statistics" in page
    with pytest.raises(ValidationError, match="official Prevent statistics"):
        services.concern_type_delete(actor=coordinator, concern_type=incel)
    assert ConcernType.objects.filter(pk=incel.pk).exists()


def test_only_a_coordinator_adds_or_deletes(practitioner: Any, practitioner_client: Client) -> None:
    incel = ConcernType.objects.get(code="incel")
    assert practitioner_client.get(reverse("guidance:concern-type-add")).status_code == 403
    assert practitioner_client.post(reverse("guidance:concern-type-add"), {"label": "X"}).status_code == 403
    assert (
        practitioner_client.post(reverse("guidance:concern-type-delete", args=[incel.pk])).status_code == 403
    )
    with pytest.raises(PermissionDenied):
        services.concern_type_add(actor=practitioner, label="X")
    with pytest.raises(PermissionDenied):
        services.concern_type_delete(actor=practitioner, concern_type=incel)
    assert not ConcernType.objects.filter(label="X").exists()


def test_a_missing_type_answers_404(coordinator_client: Client) -> None:
    assert coordinator_client.get(reverse("guidance:concern-type-delete", args=[999999])).status_code == 404


def test_the_types_list_and_the_delete_page_cost_a_bounded_number_of_queries(
    coordinator: Any, coordinator_client: Client, django_assert_max_num_queries: Any, make_user: Any
) -> None:
    from prevent.accounts.roles import Role

    listing = reverse("guidance:manage-list", args=["concern-types"])
    coordinator_client.get(listing)  # the session settles
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(listing)
    local = None
    for n in range(30):
        local = services.concern_type_add(actor=coordinator, label=f"Local type {n}")
    practitioner = make_user(Role.PRACTITIONER, organisation=OrganisationFactory(name="Banbury School"))
    for _ in range(3):
        Concern.objects.filter(pk=make_submitted(practitioner).pk).update(concern_type=local)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = coordinator_client.get(listing)
    assert "Local type 29" in page.content.decode()
    assert local is not None
    with django_assert_max_num_queries(len(few.captured_queries) + 3):
        page = coordinator_client.get(reverse("guidance:concern-type-delete", args=[local.pk]))
    assert "because 3 records use it" in page.content.decode()
