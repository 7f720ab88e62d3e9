"""Who may issue tokens and register webhooks (administrators), and read
the API's documentation (everyone signed in).

What a caller of the API may read or write is NOT decided here: every API
view asks the domain's own rules and scopes (`scoped`, `access_<entity>`)
as the caller's user, and a token only narrows that (`permissions.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from prevent.accounts.rules import is_administrator
from prevent.policy import Action, access, rule, scope

from .models import ApiToken, WebhookEndpoint

if TYPE_CHECKING:
    from prevent.accounts.models import User

NONE = Q(pk__in=[])


@rule(Action.VIEW_API_DOCS)
def _view_api_docs(user: User, obj: None) -> bool:
    return True


@rule(Action.MANAGE_API_TOKENS)
def _manage_api_tokens(user: User, obj: ApiToken | None) -> bool:
    return is_administrator(user)


@scope(Action.MANAGE_API_TOKENS, "api.ApiToken")
def _manage_api_tokens_scope(user: User) -> Q:
    return Q() if is_administrator(user) else NONE


@rule(Action.MANAGE_WEBHOOKS)
def _manage_webhooks(user: User, obj: WebhookEndpoint | None) -> bool:
    return is_administrator(user)


@scope(Action.MANAGE_WEBHOOKS, "api.WebhookEndpoint")
def _manage_webhooks_scope(user: User) -> Q:
    return Q() if is_administrator(user) else NONE


def access_token(user: User, pk: object) -> ApiToken:
    return access(user, Action.MANAGE_API_TOKENS, pk, ApiToken.objects.select_related("user", "organisation"))


def access_webhook(user: User, pk: object) -> WebhookEndpoint:
    return access(user, Action.MANAGE_WEBHOOKS, pk, WebhookEndpoint.objects.select_related("organisation"))
