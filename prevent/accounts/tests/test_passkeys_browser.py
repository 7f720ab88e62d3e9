"""The passkey ceremonies in Chromium, with a virtual authenticator (CDP
WebAuthn.addVirtualAuthenticator): a user who signed in with their
authenticator app adds a passkey, signs out, and signs in again with the
password and the passkey. Both are recorded in the audit log."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import Page, expect

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from tests.browser.conftest import (  # noqa: F401  (the browser fixtures)
    AxeChecker,
    _flush_past_audit_triggers,
    axe,
    browser,
    context,
    live_server,
    make_context,
    new_user,
    page,
    playwright_instance,
    sign_in,
    submit_password,
)
from tests.factories import confirmed_totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _virtual_authenticator(page: Page) -> Any:  # noqa: F811
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp


def test_add_a_passkey_then_sign_in_with_it(
    page: Page,  # noqa: F811
    live_server: Any,  # noqa: F811
    settings: Any,
    axe: AxeChecker,  # noqa: F811  (the browser fixtures)
) -> None:
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    user = new_user(Role.SPOC)
    device = confirmed_totp_device(user)
    _virtual_authenticator(page)

    sign_in(page, user, device)
    page.goto("/account/")
    page.get_by_role("link", name="Passkeys").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Passkeys")
    expect(page.get_by_role("button", name="Add a passkey")).to_be_visible()
    axe.check(page, "passkeys page")
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.locator("#passkey-register-status-message")).to_contain_text(re.compile("success", re.I))
    credential = WebAuthnCredential.objects.get(user=user)
    assert AuditEvent.objects.filter(actor=user, action="passkey_registered").count() == 1
    page.reload()
    expect(page.get_by_text("You have no passkeys.")).to_have_count(0)

    page.context.clear_cookies()
    submit_password(page, user.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    expect(page.get_by_role("button", name="Use a passkey")).to_be_visible()
    axe.check(page, "security code page with a passkey")
    page.get_by_role("button", name="Use a passkey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your work", timeout=30_000)
    event = AuditEvent.objects.filter(actor=user, action="signed_in").order_by("-pk").first()
    assert event is not None and event.summary == "Signed in with a passkey"
    credential.refresh_from_db()
    assert credential.last_used_at is not None
    axe.assert_clean()
