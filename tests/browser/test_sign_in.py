"""Signing in and out in a real Chromium: password and authenticator code,
first-time set-up with recovery codes, lockout, JavaScript off, and the
idle-session warning."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from prevent.accounts.roles import Role
from tests.factories import DEFAULT_PASSWORD, confirmed_totp_device

from .conftest import code_for_secret, current_code, new_user, sign_in, submit_password

pytestmark = pytest.mark.browser


def heading(page: Page) -> Any:
    return page.get_by_role("heading", level=1)


def sign_out(page: Page) -> None:
    page.get_by_role("link", name="Sign out").click()
    expect(heading(page)).to_have_text("Sign out")
    page.get_by_role("main").get_by_role("button", name="Sign out").click()
    expect(heading(page)).to_have_text("You have signed out")


def test_sign_in_with_password_and_code_see_role_home_and_sign_out(page: Page) -> None:
    user = new_user(Role.SPOC)
    device = confirmed_totp_device(user)

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/$"))
    submit_password(page, user.email)
    expect(heading(page)).to_have_text("Enter your security code")
    page.get_by_label("Code", exact=True).fill(current_code(device))
    page.get_by_role("button", name="Sign in").click()

    expect(heading(page)).to_have_text("Your work")
    expect(page.get_by_role("heading", level=2, name=Role.SPOC.label)).to_be_visible()
    expect(page.get_by_text(f"Signed in as {user.full_name}")).to_be_visible()
    # Only the roles the user holds get a section.
    expect(page.get_by_role("heading", level=2, name=Role.ADMINISTRATOR.label)).to_have_count(0)

    sign_out(page)
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/$"))
    expect(heading(page)).to_have_text("Sign in to Prevent Hub")


def test_wrong_code_is_refused_and_the_right_one_then_accepted(page: Page) -> None:
    user = new_user(Role.PRACTITIONER)
    device = confirmed_totp_device(user)
    submit_password(page, user.email)
    wrong = str((int(current_code(device)) + 1) % 1_000_000).zfill(6)
    page.get_by_label("Code", exact=True).fill(wrong)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("The code is not correct or has expired")
    expect(page).to_have_title("Error: Enter your security code - Prevent Hub")
    # The summary links to the field.
    page.get_by_role("link", name="The code is not correct or has expired").click()
    expect(page.get_by_label("Code", exact=True)).to_be_focused()
    page.get_by_label("Code", exact=True).fill(current_code(device))
    page.get_by_role("button", name="Sign in").click()
    expect(heading(page)).to_have_text("Your work")


def test_first_sign_in_sets_up_the_app_and_a_recovery_code_works_once(page: Page) -> None:
    user = new_user(Role.PRACTITIONER)

    submit_password(page, user.email)
    expect(heading(page)).to_have_text("Set up your authenticator app")
    page.get_by_text("I cannot scan the QR code").click()
    secret = page.locator("#totp-secret").inner_text()
    page.get_by_label("Code from your authenticator app").fill(code_for_secret(secret))
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Authenticator app set up")).to_be_visible()
    codes = page.locator("#recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("button", name="I have saved my recovery codes").click()
    expect(heading(page)).to_have_text("Your work")
    expect(page.get_by_role("heading", level=2, name=Role.PRACTITIONER.label)).to_be_visible()
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
    sign_out(page)

    # A recovery code signs in once...
    submit_password(page, user.email)
    expect(heading(page)).to_have_text("Enter your security code")
    page.get_by_label("Code", exact=True).fill(codes[0])
    page.get_by_role("button", name="Sign in").click()
    expect(heading(page)).to_have_text("Your work")
    sign_out(page)

    # ...and never again.
    submit_password(page, user.email)
    page.get_by_label("Code", exact=True).fill(codes[0])
    page.get_by_role("button", name="Sign in").click()
    expect(heading(page)).to_have_text("Enter your security code")
    expect(page.get_by_role("alert")).to_contain_text("The code is not correct or has expired")
    page.goto("/")
    expect(heading(page)).to_have_text("Enter your security code")


def test_five_wrong_passwords_lock_the_account(page: Page) -> None:
    user = new_user(Role.PRACTITIONER)
    confirmed_totp_device(user)

    for _ in range(4):
        submit_password(page, user.email, "not-the-password")
        expect(page.get_by_role("alert")).to_contain_text("Enter a correct email address and password")
    submit_password(page, user.email, "not-the-password")
    expect(heading(page)).to_have_text("Your account is locked")
    expect(page.locator("#lockout-message")).to_contain_text("Wait 30 minutes")

    # The right password no longer gets in while the lock lasts.
    submit_password(page, user.email, DEFAULT_PASSWORD)
    expect(heading(page)).to_have_text("Your account is locked")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/$"))


def test_sign_in_and_out_with_javascript_off(make_context: Any) -> None:
    user = new_user(Role.CHANNEL_CHAIR)
    device = confirmed_totp_device(user)
    page = make_context(java_script_enabled=False).new_page()

    page.goto("/sign-in/")
    # Scripts really are off: GOV.UK Frontend never marks the body as supported.
    expect(page.locator("body.govuk-frontend-supported")).to_have_count(0)
    sign_in(page, user, device)
    expect(page.get_by_role("heading", level=2, name=Role.CHANNEL_CHAIR.label)).to_be_visible()
    # The navigation is there without the menu button's script.
    expect(page.get_by_role("link", name="Your account")).to_be_visible()
    sign_out(page)
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/$"))


def test_idle_session_warning_shows_two_minutes_before_sign_out(signed_in_page: Any) -> None:
    user = new_user(Role.PRACTITIONER)
    page = signed_in_page(user)
    page.clock.install()
    page.goto("/")
    expect(heading(page)).to_have_text("Your work")
    warning = page.locator("#session-timeout-warning")
    expect(warning).to_be_hidden()

    page.clock.fast_forward("27:00")
    expect(warning).to_be_hidden()
    page.clock.fast_forward("02:00")
    expect(warning).to_be_visible()
    expect(warning).to_be_focused()
    expect(warning).to_contain_text("You will be signed out in 2 minutes")

    # "Stay signed in" reloads the page, which renews the session and the timer.
    warning.get_by_role("link", name="Stay signed in").click()
    expect(heading(page)).to_have_text("Your work")
    expect(warning).to_be_hidden()
    page.clock.fast_forward("27:00")
    expect(warning).to_be_hidden()

    # Once the idle time has passed the server has ended the session.
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    page.reload()
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/$"))


def test_no_idle_warning_when_signed_out(page: Page) -> None:
    page.clock.install()
    page.goto("/sign-in/")
    page.clock.fast_forward("40:00")
    expect(page.locator("#session-timeout-warning")).to_have_count(0)
