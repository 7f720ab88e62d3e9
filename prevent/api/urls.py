"""/api/: the API for partner systems (v1/, DRF), its documentation page and
the administrators' pages for tokens and webhooks.

The v1 views authenticate themselves (token or verified session, DRF), so
they are marked login_not_required and second_factor_not_required for the
page middleware, and answer 401/403 as JSON instead of redirecting to
sign-in (tests/test_url_access.py lists them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import IsAuthenticated

from prevent.accounts.middleware import second_factor_not_required

from . import pages, views
from .throttling import LimitedAuthentication

app_name = "api"


def api(view: Callable[..., Any]) -> Callable[..., Any]:
    return login_not_required(second_factor_not_required(view))


class SchemaView(LimitedAuthentication, SpectacularAPIView):
    """The OpenAPI 3 document, for any caller the API authenticates."""

    permission_classes = [IsAuthenticated]


urlpatterns = [
    path("v1/schema/", api(SchemaView.as_view()), name="schema"),
    path("v1/concerns/", api(views.ConcernList.as_view()), name="concern-list"),
    path("v1/concerns/<int:pk>/", api(views.ConcernDetail.as_view()), name="concern-detail"),
    path("v1/gateway-referrals/", api(views.GatewayReferralList.as_view()), name="gateway-referral-list"),
    path(
        "v1/gateway-referrals/<int:pk>/",
        api(views.GatewayReferralDetail.as_view()),
        name="gateway-referral-detail",
    ),
    path("v1/channel-cases/", api(views.ChannelCaseList.as_view()), name="channel-case-list"),
    path("v1/channel-cases/<int:pk>/", api(views.ChannelCaseDetail.as_view()), name="channel-case-detail"),
    path("v1/self-assessments/", api(views.SelfAssessmentList.as_view()), name="self-assessment-list"),
    path(
        "v1/self-assessments/<int:pk>/",
        api(views.SelfAssessmentDetail.as_view()),
        name="self-assessment-detail",
    ),
    path(
        "v1/training-completions/",
        api(views.TrainingCompletionList.as_view()),
        name="training-completion-list",
    ),
    path(
        "v1/training-completions/<int:pk>/",
        api(views.TrainingCompletionDetail.as_view()),
        name="training-completion-detail",
    ),
    path("v1/statistics/", api(views.Statistics.as_view()), name="statistics"),
    path("docs/", pages.docs, name="docs"),
    path("tokens/", pages.token_list, name="token-list"),
    path("tokens/new/", pages.token_new, name="token-new"),
    path("tokens/<int:pk>/", pages.token_detail, name="token-detail"),
    path("tokens/<int:pk>/revoke/", pages.token_revoke, name="token-revoke"),
    path("webhooks/", pages.webhook_list, name="webhook-list"),
    path("webhooks/new/", pages.webhook_new, name="webhook-new"),
    path("webhooks/<int:pk>/", pages.webhook_detail, name="webhook-detail"),
    path("webhooks/<int:pk>/disable/", pages.webhook_disable, name="webhook-disable"),
]
