"""Sign-in with password and second factor, lockout, sign-out and resets,
through the pages a person uses."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from tests.factories import DEFAULT_PASSWORD, confirmed_totp_device

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign-in")


def current_code(device: TOTPDevice) -> str:
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(
        device.digits
    )


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("id").values_list("action", flat=True))


def test_password_then_code_signs_in_and_is_audited(client: Client, make_user) -> None:
    user = make_user(Role.SPOC)
    device = confirmed_totp_device(user)

    response = client.post(SIGN_IN, {"email": user.email.upper(), "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two-factor-verify")

    # Half signed in: every other page still sends the user to the second factor.
    assert client.get(reverse("home:home"))["Location"] == reverse("accounts:two-factor-verify")

    response = client.post(reverse("accounts:two-factor-verify"), {"code": current_code(device)})
    assert response.status_code == 302
    home = client.get(reverse("home:home"))
    assert home.status_code == 200
    assert "Single Point of Contact (SPOC)" in home.content.decode()
    assert actions() == ["password_accepted", "signed_in"]
    event = AuditEvent.objects.get(action="signed_in")
    assert event.actor == user
    assert event.actor_roles == [Role.SPOC.value]
    assert event.actor_organisation_label == user.organisation.name
    assert event.ip_address == "127.0.0.1"
    assert event.request_id


def test_wrong_code_is_refused_with_a_message_and_audited(client: Client, make_user) -> None:
    user = make_user(Role.PRACTITIONER)
    confirmed_totp_device(user)
    client.post(SIGN_IN, {"email": user.email, "password": DEFAULT_PASSWORD})
    response = client.post(reverse("accounts:two-factor-verify"), {"code": "000000"})
    assert response.status_code == 200
    assert "The code is not correct or has expired" in response.content.decode()
    assert "two_factor_failed" in actions()
    assert client.get(reverse("home:home")).status_code == 302


def test_wrong_password_keeps_the_email_and_says_what_to_do(client: Client, make_user) -> None:
    user = make_user(Role.PRACTITIONER)
    response = client.post(SIGN_IN, {"email": user.email, "password": "not-the-password"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter a correct email address and password" in body
    assert f'value="{user.email}"' in body
    assert actions() == ["sign_in_failed"]
    assert AuditEvent.objects.get().actor_label == user.email


def test_missing_answers_get_messages_next_to_the_fields(client: Client) -> None:
    response = client.post(SIGN_IN, {"email": "", "password": ""})
    body = response.content.decode()
    assert "There is a problem" in body
    assert 'href="#id_email">Enter your email address' in body
    assert 'id="id_email-error"' in body
    assert "Enter your password" in body


def test_five_failures_lock_the_account_even_with_the_right_password(client: Client, make_user) -> None:
    user = make_user(Role.PRACTITIONER)
    confirmed_totp_device(user)
    for _ in range(4):
        assert client.post(SIGN_IN, {"email": user.email, "password": "wrong"}).status_code == 200
    locked = client.post(SIGN_IN, {"email": user.email, "password": "wrong"})
    assert locked.status_code == 429
    assert "Your account is locked" in locked.content.decode()
    again = client.post(SIGN_IN, {"email": user.email, "password": DEFAULT_PASSWORD})
    assert again.status_code == 429
    assert "locked_out" in actions()
    assert "password_accepted" not in actions()


def test_first_sign_in_enrols_an_authenticator_with_recovery_codes(client: Client, make_user) -> None:
    user = make_user(Role.PREVENT_COORDINATOR)
    response = client.post(SIGN_IN, {"email": user.email, "password": DEFAULT_PASSWORD})
    assert response["Location"] == reverse("accounts:two-factor-setup")
    page = client.get(reverse("accounts:two-factor-setup"))
    assert 'aria-label="QR code for your authenticator app"' in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    wrong = client.post(reverse("accounts:two-factor-setup"), {"code": "123"})
    assert "The code is not correct" in wrong.content.decode()

    response = client.post(reverse("accounts:two-factor-setup"), {"code": current_code(device)})
    assert response["Location"] == reverse("accounts:recovery-codes")
    codes_page = client.get(reverse("accounts:recovery-codes")).content.decode()
    codes = re.findall(r"<code>(\w+)</code>", codes_page)
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    # Shown once only.
    assert client.get(reverse("accounts:recovery-codes")).status_code == 302
    assert client.get(reverse("home:home")).status_code == 200
    assert "two_factor_enrolled" in actions()

    # A recovery code signs in once, then is spent.
    other = Client()
    other.post(SIGN_IN, {"email": user.email, "password": DEFAULT_PASSWORD})
    assert other.post(reverse("accounts:two-factor-verify"), {"code": codes[0]}).status_code == 302
    assert other.get(reverse("home:home")).status_code == 200
    third = Client()
    third.post(SIGN_IN, {"email": user.email, "password": DEFAULT_PASSWORD})
    assert third.post(reverse("accounts:two-factor-verify"), {"code": codes[0]}).status_code == 200
    assert StaticDevice.objects.get(user=user).token_set.count() == 9


def test_enrolled_user_cannot_replace_the_app_without_the_current_factor(client: Client, make_user) -> None:
    user = make_user(Role.SPOC)
    confirmed_totp_device(user)
    client.post(SIGN_IN, {"email": user.email, "password": DEFAULT_PASSWORD})
    response = client.get(reverse("accounts:two-factor-setup"))
    assert response["Location"] == reverse("accounts:two-factor-verify")


def test_sign_out_is_a_post_and_is_audited(client_for, make_user) -> None:
    user = make_user(Role.PRACTITIONER)
    client = client_for(user)
    confirm = client.get(reverse("accounts:sign-out"))
    assert confirm.status_code == 200
    assert client.get(reverse("home:home")).status_code == 200  # GET did not sign out
    response = client.post(reverse("accounts:sign-out"))
    assert response["Location"] == reverse("accounts:signed-out")
    assert client.get(reverse("home:home"))["Location"].startswith(SIGN_IN)
    assert actions()[-1] == "signed_out"


def test_sign_out_everywhere_ends_every_session(client_for, make_user) -> None:
    user = make_user(Role.SPOC)
    laptop = client_for(user)
    phone = client_for(user)
    assert phone.get(reverse("home:home")).status_code == 200
    laptop.post(reverse("accounts:sign-out-everywhere"))
    assert laptop.get(reverse("home:home")).status_code == 302
    assert phone.get(reverse("home:home")).status_code == 302
    assert "signed_out_everywhere" in actions()


def test_password_reset_by_email_link(client: Client, make_user) -> None:
    user = make_user(Role.PRACTITIONER)
    other_session = Client()
    other_session.force_login(user)

    response = client.post(reverse("accounts:password-reset"), {"email": user.email})
    assert response["Location"] == reverse("accounts:password-reset-done")
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/password-reset/\S+/)", str(mail.outbox[0].body))
    assert link is not None
    confirm = client.get(link.group(1), follow=True)
    assert "Choose a new password" in confirm.content.decode()
    new_password = "a-much-longer-new-passphrase-2026"
    done = client.post(
        confirm.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
    )
    assert done["Location"] == reverse("accounts:password-reset-complete")
    user.refresh_from_db()
    assert user.check_password(new_password)
    assert actions() == ["password_reset_requested", "password_reset"]
    # The new password ends other sessions.
    assert other_session.get(reverse("home:home")).status_code == 302


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client: Client) -> None:
    response = client.post(reverse("accounts:password-reset"), {"email": "nobody@test.example"})
    assert response["Location"] == reverse("accounts:password-reset-done")
    assert mail.outbox == []


def test_next_parameter_cannot_send_the_user_off_site(client: Client, make_user) -> None:
    user = make_user(Role.SPOC)
    device = confirmed_totp_device(user)
    client.post(
        f"{SIGN_IN}?next=https://evil.example/",
        {"email": user.email, "password": DEFAULT_PASSWORD, "next": "https://evil.example/"},
    )
    response = client.post(reverse("accounts:two-factor-verify"), {"code": current_code(device)})
    assert response["Location"] == reverse("home:home")


def test_demo_users_skip_the_second_factor_only_in_demo_mode(client: Client, make_user, settings) -> None:
    user = make_user(Role.SPOC, is_demo_user=True)
    response = client.post(SIGN_IN, {"email": user.email, "password": DEFAULT_PASSWORD})
    assert response["Location"] == reverse("accounts:two-factor-setup")

    settings.PREVENT_DEMO_MODE = True
    settings.DEBUG = True
    demo = Client()
    response = demo.post(SIGN_IN, {"email": user.email, "password": DEFAULT_PASSWORD})
    assert response["Location"] == reverse("home:home")
    page = demo.get(reverse("home:home")).content.decode()
    assert "Demo - not for real data" in page


def test_a_real_user_needs_the_second_factor_even_in_demo_mode(client: Client, make_user, settings) -> None:
    settings.PREVENT_DEMO_MODE = True
    settings.DEBUG = True
    user = make_user(Role.SPOC)
    response = client.post(SIGN_IN, {"email": user.email, "password": DEFAULT_PASSWORD})
    assert response["Location"] == reverse("accounts:two-factor-setup")


def test_sessions_expire_after_thirty_idle_minutes(client_for, make_user, settings) -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    client = client_for(make_user(Role.SPOC))
    response = client.get(reverse("home:home"))
    assert 'data-session-timeout-seconds="1800"' in response.content.decode()
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    # Browser-session cookie, renewed on each request; the server-side expiry is 30 minutes.
    assert cookie["max-age"] == ""
    assert 1790 <= client.session.get_expiry_age() <= 1800


def test_inactive_users_cannot_sign_in(client: Client, make_user) -> None:
    user = make_user(Role.SPOC, is_active=False)
    response = client.post(SIGN_IN, {"email": user.email, "password": DEFAULT_PASSWORD})
    assert "Enter a correct email address and password" in response.content.decode()


def test_repeated_wrong_codes_are_slowed_down(client: Client, make_user, settings) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 1
    user = make_user(Role.SPOC)
    device = confirmed_totp_device(user)
    client.post(SIGN_IN, {"email": user.email, "password": DEFAULT_PASSWORD})
    client.post(reverse("accounts:two-factor-verify"), {"code": "000000"})
    # Straight after a failure even the right code waits for the throttle.
    response = client.post(reverse("accounts:two-factor-verify"), {"code": current_code(device)})
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.throttling_failure_count >= 1
