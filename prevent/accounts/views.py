"""Sign-in, second factor, sign-out and password reset pages."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from prevent.core.view_helpers import actor
from prevent.policy import Action, require

from .forms import CodeForm, GovUKPasswordResetForm, GovUKSetPasswordForm, SetUpCodeForm, SignInForm
from .middleware import second_factor_not_required
from .services import authentication as auth_services
from .two_factor import (
    has_confirmed_device,
    is_verified,
    qr_code_svg,
    second_factor_required,
    totp_secret_for_display,
)

LOCKOUT_MESSAGE = (
    "Your account is locked because of too many failed attempts to sign in. "
    "Wait 30 minutes and try again, or ask your administrator to unlock it."
)


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return str(reverse_lazy("home:home"))


@login_not_required
@ratelimit(group="sign-in", key="ip", rate="prevent.api.ratelimits.sign_in_rate", method="POST")
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and is_verified(request.user):
        return redirect("home:home")
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = auth_services.sign_in_with_password(
            request=request, email=form.cleaned_data["email"], password=form.cleaned_data["password"]
        )
        if result.locked_out:
            return lockout_response(request)
        if result.user is None:
            form.add_error(None, "Enter a correct email address and password")
        elif result.needs_second_factor:
            request.session["after_sign_in"] = _next_url(request)
            if has_confirmed_device(result.user):
                return redirect("accounts:two-factor-verify")
            return redirect("accounts:two-factor-setup")
        else:
            return redirect(_next_url(request))
    return render(request, "accounts/sign_in.html", {"form": form, "next": request.GET.get("next", "")})


def lockout_response(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Shown by django-axes (AXES_LOCKOUT_CALLABLE) and by the sign-in page."""
    return render(request, "accounts/locked_out.html", {"message": LOCKOUT_MESSAGE}, status=429)


@second_factor_not_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    if is_verified(user) or not second_factor_required(user):
        return redirect("home:home")
    if not has_confirmed_device(user):
        return redirect("accounts:two-factor-setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if auth_services.two_factor_verify(request=request, user=user, token=form.cleaned_data["code"]):
            return redirect(request.session.pop("after_sign_in", None) or "home:home")
        form.add_error("code", "The code is not correct or has expired. Enter the current code")
    return render(request, "accounts/two_factor_verify.html", {"form": form})


@second_factor_not_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: by QR code, or by typing the key."""
    user = actor(request)
    # Someone already enrolled must prove the current factor before replacing it.
    if has_confirmed_device(user) and not is_verified(user):
        return redirect("accounts:two-factor-verify")
    device = auth_services.two_factor_begin_enrolment(user=user)
    form = SetUpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = auth_services.two_factor_confirm_enrolment(
            request=request, user=user, device=device, token=form.cleaned_data["code"]
        )
        if codes is not None:
            request.session["recovery_codes"] = codes
            return redirect("accounts:recovery-codes")
        form.add_error("code", "The code is not correct. Enter the code your app shows now")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": mark_safe(qr_code_svg(device.config_url)),  # noqa: S308  # nosec B308 B703  # SVG made by qrcode from our own URL
            "secret": totp_secret_for_display(device),
        },
    )


@require_http_methods(["GET"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    codes = request.session.pop("recovery_codes", None)
    if not codes:
        return redirect("accounts:account")
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": request.session.pop("after_sign_in", None) or reverse_lazy("home:home")},
    )


@login_not_required
@second_factor_not_required
@require_http_methods(["GET", "POST"])
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        auth_services.sign_out(request=request)
        return redirect("accounts:signed-out")
    if not request.user.is_authenticated:
        return redirect("accounts:sign-in")
    return render(request, "accounts/sign_out.html")


@require_http_methods(["POST"])
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    auth_services.sign_out_everywhere(request=request, user=user)
    return redirect("accounts:signed-out")


@login_not_required
@require_http_methods(["GET"])
def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html")


@require_http_methods(["GET"])
def account(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW_OWN_ACCOUNT)
    user = actor(request)
    return render(
        request,
        "accounts/account.html",
        {"account": user, "has_authenticator": has_confirmed_device(user)},
    )


class PasswordResetView(auth_views.PasswordResetView):
    form_class = GovUKPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        auth_services.password_reset_requested(email=form.cleaned_data["email"])
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = GovUKSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:  # type: ignore[type-arg]
        auth_services.password_reset_complete(form=form)
        # Skip the parent's form.save(): the service has saved it.
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return redirect(self.get_success_url())


password_reset = login_not_required(PasswordResetView.as_view())
password_reset_done = login_not_required(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = login_not_required(PasswordResetConfirmView.as_view())
password_reset_complete = login_not_required(
    auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html")
)
