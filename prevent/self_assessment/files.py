"""Checks on evidence files: the extension must be one we accept and the
content must match it (by its first bytes, not the browser's word)."""

from __future__ import annotations

import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

MAX_BYTES = 20 * 1024 * 1024

PDF = b"%PDF-"
PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"
GIF = (b"GIF87a", b"GIF89a")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .ppt
ZIP = b"PK\x03\x04"

CONTENT_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".txt": "text/plain",
    ".csv": "text/csv",
}
ALLOWED_DESCRIPTION = (
    "a PDF, image (JPG, PNG, GIF), office document (Word, Excel, PowerPoint, OpenDocument) or text file"
)

_OOXML_PART = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}


def _zip_names(upload: UploadedFile) -> list[str]:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return []
    finally:
        upload.seek(0)


def _zip_member(upload: UploadedFile, name: str) -> bytes:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive, archive.open(name) as member:
            return member.read(200)
    except (KeyError, zipfile.BadZipFile, OSError):
        return b""
    finally:
        upload.seek(0)


def _is_text(upload: UploadedFile) -> bool:
    upload.seek(0)
    sample = upload.read(64 * 1024)
    upload.seek(0)
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is fine.
        if error.start < len(sample) - 4:
            return False
    return True


def content_matches(upload: UploadedFile, extension: str) -> bool:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if extension == ".pdf":
        return head.startswith(PDF)
    if extension == ".png":
        return head.startswith(PNG)
    if extension in {".jpg", ".jpeg"}:
        return head.startswith(JPEG)
    if extension == ".gif":
        return head.startswith(GIF)
    if extension in {".doc", ".xls", ".ppt"}:
        return head.startswith(OLE)
    if extension in _OOXML_PART:
        if not head.startswith(ZIP):
            return False
        names = _zip_names(upload)
        return "[Content_Types].xml" in names and any(n.startswith(_OOXML_PART[extension]) for n in names)
    if extension in {".odt", ".ods", ".odp"}:
        if not head.startswith(ZIP):
            return False
        return _zip_member(upload, "mimetype").decode("ascii", "replace") == CONTENT_TYPES[extension]
    if extension in {".txt", ".csv"}:
        return _is_text(upload)
    return False


def safe_name(name: str) -> str:
    """The file's own name for display and download, without any path."""
    base = PurePath(name.replace("\\", "/")).name.strip() or "file"
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '"<>:|?*')
    return cleaned[:200] or "file"


def validate_evidence_file(upload: UploadedFile) -> str:
    """The content type to store, or a ValidationError in GOV.UK wording."""
    name = upload.name or ""
    extension = PurePath(name.lower()).suffix
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError("The selected file must be smaller than 20MB", code="too_big")
    if upload.size == 0:
        raise ValidationError("The selected file is empty", code="empty")
    if extension not in CONTENT_TYPES:
        raise ValidationError(f"The selected file must be {ALLOWED_DESCRIPTION}", code="type")
    if not content_matches(upload, extension):
        raise ValidationError(
            f"The selected file's content does not match its {extension} extension", code="content"
        )
    return CONTENT_TYPES[extension]
