"""prevent.core.downloads: a private file's response headers, as the
browser gets them (through every middleware)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client, override_settings

from prevent.core.downloads import private_file_response


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_the_response_is_a_private_sandboxed_attachment() -> None:
    response = private_file_response(
        file=io.BytesIO(b"\x89PNG\r\n\x1a\n..."), filename="photo.png", content_type="image/png"
    )
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="photo.png"'
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert _body(response) == b"\x89PNG\r\n\x1a\n..."


@pytest.mark.parametrize(
    ("name", "disposition"),
    [
        ("../../secret/report.pdf", 'attachment; filename="report.pdf"'),
        ('x"; filename="evil.html', 'attachment; filename="x filename=evil.html"'),
        ("line\r\nSet-Cookie: a=b.pdf", 'attachment; filename="lineSet-Cookie a=b.pdf"'),
        ("Rapport d'été.pdf", "attachment; filename*=utf-8''Rapport%20d%27%C3%A9t%C3%A9.pdf"),
    ],
)
def test_the_file_name_is_made_safe(name: str, disposition: str) -> None:
    response = private_file_response(file=b"data", filename=name, content_type="application/pdf")
    assert response["Content-Disposition"] == disposition


def test_a_content_type_is_required() -> None:
    with pytest.raises(ValueError):
        private_file_response(file=b"data", filename="x.pdf", content_type="")
    with pytest.raises(ValueError):
        private_file_response(file=b"data", filename="x.pdf", content_type="text/html\r\nX-Evil: 1")


@override_settings(ROOT_URLCONF="prevent.core.tests.download_urls")
@pytest.mark.django_db
def test_the_middleware_keeps_the_download_headers() -> None:
    response = Client().get("/download/", {"name": "minutes.pdf"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="minutes.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    # The site-wide policy (SECURE_CSP) does not replace the sandbox.
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert _body(response) == b"%PDF-1.7 test"
