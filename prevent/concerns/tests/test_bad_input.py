"""Bad input gets a clear message next to the field, and nothing typed is lost."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from prevent.concerns.models import Concern
from prevent.concerns.services import drafts
from prevent.core.uploads import check_upload

from .conftest import make_draft

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><b>bold</b>'


@pytest.fixture
def draft(practitioner: Any) -> Concern:
    return make_draft(practitioner)


def test_missing_required_answers_are_named_and_other_answers_kept(
    practitioner: Any, client_for: Any, draft: Concern
) -> None:
    client = client_for(practitioner)
    url = reverse("concerns:step", args=[draft.pk, "concern"])
    response = client.post(url, {"what_happened": "He said he admired an attacker.", "location": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter where it was seen or heard" in page
    assert "Enter the date the concern was observed" in page
    assert "He said he admired an attacker." in page
    draft.refresh_from_db()
    assert draft.answers["concern"]["what_happened"] == ["He said he admired an attacker."]
    assert "concern" not in draft.completed_steps
    # Coming back later shows what was typed, with the errors.
    again = client.get(url).content.decode()
    assert "He said he admired an attacker." in again and "Enter where it was seen or heard" in again
    # The other sections are untouched.
    assert draft.person_name == "Alex Example"


def test_a_future_date_of_observation_is_refused(practitioner: Any, client_for: Any, draft: Concern) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client_for(practitioner).post(
        reverse("concerns:step", args=[draft.pk, "concern"]),
        {
            "what_happened": "Seen",
            "observed_on_day": tomorrow.day,
            "observed_on_month": tomorrow.month,
            "observed_on_year": tomorrow.year,
            "location": "Library",
            "how_came_to_notice": "Told",
        },
    )
    page = response.content.decode()
    assert "The date the concern was observed must be today or in the past" in page
    assert 'value="Library"' in page and f'value="{tomorrow.year}"' in page


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2010", "Date of birth must be a real date"),
        ("", "2", "2010", "Date of birth must include a day"),
        ("1", "1", "2999", "Date of birth must be today or in the past"),
    ],
)
def test_a_bad_or_future_date_of_birth_is_refused(
    practitioner: Any, client_for: Any, draft: Concern, day: str, month: str, year: str, message: str
) -> None:
    response = client_for(practitioner).post(
        reverse("concerns:step", args=[draft.pk, "person"]),
        {
            "person_name": "Robin Newname",
            "person_date_of_birth_day": day,
            "person_date_of_birth_month": month,
            "person_date_of_birth_year": year,
            "person_gender": "female",
        },
    )
    page = response.content.decode()
    assert message in page
    assert 'value="Robin Newname"' in page
    draft.refresh_from_db()
    assert draft.answers["person"]["person_name"] == ["Robin Newname"]
    assert draft.person_name == "Alex Example"  # the last valid answer stays until corrected


def test_date_of_birth_or_approximate_age_is_needed(
    practitioner: Any, client_for: Any, draft: Concern
) -> None:
    url = reverse("concerns:step", args=[draft.pk, "person"])
    response = client_for(practitioner).post(url, {"person_name": "Robin", "person_gender": "female"})
    assert (
        "Enter the person&#x27;s date of birth or approximate age, or select their age group below"
        in response.content.decode()
    )
    response = client_for(practitioner).post(
        url, {"person_name": "Robin", "person_gender": "female", "person_approximate_age": "15"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.person_approximate_age == 15 and draft.person_date_of_birth is None


def _upload(client: Any, draft: Concern, name: str, content: bytes) -> Any:
    return client.post(
        reverse("concerns:step", args=[draft.pk, "attachments"]),
        {"action": "upload", "file": SimpleUploadedFile(name, content)},
    )


def test_an_oversized_file_is_refused(
    practitioner: Any, client_for: Any, draft: Concern, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(drafts, "MAX_ATTACHMENT_BYTES", 1024)
    response = _upload(client_for(practitioner), draft, "big.pdf", b"%PDF-1.7\n" + b"0" * 2000)
    assert "The selected file must be smaller than 1KB" in response.content.decode()
    assert draft.attachments.count() == 0
    # The real limit is 20 MB.
    monkeypatch.undo()
    big = SimpleUploadedFile("big.pdf", b"%PDF-")
    big.size = 20 * 1024 * 1024 + 1
    with pytest.raises(ValidationError, match="The selected file must be smaller than 20MB"):
        _check(big)


def _check(upload: Any) -> str:
    return check_upload(
        upload,
        allowed=drafts.ATTACHMENT_FORMATS,
        max_bytes=drafts.MAX_ATTACHMENT_BYTES,
        messages=drafts.ATTACHMENT_MESSAGES,
    ).content_type


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"MZ\x90\x00 this is an executable"),
        ("photo.png", b"%PDF-1.4 not a png"),
        ("notes.docx", _zip({"xl/workbook.xml": b"", "[Content_Types].xml": b""})),
        ("notes.txt", b"\x00\x01\x02binary"),
        ("script.html", b"<html></html>"),
    ],
)
def test_a_file_whose_content_does_not_match_its_extension_is_refused(
    practitioner: Any, client_for: Any, draft: Concern, name: str, content: bytes
) -> None:
    response = _upload(client_for(practitioner), draft, name, content)
    page = response.content.decode()
    assert "There is a problem" in page
    assert "does not match its file type" in page or "The selected file must be a PDF" in page
    assert draft.attachments.count() == 0
    draft.refresh_from_db()
    assert draft.what_happened == "Shared extremist videos in class."


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.pdf", b"%PDF-1.7\n"),
        ("a.gif", b"GIF89a...."),
        ("a.jpg", b"\xff\xd8\xff\xe0JFIF"),
        ("a.docx", _zip({"[Content_Types].xml": b"", "word/document.xml": b""})),
        ("a.odt", _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b""})),
        ("a.txt", "Plain text, café".encode()),
        ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"),
    ],
)
def test_real_files_are_accepted(name: str, content: bytes) -> None:
    assert _check(SimpleUploadedFile(name, content))


def test_html_and_script_are_stored_as_given_and_shown_inert(
    practitioner: Any, spoc: Any, client_for: Any, draft: Concern
) -> None:
    client = client_for(practitioner)
    response = client.post(
        reverse("concerns:step", args=[draft.pk, "concern"]),
        {
            "what_happened": SCRIPT,
            "observed_on_day": "3",
            "observed_on_month": "2",
            "observed_on_year": "2026",
            "location": "<img src=x onerror=alert(1)>",
            "how_came_to_notice": "Seen",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.what_happened == SCRIPT
    check = client.get(reverse("concerns:check", args=[draft.pk])).content.decode()
    assert SCRIPT not in check and "<img src=x" not in check
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in check
    client.post(reverse("concerns:check", args=[draft.pk]))
    page = client_for(spoc).get(reverse("concerns:detail", args=[draft.pk])).content.decode()
    assert SCRIPT not in page and "&lt;script&gt;" in page
