"""Evidence files: type checked by content as well as extension, 20MB at
most, stored privately, downloaded through an audited, policy-checked view."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prevent.audit.models import AuditEvent
from prevent.self_assessment.forms import EVIDENCE_MAX_BYTES as MAX_BYTES
from prevent.self_assessment.forms import check_evidence_file
from prevent.self_assessment.models import EvidenceFile

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def ods_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("policy.pdf", PDF_BYTES, "application/pdf"),
        ("poster.PNG", PNG_BYTES, "image/png"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
        (
            "plan.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("notes.txt", "Minutes, café".encode(), "text/plain"),
        ("figures.csv", b"name,count\nWRAP,12\n", "text/csv"),
        ("slides.ppt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 20, "application/vnd.ms-powerpoint"),
        ("sheet.ods", ods_bytes(), "application/vnd.oasis.opendocument.spreadsheet"),
    ],
)
def test_accepted_files(name: str, content: bytes, content_type: str) -> None:
    assert check_evidence_file(SimpleUploadedFile(name, content)).content_type == content_type


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("policy.pdf", b"MZ\x90\x00 this is an executable", "content does not match its .pdf extension"),
        ("plan.docx", PDF_BYTES, "content does not match its .docx extension"),
        ("plan.docx", b"PK\x03\x04 not really a zip", "content does not match"),
        ("notes.txt", b"\x00\x01\x02binary", "content does not match its .txt extension"),
        ("tool.exe", b"MZ", "must be a PDF, image"),
        ("page.html", b"<html></html>", "must be a PDF, image"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_refused_files(name: str, content: bytes, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        check_evidence_file(SimpleUploadedFile(name, content))


def test_oversized_file_is_refused() -> None:
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * MAX_BYTES)
    with pytest.raises(ValidationError, match="smaller than 20MB"):
        check_evidence_file(upload)


@pytest.mark.django_db
def test_upload_and_download_through_the_pages(
    spoc: Any, start: Any, client_for: Any, make_user: Any
) -> None:
    assessment = start()
    client = client_for(spoc)
    url = reverse("self_assessment:objective", args=[assessment.pk, 1])
    page = client.get(url)
    statement_pk = page.context["section"].rows[0].statement.pk
    bad = client.post(url, {f"file_{statement_pk}": SimpleUploadedFile("policy.pdf", b"GIF89a fake")})
    assert bad.status_code == 200
    assert "The selected file&#x27;s content does not match its .pdf extension" in bad.text
    assert not EvidenceFile.objects.exists()

    ok = client.post(
        url,
        {
            f"met_{statement_pk}": "yes",
            f"file_{statement_pk}": SimpleUploadedFile("../../policy.pdf", PDF_BYTES),
        },
    )
    assert ok.status_code == 302
    evidence = EvidenceFile.objects.get()
    assert evidence.original_name == "policy.pdf"
    assert "policy" not in str(evidence.file.name)  # the stored name says nothing
    assert evidence.content_type == "application/pdf"

    download = client.get(reverse("self_assessment:file", args=[evidence.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    # The one private download response (issue 9): never cached, sandboxed.
    assert download["Cache-Control"] == "private, no-store"
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert AuditEvent.objects.filter(
        action="self_assessment_file_downloaded", object_id=str(evidence.pk)
    ).exists()

    outsider = make_user("spoc")
    assert client_for(outsider).get(reverse("self_assessment:file", args=[evidence.pk])).status_code == 404

    removed = client.post(url, {f"met_{statement_pk}": "yes", "remove_file": str(evidence.pk)})
    assert removed.status_code == 302
    assert not EvidenceFile.objects.exists()
