"""Passkeys (WebAuthn) as a second factor beside the authenticator app
(django-otp-webauthn, ADR 0021).

A user registers a passkey once they have set up an authenticator app and
passed it in this session; at the second step of signing in they then use
either. Passkeys need JavaScript (WebAuthn is a browser API): the
authenticator app stays the way in without it.

The package's four JSON views run the ceremonies; the two that complete one
are wrapped here so that the credential and its audit event are written in
the same transaction, and so that the sign-in ceremony is reachable by a
user who has given their password but not yet a second factor."""

from __future__ import annotations

import json
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.views import (
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from prevent.audit.services import record_event
from prevent.core.view_helpers import actor
from prevent.policy import Action, require

from .middleware import second_factor_not_required


def _credential(response: HttpResponse) -> WebAuthnCredential | None:
    if response.status_code != 200:
        return None
    pk = json.loads(response.content).get("id")
    return WebAuthnCredential.objects.filter(pk=pk).select_related("user").first()


class CompleteRegistration(CompleteCredentialRegistrationView):
    """Saves the new passkey and records it, or neither."""

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().post(*args, **kwargs)
            credential = _credential(response)
            if credential is not None:
                record_event(
                    actor=credential.user,
                    action="passkey_registered",
                    summary="Passkey added as a second factor",
                    obj=credential.user,
                )
        return response


class CompleteAuthentication(CompleteCredentialAuthenticationView):
    """The second step of signing in with a passkey, recorded as a sign-in."""

    def get_success_url(self) -> str:
        return str(self.request.session.pop("after_sign_in", None) or super().get_success_url())

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().post(*args, **kwargs)
            credential = _credential(response)
            if credential is not None:
                record_event(
                    actor=credential.user,
                    action="signed_in",
                    summary="Signed in with a passkey",
                    obj=credential.user,
                )
        return response


begin_registration = BeginCredentialRegistrationView.as_view()
complete_registration = CompleteRegistration.as_view()
# Reached with a password alone: these are the second step of signing in.
begin_authentication = second_factor_not_required(BeginCredentialAuthenticationView.as_view())
complete_authentication = second_factor_not_required(CompleteAuthentication.as_view())


@require_http_methods(["GET"])
def passkeys(request: HttpRequest) -> HttpResponse:
    """The user's passkeys, and the button that adds one (JavaScript)."""
    require(request.user, Action.VIEW_OWN_ACCOUNT)
    user = actor(request)
    credentials = WebAuthnCredential.objects.filter(user=user).order_by("created_at")
    return render(request, "accounts/passkeys.html", {"credentials": credentials})
