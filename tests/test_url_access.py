"""Fail closed: every URL pattern refuses anonymous users (redirect to
sign-in) except a named allow-list, and a half-signed-in user (password but
no second factor) reaches nothing but the second-factor pages."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from prevent.accounts.roles import Role
from tests.factories import DEFAULT_PASSWORD, confirmed_totp_device

# Public by necessity, each for a reason.
PUBLIC_URL_NAMES = {
    "accounts:sign-in",  # the way in
    "core:healthz",  # load balancer health check; says nothing but ok/unavailable
    "core:privacy",  # must be readable before signing in
    "core:accessibility",  # must be readable before signing in
    "accounts:sign-out",  # harmless when signed out (redirects to sign-in)
    "accounts:signed-out",  # shown after signing out
    "accounts:password-reset",  # forgotten passwords
    "accounts:password-reset-done",
    "accounts:password-reset-confirm",
    "accounts:password-reset-complete",
}
# Reachable with a password but before the second factor.
BEFORE_SECOND_FACTOR = {
    "accounts:two-factor-verify",
    "accounts:two-factor-setup",
    "accounts:sign-out",
    "accounts:signed-out",
    # Passkeys as the second factor (prevent/accounts/passkeys.py): POST-only JSON.
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
    "otp_webauthn:js-i18n-catalog",
}

_ARG = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")


def _sample(match: re.Match[str]) -> str:
    return {"int": "1", "uuid": "00000000-0000-0000-0000-000000000001", "path": "x/y"}.get(
        match.group("conv") or "str", "x"
    )


def walk(patterns: list, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            route = route.lstrip("^").rstrip("$").replace("\\Z", "")
            url = "/" + _ARG.sub(_sample, route)
            name = f"{namespace}{entry.name}" if entry.name else ""
            yield name, url


ALL_URLS = sorted(set(walk(get_resolver().url_patterns)))
# The API's JSON operations (prevent/api) authenticate each request
# themselves (a token, or the browser's session once it has passed the second
# factor): not behind the sign-in page, they answer 401 to anyone else,
# never a redirect (checked below for each one).
API_URL_NAMES = {name for name, url in ALL_URLS if url.startswith("/api/v1/")}


def test_the_walk_finds_the_service_routes() -> None:
    names = {name for name, _ in ALL_URLS}
    assert {"core:home", "accounts:sign-in", "users:list", "audit:event-list"} <= names
    assert not any(url.startswith("/django-admin") or url.startswith("/admin") for _, url in ALL_URLS)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "url"), ALL_URLS, ids=[f"{n or '-'} {u}" for n, u in ALL_URLS])
def test_anonymous_users_are_sent_to_sign_in(client: Client, name: str, url: str) -> None:
    response = client.get(url)
    if name in API_URL_NAMES:
        assert response.status_code == 401, f"{url} answered {response.status_code} to an anonymous caller"
        return
    if name in PUBLIC_URL_NAMES:
        assert response.status_code in {200, 302}
        if response.status_code == 302:
            assert not response["Location"].startswith(settings.STATIC_URL)
        return
    if url.startswith(settings.STATIC_URL):
        return
    assert response.status_code == 302, f"{url} answered {response.status_code} to an anonymous user"
    assert response["Location"].startswith(reverse("accounts:sign-in")), response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "url"), ALL_URLS, ids=[f"{n or '-'} {u}" for n, u in ALL_URLS])
def test_password_alone_reaches_only_the_second_factor(
    client: Client, make_user, name: str, url: str
) -> None:
    user = make_user(*Role.values)
    confirmed_totp_device(user)
    client.post(reverse("accounts:sign-in"), {"email": user.email, "password": DEFAULT_PASSWORD})
    response = client.get(url)
    if name in API_URL_NAMES:
        assert response.status_code == 401, f"{url} answered {response.status_code} before the second factor"
        return
    if name in PUBLIC_URL_NAMES | BEFORE_SECOND_FACTOR:
        return
    assert response.status_code == 302, f"{url} answered {response.status_code} before the second factor"
    assert response["Location"] in {
        reverse("accounts:two-factor-verify"),
        reverse("accounts:sign-in") + f"?next={url}",
    }


def test_only_the_allow_list_is_public() -> None:
    """A view opts out of sign-in only with login_not_required, and only these do."""
    public = set()
    for name, url in ALL_URLS:
        match = get_resolver().resolve(url)
        if not getattr(match.func, "login_required", True):
            public.add(name)
    assert public == PUBLIC_URL_NAMES | API_URL_NAMES
    assert {"api:schema", "api:concern-list"} <= API_URL_NAMES
