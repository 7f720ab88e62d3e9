"""Health check, the public information pages and the error pages. The home
page ("Your work") is in prevent/home."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from prevent.accounts.middleware import second_factor_not_required


@login_not_required
@second_factor_not_required
@never_cache
@require_http_methods(["GET", "HEAD"])
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_not_required
@second_factor_not_required
@require_http_methods(["GET"])
def privacy(request: HttpRequest) -> HttpResponse:
    from prevent.core import privacy_notice  # its content, shared with the documents' test

    return render(
        request,
        "core/privacy.html",
        {"notice": privacy_notice, "retention": privacy_notice.retention_lines()},
    )


@login_not_required
@second_factor_not_required
@require_http_methods(["GET"])
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request's context processors: the error may be
    that the database is down, and they read the user's roles from it."""
    template = loader.get_template("errors/500.html")
    context = {
        "service_name": settings.PREVENT_SERVICE_NAME,
        "service_phase": settings.PREVENT_PHASE,
        "demo_mode": settings.PREVENT_DEMO_MODE,
    }
    return HttpResponse(template.render(context), status=500)
