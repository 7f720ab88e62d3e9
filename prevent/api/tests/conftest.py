"""Fixtures for the API tests: tokens issued through the service, JSON
clients, and the answers of a concern as the form's fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from prevent.accounts.roles import Role
from prevent.api.models import TokenScope
from prevent.api.services import api_token_issue
from prevent.core import clock
from tests.factories import OrganisationFactory

ALL_SCOPES = list(TokenScope.values)

CONCERN_STEPS: dict[str, dict[str, Any]] = {
    "person": {
        "person_name": "Alex Example",
        "person_date_of_birth_day": "4",
        "person_date_of_birth_month": "5",
        "person_date_of_birth_year": "2010",
        "person_gender": "male",
        "person_address": "1 High Street, Banbury",
        "person_postcode": "OX16 1AA",
    },
    "support": {"care_needs": ["social_isolation"], "person_aware": "no"},
    "concern": {
        "what_happened": "Shared extremist videos in class.",
        "observed_on_day": "12",
        "observed_on_month": "1",
        "observed_on_year": "2026",
        "location": "Classroom 4",
        "how_came_to_notice": "I saw it.",
    },
}


class ApiClient:
    """A Django test client that sends a bearer token and JSON."""

    def __init__(self, token: str = "") -> None:
        self.client = Client(raise_request_exception=True)
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params, headers=self.headers)

    def post(self, path: str, body: Any) -> Any:
        return self.client.post(path, body, content_type="application/json", headers=self.headers)


@pytest.fixture
def admin(make_user: Callable[..., Any]) -> Any:
    return make_user(Role.ADMINISTRATOR, full_name="Ada Admin")


@pytest.fixture
def issue(admin: Any) -> Callable[..., str]:
    def make(user: Any, scopes: list[str] | None = None, days: int = 30) -> str:
        issued = api_token_issue(
            actor=admin,
            user=user,
            name="Partner system",
            scopes=ALL_SCOPES if scopes is None else scopes,
            expires_on=clock.today() + dt.timedelta(days=days),
        )
        return issued.secret

    return make


@pytest.fixture
def org(db: Any) -> Any:
    return OrganisationFactory(name="Cherwell Academy")


@pytest.fixture
def practitioner(make_user: Callable[..., Any], org: Any) -> Any:
    return make_user(Role.PRACTITIONER, organisation=org, full_name="Pat Practitioner")


@pytest.fixture
def spoc(make_user: Callable[..., Any], org: Any) -> Any:
    return make_user(Role.SPOC, organisation=org, full_name="Sam Spoc")


from tests.browser.conftest import (  # noqa: E402, F401  (the browser fixtures, for test_browser)
    _flush_past_audit_triggers,
    axe,
    browser,
    context,
    live_server,
    make_context,
    page,
    playwright_instance,
    signed_in_page,
)
