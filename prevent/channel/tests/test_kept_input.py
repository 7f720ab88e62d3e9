"""A session that timed out keeps the page's input and offers it again
after sign-in and the second factor (issue 14 part 6, ADR 0018)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp

from prevent.accounts.roles import Role
from prevent.channel import services as C
from prevent.channel.models import Intervention
from prevent.channel.tests.conftest import adopted_case, consent_given
from prevent.core import clock
from prevent.core.kept_input import COOKIE
from tests.factories import DEFAULT_PASSWORD, confirmed_totp_device

pytestmark = pytest.mark.django_db


def _code(device: Any) -> str:
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(
        device.digits
    )


def _intervention(people: dict[str, Any], provider: Any) -> Intervention:
    case, _ = adopted_case(people)
    consent_given(people, case)
    case.refresh_from_db()
    return C.intervention_add(
        actor=people["coordinator"],
        case=case,
        type="diversionary",
        provider=provider,
        description="Football",
        start_on=clock.today(),
        review_on=None,
        end_on=None,
    )


def test_a_timed_out_post_is_kept_and_offered_again_after_sign_in_and_second_factor(
    people: dict[str, Any], provider: Any
) -> None:
    coordinator = people["coordinator"]
    device = confirmed_totp_device(coordinator)
    intervention = _intervention(people, provider)
    url = reverse("channel:intervention-change", args=[intervention.case_id, intervention.pk])
    browser = Client(enforce_csrf_checks=False)
    # Signed in on this browser, then the session ended while typing.
    browser.force_login(coordinator)
    browser.get(reverse("home:home"))
    del browser.cookies[settings.SESSION_COOKIE_NAME]
    # The POST is not saved, what was typed is kept.
    response = browser.post(
        url,
        {"version": "1", "description": "Typed for twenty minutes", "outcome": "", "password": "hunter2"},
    )
    assert response.status_code == 302
    sign_in_url = urlparse(response["Location"])
    assert sign_in_url.path == reverse("accounts:sign-in")
    kept_path = parse_qs(sign_in_url.query)["next"][0]
    assert kept_path.startswith("/kept/")
    intervention.refresh_from_db()
    assert intervention.description == "Football"
    # Sign in with the password, then the second factor.
    signed = browser.post(
        f"{reverse('accounts:sign-in')}?next={kept_path}",
        {"email": coordinator.email, "password": DEFAULT_PASSWORD, "next": kept_path},
    )
    assert signed["Location"] == reverse("accounts:two-factor-verify")
    verified = browser.post(reverse("accounts:two-factor-verify"), {"code": _code(device)})
    assert verified["Location"] == kept_path
    page = browser.get(kept_path)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Typed for twenty minutes" in html and f'action="{url}"' in html
    assert "hunter2" not in html
    assert 'name="csrfmiddlewaretoken"' in html
    # Once only.
    assert browser.get(kept_path).status_code == 404
    # Sent again (a normal POST, checked as any other): saved.
    again = browser.post(url, {"version": "1", "description": "Typed for twenty minutes", "outcome": ""})
    assert again.status_code == 302
    intervention.refresh_from_db()
    assert intervention.description == "Typed for twenty minutes"


def test_the_kept_input_opens_only_in_the_browser_that_sent_it(
    people: dict[str, Any], provider: Any, make_user: Any
) -> None:
    from tests.builders import sign_in

    intervention = _intervention(people, provider)
    url = reverse("channel:intervention-change", args=[intervention.case_id, intervention.pk])
    browser = Client()
    # A browser that names nobody (never signed in) keeps nothing.
    assert browser.post(url, {"description": "Not kept"}).status_code == 302
    assert COOKIE not in browser.cookies
    browser.force_login(people["coordinator"])
    browser.get(reverse("home:home"))
    del browser.cookies[settings.SESSION_COOKIE_NAME]
    response = browser.post(url, {"description": "Kept"})
    kept_path = parse_qs(urlparse(response["Location"]).query)["next"][0]
    token = browser.cookies[COOKIE].value
    assert kept_path == reverse("core:kept-input", args=[token])
    other = sign_in(make_user(Role.PREVENT_COORDINATOR, organisation=people["council"]))
    assert other.get(kept_path).status_code == 404
    # Nor to somebody else who signs in on the same browser afterwards.
    other.cookies[COOKIE] = token
    assert other.get(kept_path).status_code == 404
    mine = sign_in(people["coordinator"])
    mine.cookies[COOKIE] = token
    assert mine.post(kept_path).status_code == 405
    assert mine.get(kept_path).status_code == 200


def test_signing_out_on_purpose_forgets_the_user_so_nothing_is_kept(
    people: dict[str, Any], provider: Any
) -> None:
    from prevent.core.kept_input import LAST_USER_COOKIE

    intervention = _intervention(people, provider)
    url = reverse("channel:intervention-change", args=[intervention.case_id, intervention.pk])
    browser = Client()
    browser.force_login(people["coordinator"])
    browser.get(reverse("home:home"))
    assert browser.cookies[LAST_USER_COOKIE].value
    browser.post(reverse("accounts:sign-out"))
    assert not browser.cookies[LAST_USER_COOKIE].value
    assert browser.post(url, {"description": "Left on a shared computer"}).status_code == 302
    assert not browser.cookies.get(COOKIE) or not browser.cookies[COOKIE].value
