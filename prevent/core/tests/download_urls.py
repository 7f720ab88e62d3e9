"""A URLconf for the download tests: one view that answers with
private_file_response, so the headers are seen after every middleware."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, HttpRequest
from django.urls import path

from prevent.accounts.middleware import second_factor_not_required
from prevent.core.downloads import private_file_response


@login_not_required
@second_factor_not_required
def download(request: HttpRequest) -> FileResponse:
    return private_file_response(
        file=b"%PDF-1.7 test", filename=request.GET.get("name", "report.pdf"), content_type="application/pdf"
    )


urlpatterns = [path("download/", download)]
