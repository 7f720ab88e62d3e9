"""axe-core in a real Chromium finds no violation on any page of the shell.

Each test walks a group of pages and reports every page's violations at
the end (the report names the rule, the element and the fix)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from prevent.accounts.roles import Role
from prevent.audit.services import record_event
from prevent.core.models import Sector
from tests.factories import OrganisationFactory

from .conftest import AxeChecker, code_for_secret, new_user, submit_password

pytestmark = pytest.mark.browser

NEW_PASSWORD = "a-new-and-long-passphrase-2025"


def visit(page: Page, path: str, axe: AxeChecker, label: str, status: int = 200) -> None:
    response = page.goto(path)
    assert response is not None
    assert response.status == status, f"{label}: {path} answered {response.status}, expected {status}"
    axe.check(page, label)


def heading(page: Page) -> Any:
    return page.get_by_role("heading", level=1)


def test_public_and_password_reset_pages(page: Page, axe: AxeChecker) -> None:
    user = new_user(Role.PRACTITIONER)

    visit(page, "/sign-in/", axe, "sign-in")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter your email address")
    axe.check(page, "sign-in: fields missing")
    submit_password(page, user.email, "not-the-password")
    expect(page.get_by_role("alert")).to_contain_text("Enter a correct email address and password")
    axe.check(page, "sign-in: wrong password")

    visit(page, "/privacy/", axe, "privacy notice")
    visit(page, "/accessibility/", axe, "accessibility statement")
    visit(page, "/no-such-page/", axe, "404 (signed out)", status=404)
    visit(page, "/signed-out/", axe, "signed out")

    visit(page, "/password-reset/", axe, "password reset: form")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter your email address")
    axe.check(page, "password reset: form with error")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_role("button", name="Send the link").click()
    expect(heading(page)).to_have_text("Check your email")
    axe.check(page, "password reset: sent")

    link = re.search(r"https?://\S+/password-reset/\S+/", str(mail.outbox[-1].body))
    assert link, mail.outbox[-1].body
    page.goto(link.group(0))
    expect(heading(page)).to_have_text("Choose a new password")
    axe.check(page, "password reset: choose a new password")
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill("something else entirely")
    page.get_by_role("button", name="Save password").click()
    expect(page.get_by_role("alert")).to_be_visible()
    axe.check(page, "password reset: choose a new password with error")
    # Several errors on one field (too short and too common).
    page.get_by_label("New password", exact=True).fill("password")
    page.get_by_label("New password confirmation").fill("password")
    page.get_by_role("button", name="Save password").click()
    expect(page.get_by_role("alert").get_by_role("listitem")).to_have_count(2)
    axe.check(page, "password reset: choose a new password with two errors on a field")
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save password").click()
    expect(heading(page)).to_have_text("Your password has been saved")
    axe.check(page, "password reset: complete")
    page.goto(link.group(0))
    expect(heading(page)).to_have_text("This link does not work")
    axe.check(page, "password reset: used link")

    axe.assert_clean()


def test_second_factor_pages(page: Page, axe: AxeChecker) -> None:
    user = new_user(Role.PRACTITIONER)

    submit_password(page, user.email)
    expect(heading(page)).to_have_text("Set up your authenticator app")
    axe.check(page, "second factor: set up")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the 6-digit code")
    axe.check(page, "second factor: set up with error")
    page.get_by_text("I cannot scan the QR code").click()
    axe.check(page, "second factor: set up with the key shown")
    secret = page.locator("#totp-secret").inner_text()
    page.get_by_label("Code from your authenticator app").fill(code_for_secret(secret))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Authenticator app set up")).to_be_visible()
    axe.check(page, "second factor: recovery codes")

    page.context.clear_cookies()
    submit_password(page, user.email)
    expect(heading(page)).to_have_text("Enter your security code")
    axe.check(page, "second factor: verify")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the code from your authenticator app")
    axe.check(page, "second factor: verify with error")
    page.get_by_text("I cannot use my authenticator app").click()
    axe.check(page, "second factor: verify with recovery help open")

    axe.assert_clean()


@pytest.mark.parametrize("role", list(Role))
def test_your_work_for_each_role(role: Role, signed_in_page: Any, axe: AxeChecker) -> None:
    user = new_user(role)
    page = signed_in_page(user)
    visit(page, "/", axe, f"your work ({role.label})")
    expect(page.get_by_role("heading", level=2, name=role.label)).to_be_visible()
    axe.assert_clean()


def test_signed_in_shell_pages(signed_in_page: Any, axe: AxeChecker) -> None:
    user = new_user(Role.PRACTITIONER, Role.SPOC)
    page = signed_in_page(user)

    visit(page, "/", axe, "your work (two roles)")
    visit(page, "/account/", axe, "your account")
    visit(page, "/privacy/", axe, "privacy notice (signed in)")
    visit(page, "/no-such-page/", axe, "404 (signed in)", status=404)
    visit(page, "/manage/users/", axe, "403 (practitioner opening users)", status=403)
    expect(heading(page)).to_have_text("You do not have permission to see this page")
    visit(page, "/sign-out/", axe, "sign out")
    page.get_by_role("main").get_by_role("button", name="Sign out").click()
    expect(heading(page)).to_have_text("You have signed out")
    axe.check(page, "signed out (after signing out)")

    axe.assert_clean()


def test_idle_warning_shown(signed_in_page: Any, axe: AxeChecker) -> None:
    user = new_user(Role.PRACTITIONER)
    page = signed_in_page(user)
    page.clock.install()
    page.goto("/")
    page.clock.fast_forward("29:00")
    expect(page.locator("#session-timeout-warning")).to_be_visible()
    axe.check(page, "your work with the idle-session warning shown")
    axe.assert_clean()


def test_administrator_and_audit_pages(signed_in_page: Any, axe: AxeChecker) -> None:
    organisation = OrganisationFactory(name="Cherwell Academy")
    OrganisationFactory(name="Thames Valley Police", sector=Sector.POLICE)
    admin = new_user(Role.ADMINISTRATOR, organisation=organisation)
    spoc = new_user(Role.SPOC, organisation=organisation)
    page = signed_in_page(admin)
    visit(page, "/manage/users/", axe, "manage users")
    visit(page, "/manage/organisations/", axe, "manage organisations")
    visit(page, "/manage/local-area/", axe, "local area settings")
    # A locked account: on the administrator's home and its unlock page.
    for _ in range(5):
        Client().post(reverse("accounts:sign-in"), {"email": spoc.email, "password": "wrong"})
    visit(page, "/", axe, "your work (administrator, a locked account)")
    expect(page.get_by_text("Locked accounts")).to_be_visible()
    visit(page, reverse("users:unlock", args=[spoc.pk]), axe, "unlock an account")

    coordinator = new_user(Role.PREVENT_COORDINATOR)
    with transaction.atomic():
        record_event(actor=admin, action="user_roles_changed", summary="Changed a user's roles", obj=admin)
        record_event(
            actor=None, actor_label="someone@test.example", action="sign_in_failed", summary="Failed"
        )
    page = signed_in_page(coordinator)
    visit(page, "/", axe, "your work (coordinator, before the audit log)")
    visit(page, "/audit/", axe, "audit log")
    expect(page.get_by_text("Changed a user's roles")).to_be_visible()

    axe.assert_clean()


def test_lockout_page(page: Page, axe: AxeChecker) -> None:
    user = new_user(Role.PRACTITIONER)
    for _ in range(5):
        submit_password(page, user.email, "not-the-password")
    expect(heading(page)).to_have_text("Your account is locked")
    axe.check(page, "account locked")
    axe.assert_clean()
