"""prevent.core.uploads: one checker that sniffs the content, types chosen
by the caller, one SHA-256 digest."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from prevent.core.uploads import (
    FORMATS,
    UploadMessages,
    check_upload,
    describe,
    formats,
    safe_name,
    sha256_of,
)

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
MB = 1024 * 1024
ALL = FORMATS


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"})


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def refusal(file: SimpleUploadedFile, **kwargs: object) -> ValidationError:
    options: dict[str, object] = {"allowed": ALL, "max_bytes": 20 * MB, **kwargs}
    with pytest.raises(ValidationError) as caught:
        check_upload(file, **options)  # type: ignore[arg-type]
    return caught.value


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("report.pdf", PDF, "application/pdf"),
        ("Photo.PNG", PNG, "image/png"),
        ("photo.jpg", JPEG, "image/jpeg"),
        ("notes.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("figures.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("letter.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("notes.txt", "Café notes\n".encode(), "text/plain"),
    ],
)
def test_a_file_whose_content_is_its_type_is_accepted(name: str, content: bytes, content_type: str) -> None:
    checked = check_upload(upload(name, content), allowed=ALL, max_bytes=20 * MB)
    assert checked.content_type == content_type
    assert checked.extension == name.rsplit(".", 1)[1].lower()
    assert checked.size == len(content)
    assert checked.sha256 == hashlib.sha256(content).hexdigest()


def test_a_pdf_name_with_png_content_is_refused() -> None:
    error = refusal(upload("report.pdf", PNG, "application/pdf"))
    assert error.code == "content"
    assert error.messages == ["The selected file's content does not match its .pdf extension"]


def test_the_browsers_content_type_is_not_trusted() -> None:
    # The browser says PDF; the name says PNG; the content is PNG: it is a PNG.
    assert check_upload(upload("x.png", PNG, "application/pdf"), allowed=ALL, max_bytes=MB).content_type == (
        "image/png"
    )
    # The browser says PNG, the content is an HTML page: refused.
    assert refusal(upload("x.png", b"<html><script>alert(1)</script>", "image/png")).code == "content"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.docx", _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"})),  # an xlsx
        ("notes.docx", b"PK\x03\x04 not really a zip"),
        ("letter.odt", _zip({"mimetype": b"application/zip", "content.xml": b"<x/>"})),
        ("notes.txt", b"text\x00with a NUL"),
        ("notes.txt", b"\xff\xfe\xfa\xfb not UTF-8 " * 10),
    ],
)
def test_content_that_is_not_what_the_name_says_is_refused(name: str, content: bytes) -> None:
    assert refusal(upload(name, content)).code == "content"


def test_only_the_callers_types_are_allowed_with_its_own_message() -> None:
    allowed = formats("pdf", "docx")
    error = refusal(upload("photo.png", PNG), allowed=allowed)
    assert error.code == "type"
    assert error.messages == ["The selected file must be a PDF or DOCX"]
    assert refusal(upload("noextension", PDF), allowed=allowed).code == "type"
    mine = UploadMessages(type="The evidence must be {types}", content="Not a real {extension} file")
    assert refusal(upload("photo.png", PNG), allowed=allowed, messages=mine).messages == [
        "The evidence must be PDF or DOCX"
    ]
    assert refusal(upload("x.pdf", PNG), allowed=allowed, messages=mine).messages == ["Not a real .pdf file"]


def test_an_empty_file_and_a_too_big_one_are_refused_with_the_limit_in_the_message() -> None:
    assert refusal(upload("empty.pdf", b"")).messages == ["The selected file is empty"]
    error = refusal(upload("big.pdf", PDF + b"0" * (2 * MB)), max_bytes=2 * MB)
    assert (error.code, error.messages) == ("too_big", ["The selected file must be smaller than 2MB"])
    # Exactly at the limit is fine.
    check_upload(upload("edge.pdf", PDF.ljust(2 * MB, b"0")), allowed=ALL, max_bytes=2 * MB)


def test_a_plain_binary_file_with_a_name_given_is_checked_too() -> None:
    checked = check_upload(io.BytesIO(PDF), allowed=ALL, max_bytes=MB, name="C:\\Users\\me\\report.pdf")
    assert (checked.content_type, checked.name) == ("application/pdf", "report.pdf")


def test_sha256_of_reads_the_whole_file_and_leaves_it_at_the_start() -> None:
    content = b"x" * (3 * MB + 7)
    file = upload("big.txt", content)
    file.read(10)
    assert sha256_of(file) == hashlib.sha256(content).hexdigest()
    assert file.tell() == 0
    assert sha256_of(io.BytesIO(content)) == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\notes.txt", "notes.txt"),
        ('evil"; filename="x.html', "evil filename=x.html"),
        ("line\r\nbreak.pdf", "linebreak.pdf"),
        ("", "file"),
        ("   ", "file"),
    ],
)
def test_safe_name_drops_paths_quotes_and_control_characters(name: str, safe: str) -> None:
    assert safe_name(name) == safe


def test_describe_lists_each_label_once() -> None:
    assert describe(formats("jpg", "jpeg", "png")) == "JPG, JPEG or PNG"
    assert describe(formats("pdf")) == "PDF"
    with pytest.raises(KeyError):
        formats("exe")
