"""Tokens: hashed, shown once, scoped, expiring, revocable; never more than
their user may; the administrators' pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from prevent.api.models import ApiToken
from prevent.api.services import api_token_revoke
from prevent.audit.models import AuditEvent
from prevent.concerns.tests.conftest import make_submitted
from tests.factories import OrganisationFactory

from .conftest import ApiClient

pytestmark = pytest.mark.django_db
CONCERNS = "/api/v1/concerns/"


def test_the_token_is_stored_hashed_and_works(issue: Any, practitioner: Any) -> None:
    secret = issue(practitioner)
    token = ApiToken.objects.get()
    assert secret not in str(ApiToken.objects.values().get())
    assert token.token_hash != secret and len(token.token_hash) == 64
    assert secret.startswith(f"ph_{token.prefix}_")
    assert ApiClient(secret).get(CONCERNS).status_code == 200
    assert AuditEvent.objects.filter(action="api_token_issued", object_id=str(token.pk)).exists()


def test_a_revoked_token_is_refused(issue: Any, admin: Any, practitioner: Any) -> None:
    secret = issue(practitioner)
    api_token_revoke(actor=admin, token=ApiToken.objects.get())
    response = ApiClient(secret).get(CONCERNS)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert AuditEvent.objects.filter(action="api_token_revoked").exists()


def test_an_expired_token_is_refused(issue: Any, practitioner: Any) -> None:
    secret = issue(practitioner, days=2)
    assert ApiClient(secret).get(CONCERNS).status_code == 200
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=3)):
        assert ApiClient(secret).get(CONCERNS).status_code == 401


@pytest.mark.parametrize("header", ["Bearer ph_nope_nope", "Bearer", "Bearer a b", "Bearer " + "x" * 300])
def test_unknown_or_malformed_tokens_are_refused(db: Any, header: str) -> None:
    api = ApiClient()
    api.headers = {"Authorization": header}
    assert api.get(CONCERNS).status_code == 401


def test_a_token_stops_when_its_user_is_deactivated_or_moves(issue: Any, practitioner: Any) -> None:
    secret = issue(practitioner)
    practitioner.organisation = OrganisationFactory(name="Elsewhere")
    practitioner.save()
    assert ApiClient(secret).get(CONCERNS).status_code == 401
    other = issue(practitioner)
    practitioner.is_active = False
    practitioner.save()
    assert ApiClient(other).get(CONCERNS).status_code == 401


def test_a_token_is_narrowed_to_its_scopes(issue: Any, spoc: Any) -> None:
    secret = issue(spoc, ["training:read"])
    assert ApiClient(secret).get(CONCERNS).status_code == 403
    assert ApiClient(secret).get("/api/v1/training-completions/").status_code == 200


def test_a_token_never_exceeds_its_user(issue: Any, practitioner: Any, make_user: Any) -> None:
    """A practitioner's token with every scope still sees only what the
    practitioner may: their own concerns, no gateway, no Channel."""
    own = make_submitted(practitioner)
    colleague = make_submitted(make_user("practitioner", organisation=practitioner.organisation))
    api = ApiClient(issue(practitioner))
    assert [c["id"] for c in api.get(CONCERNS).json()["results"]] == [own.pk]
    assert api.get(f"{CONCERNS}{colleague.pk}/").status_code == 404
    assert api.get("/api/v1/gateway-referrals/").status_code == 403
    assert api.get("/api/v1/channel-cases/").status_code == 403
    assert api.get("/api/v1/self-assessments/").status_code == 403


def test_the_browser_session_needs_the_second_factor_and_csrf(practitioner: Any, client_for: Any) -> None:
    from django.test import Client

    from tests.factories import DEFAULT_PASSWORD, confirmed_totp_device

    assert client_for(practitioner).get(CONCERNS).status_code == 200
    half = Client()
    confirmed_totp_device(practitioner)
    half.post(reverse("accounts:sign-in"), {"email": practitioner.email, "password": DEFAULT_PASSWORD})
    assert half.get(CONCERNS).status_code == 401
    strict = client_for(practitioner)
    strict.handler.enforce_csrf_checks = True
    response = strict.post(CONCERNS, {"emergency": "no", "steps": {}}, content_type="application/json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]


# The administrators' pages.


def test_an_administrator_issues_a_token_shown_once(admin: Any, practitioner: Any, client_for: Any) -> None:
    client = client_for(admin)
    assert client.get(reverse("api:token-new")).status_code == 200
    expires = dt.date.today() + dt.timedelta(days=90)
    response = client.post(
        reverse("api:token-new"),
        {
            "user": practitioner.pk,
            "name": "School safeguarding log",
            "scopes": ["concerns:read", "concerns:write"],
            "expires_on_day": expires.day,
            "expires_on_month": expires.month,
            "expires_on_year": expires.year,
        },
    )
    token = ApiToken.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "api:token-detail", args=[token.pk]
    )
    page = client.get(response["Location"]).content.decode()
    secret = page.split('id="token-secret">')[1].split("<")[0]
    assert secret.startswith("ph_") and ApiClient(secret).get(CONCERNS).status_code == 200
    assert secret not in client.get(response["Location"]).content.decode()  # once only
    assert token.scopes == ["concerns:read", "concerns:write"] and token.created_by == admin
    assert "School safeguarding log" in client.get(reverse("api:token-list")).content.decode()
    assert client.post(reverse("api:token-revoke", args=[token.pk])).status_code == 302
    assert ApiClient(secret).get(CONCERNS).status_code == 401


def test_bad_token_forms_keep_what_was_typed(admin: Any, practitioner: Any, client_for: Any) -> None:
    past = dt.date.today() - dt.timedelta(days=1)
    response = client_for(admin).post(
        reverse("api:token-new"),
        {
            "user": practitioner.pk,
            "name": "Typed name",
            "expires_on_day": past.day,
            "expires_on_month": past.month,
            "expires_on_year": past.year,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Select what the token may be used for" in page
    assert "The expiry date must be after" in page or "expiry date must be" in page.lower()
    assert 'value="Typed name"' in page
    assert not ApiToken.objects.exists()


def test_only_administrators_manage_tokens(practitioner: Any, spoc: Any, client_for: Any) -> None:
    for user in (practitioner, spoc):
        assert client_for(user).get(reverse("api:token-list")).status_code == 403
        assert client_for(user).get(reverse("api:token-new")).status_code == 403
        assert client_for(user).get(reverse("api:webhook-list")).status_code == 403


def test_hidden_characters_in_a_token_name_are_refused(
    admin: Any, practitioner: Any, client_for: Any
) -> None:
    expires = dt.date.today() + dt.timedelta(days=9)
    response = client_for(admin).post(
        reverse("api:token-new"),
        {
            "user": practitioner.pk,
            "name": "Log\x00",
            "scopes": ["concerns:read"],
            "expires_on_day": expires.day,
            "expires_on_month": expires.month,
            "expires_on_year": expires.year,
        },
    )
    assert response.status_code == 200 and "govuk-error-message" in response.content.decode()
    assert not ApiToken.objects.exists()
