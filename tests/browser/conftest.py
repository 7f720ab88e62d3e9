"""Fixtures for the browser tests: one Chromium per test module, a fresh
context (cookies, storage) per test, axe-core, and helpers to sign in
through the real pages. Other apps' browser tests import them from here.

Run them alone with `pytest -m browser`; leave them out with `-m "not browser"`."""

from __future__ import annotations

import base64
import importlib
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, cast

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.db import connection
from django.db.backends.base.operations import BaseDatabaseOperations
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

from prevent.accounts.models import User
from tests.factories import DEFAULT_PASSWORD, UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Long enough for a slow CI machine, short enough that a missing element fails fast.
TIMEOUT_MS = 10_000


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail(
            "The browser tests need Chromium: install it (Debian: apt-get install chromium), "
            "set CHROMIUM_PATH, or leave the browser tests out with -m 'not browser'."
        )
    return path


# The audit table is append-only (prevent/audit/migrations/0002): its
# triggers refuse DELETE and TRUNCATE, so they also refuse the flush that
# ends every transactional test (the live server needs those). The flush
# suspends them, with the migration's own SQL, and puts them back at once.
_audit_triggers = importlib.import_module("prevent.audit.triggers")  # the triggers as they stand
PG_SUSPEND = "ALTER TABLE audit_auditevent DISABLE TRIGGER USER;"
PG_RESUME = "ALTER TABLE audit_auditevent ENABLE TRIGGER USER;"


@contextmanager
def audit_triggers_suspended(ops: BaseDatabaseOperations) -> Iterator[None]:
    vendor = ops.connection.vendor
    with ops.connection.cursor() as cursor:
        if vendor == "sqlite":
            for statement in _audit_triggers.SQLITE_REVERSE:
                cursor.execute(statement)
        elif vendor == "postgresql":
            cursor.execute(PG_SUSPEND)
    try:
        yield
    finally:
        with ops.connection.cursor() as cursor:
            if vendor == "sqlite":
                for statement in _audit_triggers.SQLITE_FORWARD:
                    cursor.execute(statement)
            elif vendor == "postgresql":
                cursor.execute(PG_RESUME)


@pytest.fixture(scope="session", autouse=True)
def _flush_past_audit_triggers() -> Iterator[None]:
    """Other test modules import these fixtures, so this may run more than
    once in a session: only the first one wraps the flush."""
    operations = type(connection.ops)
    original = operations.execute_sql_flush
    if getattr(original, "suspends_audit_triggers", False):
        yield
        return

    def execute_sql_flush(self: BaseDatabaseOperations, sql_list: list[str]) -> None:
        with audit_triggers_suspended(self):
            original(self, sql_list)

    execute_sql_flush.suspends_audit_triggers = True  # type: ignore[attr-defined]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(operations, "execute_sql_flush", execute_sql_flush)
        yield


# Playwright, Chromium and the live server last one test module: other
# apps' test modules import these fixtures, and Playwright's sync API
# refuses to start while another instance runs, so each module's are
# closed before the next module starts its own. Starting them costs about
# a second a module.
@pytest.fixture(scope="module")
def live_server(request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    """pytest-django's live server, started with a MEDIA_URL it can parse.

    The settings have MEDIA_URL = None (uploads are private: no media route),
    which Django's live-server media handler cannot read. A URL on another
    host makes that handler step aside, so it still serves no uploads."""
    addr = (
        request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    )
    with override_settings(MEDIA_URL="http://media.invalid/"):
        server = LiveServer(addr)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def new_context(browser: Browser, live_server: LiveServer, **kwargs: Any) -> BrowserContext:
    context = browser.new_context(base_url=live_server.url, locale="en-GB", **kwargs)
    context.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    return context


@pytest.fixture
def context(browser: Browser, live_server: LiveServer) -> Iterator[BrowserContext]:
    context = new_context(browser, live_server)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def make_context(browser: Browser, live_server: LiveServer) -> Iterator[Callable[..., BrowserContext]]:
    """Extra contexts, e.g. with JavaScript off or a second user."""
    made: list[BrowserContext] = []

    def make(**kwargs: Any) -> BrowserContext:
        context = new_context(browser, live_server, **kwargs)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


def new_user(*roles: str, **kwargs: Any) -> User:
    return cast(User, UserFactory(roles=list(roles), **kwargs))


def current_code(device: TOTPDevice) -> str:
    """The code an authenticator app would show now for this device."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return str(value).zfill(device.digits)


def code_for_secret(secret: str, digits: int = 6) -> str:
    """The current code for a base32 key as shown on the set-up page."""
    compact = secret.replace(" ", "").upper()
    key = base64.b32decode(compact + "=" * (-len(compact) % 8))
    return str(totp(key, step=30, t0=0, digits=digits)).zfill(digits)


def submit_password(page: Page, email: str, password: str = DEFAULT_PASSWORD) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Continue").click()


def sign_in(page: Page, user: Any, device: TOTPDevice) -> None:
    """Password then authenticator code, through the real pages."""
    submit_password(page, user.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    page.get_by_label("Code", exact=True).fill(current_code(device))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your work")


# Beyond axe-core: ids must be unique and every id a label or an ARIA
# attribute points to must exist. axe 4.12 leaves the unique-id rules off
# (WCAG 2.2 dropped 4.1.1 Parsing) or only asks for a review, but a repeated
# or missing id breaks the link between a field and its hint or error.
ID_PROBLEMS_JS = """() => {
  const problems = [];
  const counts = new Map();
  for (const el of document.querySelectorAll("[id]")) counts.set(el.id, (counts.get(el.id) || 0) + 1);
  for (const [id, n] of counts) if (n > 1) problems.push(`id "${id}" is used ${n} times`);
  const refs = ["aria-describedby", "aria-labelledby", "aria-controls", "for"];
  for (const attr of refs) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      for (const id of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) {
          problems.push(`${attr}="${id}" on <${el.localName}> points to no element`);
        }
      }
    }
  }
  return problems;
}"""


class AxeChecker:
    """Runs axe-core in the page and collects every page's violations, so one
    test can walk many pages and report them all at the end."""

    def __init__(self) -> None:
        self.axe = Axe()
        self.failures: list[str] = []

    def check(self, page: Page, label: str) -> None:
        results = self.axe.run(page)
        if results.violations_count:
            self.failures.append(f"--- {label} ({page.url})\n{results.generate_report()}")
        id_problems = page.evaluate(ID_PROBLEMS_JS)
        if id_problems:
            self.failures.append(f"--- {label} ({page.url})\n" + "\n".join(id_problems))

    def assert_clean(self) -> None:
        assert not self.failures, "Accessibility problems found:\n" + "\n".join(self.failures)


@pytest.fixture
def axe() -> AxeChecker:
    return AxeChecker()


@pytest.fixture
def signed_in_page(
    make_context: Callable[..., BrowserContext], client_for: Callable[[Any], Client], live_server: LiveServer
) -> Callable[..., Page]:
    """A page already signed in (password and second factor) as `user`: the
    session is made by Django's test client and handed to the browser, for
    tests about what a signed-in user sees rather than how they got in."""

    def make(user: Any, **context_kwargs: Any) -> Page:
        client = client_for(user)
        context = make_context(**context_kwargs)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        return context.new_page()

    return make
