"""Passkeys (WebAuthn) as a second factor beside the authenticator app:
the settings and URL wiring, and the pages, through the Django test client.
The ceremonies themselves run in Chromium with a virtual authenticator:
prevent/accounts/tests/test_passkeys_browser.py."""

from __future__ import annotations

import json
import re
from typing import Any

from django.conf import settings
from django.test import Client
from django.urls import resolve, reverse

from prevent.accounts import passkeys
from prevent.accounts.roles import Role
from prevent.audit.actions import label
from tests.factories import DEFAULT_PASSWORD, confirmed_totp_device


def test_passkeys_are_a_second_factor_only_and_the_ceremonies_are_ours() -> None:
    assert "django_otp_webauthn" in settings.INSTALLED_APPS
    assert settings.OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN is False
    assert settings.OTP_WEBAUTHN_RP_ID
    assert all(o.startswith(("https://", "http://localhost")) for o in settings.OTP_WEBAUTHN_ALLOWED_ORIGINS)
    views = {
        "otp_webauthn:credential-registration-begin": passkeys.begin_registration,
        "otp_webauthn:credential-registration-complete": passkeys.complete_registration,
        "otp_webauthn:credential-authentication-begin": passkeys.begin_authentication,
        "otp_webauthn:credential-authentication-complete": passkeys.complete_authentication,
    }
    for name, view in views.items():
        assert resolve(reverse(name)).func is view, name
    # Signing in with a passkey is the second step: reachable with a password alone.
    assert passkeys.begin_authentication.second_factor_required is False  # type: ignore[attr-defined]
    assert passkeys.complete_authentication.second_factor_required is False  # type: ignore[attr-defined]
    assert getattr(passkeys.begin_registration, "second_factor_required", True) is True
    assert label("passkey_registered") == "Passkey added"


def _scripts(html: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>", html)


def test_the_verify_page_offers_a_passkey_with_our_own_script(client: Client, make_user: Any) -> None:
    user = make_user(Role.PRACTITIONER)
    confirmed_totp_device(user)
    client.post(reverse("accounts:sign-in"), {"email": user.email, "password": DEFAULT_PASSWORD})
    response = client.get(reverse("accounts:two-factor-verify"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="passkey-verification-placeholder"' in html
    assert 'id="passkey-verification-button"' in html
    scripts = _scripts(html)
    assert any(f'src="{settings.STATIC_URL}django_otp_webauthn/otp_webauthn_auth.js"' in s for s in scripts)
    # Every script is a file from this origin, or data (not run): the CSP needs no exception.
    for tag in scripts:
        assert 'src="/' in tag or 'type="application/json"' in tag, tag
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    config = json.loads(re.search(r'id="otp_webauthn_config"[^>]*>(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]
    assert config["beginAuthenticationUrl"] == reverse("otp_webauthn:credential-authentication-begin")
    # The code form is still there: the way in without JavaScript.
    assert 'name="code"' in html


def test_the_passkeys_page_is_linked_from_the_account_and_works_without_javascript(
    client_for: Any, make_user: Any
) -> None:
    client = client_for(make_user(Role.SPOC))
    account = client.get(reverse("accounts:account")).content.decode()
    assert f'href="{reverse("accounts:passkeys")}"' in account
    response = client.get(reverse("accounts:passkeys"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "You have no passkeys." in html
    assert "Adding a passkey needs JavaScript" in html  # shown until the script replaces it
    assert 'id="passkey-register-button" class="govuk-button"' in html
    assert any("otp_webauthn_register.js" in s for s in _scripts(html))


def test_a_password_alone_cannot_register_a_passkey(client: Client, make_user: Any) -> None:
    """Otherwise a stolen password would be enough to add a second factor."""
    user = make_user(Role.PRACTITIONER)
    confirmed_totp_device(user)
    client.post(reverse("accounts:sign-in"), {"email": user.email, "password": DEFAULT_PASSWORD})
    response = client.post(
        reverse("otp_webauthn:credential-registration-begin"), "{}", content_type="application/json"
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two-factor-verify")
    assert client.get(reverse("accounts:passkeys")).status_code == 302


def test_a_completion_without_a_ceremony_is_refused_and_records_nothing(
    client_for: Any, make_user: Any
) -> None:
    from prevent.audit.models import AuditEvent

    client = client_for(make_user(Role.SPOC))
    before = AuditEvent.objects.count()
    response = client.post(
        reverse("otp_webauthn:credential-registration-complete"), "{}", content_type="application/json"
    )
    assert response.status_code == 400
    assert AuditEvent.objects.count() == before


def test_resetting_the_second_factor_removes_passkeys_too(make_user: Any) -> None:
    """A lost device: after the administrator's reset no passkey still works."""
    import hashlib

    from django_otp_webauthn.models import WebAuthnCredential

    from prevent.accounts.services.users import user_reset_second_factor
    from prevent.audit.models import AuditEvent

    admin = make_user(Role.ADMINISTRATOR)
    user = make_user(Role.PRACTITIONER)
    confirmed_totp_device(user)
    WebAuthnCredential.objects.create(
        user=user,
        name="Passkey",
        credential_id=b"credential",
        credential_id_sha256=hashlib.sha256(b"credential").hexdigest(),
        public_key=b"key",
        sign_count=0,
        aaguid="00000000-0000-0000-0000-000000000000",
    )
    user_reset_second_factor(actor=admin, user=user)
    assert not WebAuthnCredential.objects.filter(user=user).exists()
    event = AuditEvent.objects.filter(action="user_second_factor_reset").latest("pk")
    assert event.changes["passkeys"] == {"before": 1, "after": 0}
