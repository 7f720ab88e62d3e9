"""Rate limits answer 429: the API per token (and per address before
authentication), sign-in per address (beside django-axes' lockout). They
count in the shared database cache, so they hold across workers."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse

from prevent.api.models import CacheEntry
from tests.factories import DEFAULT_PASSWORD

from .conftest import ApiClient

pytestmark = pytest.mark.django_db
CONCERNS = "/api/v1/concerns/"


def test_the_cache_is_the_shared_database_table(db: Any) -> None:
    cache.set("shared-check", "yes", 60)
    assert CacheEntry.objects.filter(cache_key__endswith="shared-check").exists()


def test_the_api_answers_429_beyond_the_tokens_rate(issue: Any, practitioner: Any, settings: Any) -> None:
    settings.PREVENT_API_RATE_LIMIT = "3/min"
    api = ApiClient(issue(practitioner))
    assert [api.get(CONCERNS).status_code for _ in range(3)] == [200, 200, 200]
    refused = api.get(CONCERNS)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    # Another token (another system) has its own allowance.
    assert ApiClient(issue(practitioner)).get(CONCERNS).status_code == 200


def test_anonymous_callers_are_limited_by_address(db: Any, settings: Any) -> None:
    settings.PREVENT_API_ANON_RATE_LIMIT = "2/min"
    api = ApiClient()
    assert [api.get(CONCERNS).status_code for _ in range(3)] == [401, 401, 429]


def test_sign_in_answers_429_beyond_the_rate_from_one_address(
    client: Any, make_user: Any, settings: Any
) -> None:
    settings.PREVENT_SIGN_IN_RATE_LIMIT = "3/m"
    settings.AXES_ENABLED = False  # so that only the rate limit can refuse
    user = make_user("practitioner")
    url = reverse("accounts:sign-in")
    statuses = [
        client.post(url, {"email": user.email, "password": "wrong password"}).status_code for _ in range(3)
    ]
    assert statuses == [200, 200, 200]
    refused = client.post(url, {"email": user.email, "password": DEFAULT_PASSWORD})
    assert refused.status_code == 429
    assert "Too many attempts" in refused.content.decode()
    # Another address is not refused; showing the page is not an attempt.
    assert client.get(url).status_code == 200
    other = client.post(url, {"email": user.email, "password": DEFAULT_PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_axes_lockout_still_applies(client: Any, make_user: Any, settings: Any) -> None:
    settings.PREVENT_SIGN_IN_RATE_LIMIT = "100/m"
    user = make_user("practitioner")
    url = reverse("accounts:sign-in")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"email": user.email, "password": "wrong password"})
    locked = client.post(url, {"email": user.email, "password": DEFAULT_PASSWORD})
    assert locked.status_code == 429
    assert "Your account is locked" in locked.content.decode()
