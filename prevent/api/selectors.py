"""Reads for the administrators' pages of the API app."""

from __future__ import annotations

from django.db.models import QuerySet

from prevent.accounts.models import User
from prevent.core.models import Organisation
from prevent.policy import Action, scoped

from .models import ApiToken, DeliveryStatus, WebhookDelivery, WebhookEndpoint


def token_holders() -> QuerySet[User]:
    """Users a token may be issued to: active, in an organisation."""
    return (
        User.objects.filter(is_active=True, organisation__isnull=False)
        .select_related("organisation")
        .order_by("full_name", "email")
    )


def webhook_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(archived_at__isnull=True).order_by("name")


def tokens_for(user: User) -> QuerySet[ApiToken]:
    return scoped(user, Action.MANAGE_API_TOKENS, ApiToken.objects.select_related("user", "organisation"))


def webhooks_for(user: User) -> QuerySet[WebhookEndpoint]:
    return scoped(user, Action.MANAGE_WEBHOOKS, WebhookEndpoint.objects.select_related("organisation"))


def failed_deliveries(user: User) -> QuerySet[WebhookDelivery]:
    endpoints = webhooks_for(user)
    return WebhookDelivery.objects.filter(
        endpoint__in=endpoints, status=DeliveryStatus.FAILED
    ).select_related("endpoint__organisation")[:50]
