"""Pages with personal data stay out of caches (issue 8, point 7): every
response to a signed-in user, and every file download or export, sends
`Cache-Control: private, no-store`; static files keep their caching."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from prevent.accounts.roles import Role
from prevent.channel.tests.conftest import open_case, people  # noqa: F401  (the fixture)
from prevent.concerns.tests.conftest import make_submitted
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

NO_STORE = "private, no-store"


def assert_no_store(response: Any) -> None:
    assert response["Cache-Control"] == NO_STORE
    assert not response.has_header("Expires")


def test_a_concern_page(make_user: Any, client_for: Any) -> None:
    school = OrganisationFactory(name="Cherwell Academy")
    practitioner = make_user(Role.PRACTITIONER, organisation=school)
    make_user(Role.SPOC, organisation=school)
    concern = make_submitted(practitioner)
    response = client_for(practitioner).get(reverse("concerns:detail", args=[concern.pk]))
    assert response.status_code == 200
    assert_no_store(response)


def test_a_channel_case_page(people: dict[str, Any], client_for: Any) -> None:  # noqa: F811
    case = open_case(people)
    response = client_for(people["coordinator"]).get(reverse("channel:case-detail", args=[case.pk]))
    assert response.status_code == 200
    assert_no_store(response)


def test_the_audit_page_and_redirects_and_errors(make_user: Any, client_for: Any) -> None:
    client = client_for(make_user(Role.PREVENT_COORDINATOR))
    response = client.get(reverse("audit:event-list"))
    assert response.status_code == 200
    assert_no_store(response)
    assert_no_store(client.get(reverse("self_assessment:detail", args=[999999])))  # a 404


def test_a_csv_export(make_user: Any, client_for: Any) -> None:
    client = client_for(make_user(Role.PREVENT_COORDINATOR))
    response = client.get(reverse("self_assessment:overview-csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert_no_store(response)


def test_the_home_page_and_a_never_cache_view(make_user: Any, client_for: Any) -> None:
    client = client_for(make_user(Role.PRACTITIONER))
    assert_no_store(client.get(reverse("home:home")))
    # healthz is @never_cache (max-age=0, no-cache, ..., Expires): one
    # header replaces it for a signed-in user.
    assert_no_store(client.get(reverse("core:healthz")))


def test_a_signed_in_user_without_a_second_factor_is_covered_too(make_user: Any) -> None:
    client = Client()
    client.force_login(make_user(Role.PRACTITIONER))
    response = client.get(reverse("audit:event-list"))
    assert response.status_code == 302  # sent to set up or verify the second factor
    assert_no_store(response)


def test_static_files_keep_their_caching(client: Client) -> None:
    static = client.get("/static/application.css")
    assert static.status_code == 200
    assert static.get("Cache-Control", "") != NO_STORE
    assert "max-age" in static.get("Cache-Control", "")
