"""The API's GOV.UK pages: its documentation (from the generated schema),
and the administrators' pages for tokens and webhook endpoints. Thin
views: a selector reads, a service writes, a redirect with a banner.
A token's secret and an endpoint's signing secret are shown once, on the
page the administrator is sent to after making it (kept in the session
until then, never in the database)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from drf_spectacular.generators import SchemaGenerator

from prevent.core.once import once_per_submission
from prevent.core.view_helpers import actor, submit
from prevent.policy import Action, require

from . import selectors, services
from .forms import IssueTokenForm, WebhookForm
from .rules import access_token, access_webhook

SECRET_KEY = "api_shown_once"
METHODS = ("get", "post", "put", "patch", "delete")


def _operations() -> list[dict[str, Any]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            parameters = [p for p in operation.get("parameters", []) if p.get("in") in {"query", "path"}]
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary") or operation.get("operationId", ""),
                    "description": operation.get("description", ""),
                    "parameters": parameters,
                    "statuses": sorted(operation.get("responses", {})),
                }
            )
    return operations


@require_http_methods(["GET"])
def docs(request: HttpRequest) -> HttpResponse:
    require(actor(request), Action.VIEW_API_DOCS)
    return render(request, "api/docs.html", {"operations": _operations()})


def _show_once(request: HttpRequest, kind: str, pk: int, secret: str) -> None:
    request.session[SECRET_KEY] = {"kind": kind, "pk": pk, "secret": secret}


def _take_once(request: HttpRequest, kind: str, pk: int) -> str:
    held = request.session.get(SECRET_KEY)
    if isinstance(held, dict) and held.get("kind") == kind and held.get("pk") == pk:
        del request.session[SECRET_KEY]
        return str(held.get("secret", ""))
    return ""


@require_http_methods(["GET"])
def token_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.MANAGE_API_TOKENS)
    return render(request, "api/token_list.html", {"tokens": list(selectors.tokens_for(user)[:200])})


@require_http_methods(["GET", "POST"])
@once_per_submission
def token_new(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.MANAGE_API_TOKENS)
    form = IssueTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        issued = submit(form, services.api_token_issue, actor=user, **form.cleaned_data)
        if issued is not None:
            _show_once(request, "token", issued.token.pk, issued.secret)
            return redirect("api:token-detail", pk=issued.token.pk)
    return render(request, "api/token_new.html", {"form": form})


@require_http_methods(["GET"])
def token_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    token = access_token(user, pk)
    secret = _take_once(request, "token", token.pk)
    return render(request, "api/token_detail.html", {"token": token, "secret": secret})


@require_http_methods(["GET", "POST"])
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    token = access_token(user, pk)
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.api_token_revoke(actor=user, token=token)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, f"The token {token.prefix} has been revoked")
            return redirect("api:token-list")
    return render(request, "api/token_revoke.html", {"token": token, "errors": errors})


@require_http_methods(["GET"])
def webhook_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.MANAGE_WEBHOOKS)
    context = {
        "endpoints": list(selectors.webhooks_for(user)[:200]),
        "failed": list(selectors.failed_deliveries(user)),
    }
    return render(request, "api/webhook_list.html", context)


@require_http_methods(["GET", "POST"])
@once_per_submission
def webhook_new(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.MANAGE_WEBHOOKS)
    form = WebhookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = submit(
            form,
            services.webhook_register,
            actor=user,
            organisation_id=form.cleaned_data["organisation"].pk,
            url=form.cleaned_data["url"],
        )
        if made is not None:
            endpoint, secret = made
            _show_once(request, "webhook", endpoint.pk, secret)
            return redirect("api:webhook-detail", pk=endpoint.pk)
    return render(request, "api/webhook_new.html", {"form": form})


@require_http_methods(["GET"])
def webhook_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    endpoint = access_webhook(user, pk)
    secret = _take_once(request, "webhook", endpoint.pk)
    return render(request, "api/webhook_detail.html", {"endpoint": endpoint, "secret": secret})


@require_http_methods(["GET", "POST"])
def webhook_disable(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    endpoint = access_webhook(user, pk)
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.webhook_disable(actor=user, endpoint=endpoint)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, "The webhook endpoint has been turned off")
            return redirect("api:webhook-list")
    return render(request, "api/webhook_disable.html", {"endpoint": endpoint, "errors": errors})
