"""Checking uploaded files, and their SHA-256 digest.

One checker for every upload. The caller says which types it accepts
(`allowed`, built from the FORMATS table with `formats(...)`) and how big a
file may be; the file's extension picks the type and its **content** must
be that type: the first bytes (and for the ZIP-based office formats the
members the format requires). The browser's content type is never trusted,
and the content type to serve the file with comes from the table.

    checked = check_upload(
        upload,
        allowed=formats("pdf", "png", "jpg", "jpeg", "docx", "txt"),
        max_bytes=20 * 1024 * 1024,
        messages=UploadMessages(type="The selected file must be a PDF, PNG, JPG, DOCX or TXT"),
    )
    attachment.content_type, attachment.sha256 = checked.content_type, checked.sha256

Each refusal is a ValidationError in GOV.UK wording, with a code
(`empty`, `too_big`, `type`, `content`); every message can be the caller's
own through `UploadMessages`."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from django.core.exceptions import ValidationError

SNIFF_BYTES = 64 * 1024

Check = Callable[[bytes, IO[bytes]], bool]


@dataclass(frozen=True)
class FileType:
    """What an extension means: the content type to serve it with and the
    check its content must pass."""

    content_type: str
    check: Check
    label: str


def _starts(*prefixes: bytes) -> Check:
    def check(head: bytes, _: IO[bytes]) -> bool:
        return any(head.startswith(p) for p in prefixes)

    return check


def _zip_with(*members: str, mimetype: str = "") -> Check:
    """A ZIP archive with each of `members` (a name or a folder prefix), and
    for OpenDocument a `mimetype` member that says what it is."""

    def check(head: bytes, stream: IO[bytes]) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            stream.seek(0)
            with zipfile.ZipFile(stream) as archive:
                names = archive.namelist()
                if not all(any(n == m or n.startswith(m) for n in names) for m in members):
                    return False
                if mimetype:
                    with archive.open("mimetype") as member:
                        return member.read(200).strip() == mimetype.encode()
                return True
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError):
            return False
        finally:
            stream.seek(0)

    return check


def _text(head: bytes, _: IO[bytes]) -> bool:
    """UTF-8 (or ASCII) text without NUL bytes."""
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is fine.
        if error.start < len(head) - 4:
            return False
    return True


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .ppt
_OOXML = "[Content_Types].xml"
_ODF = "application/vnd.oasis.opendocument."

# Every type an upload may be, by extension (lower case, no dot).
FORMATS: dict[str, FileType] = {
    "pdf": FileType("application/pdf", _starts(b"%PDF-"), "PDF"),
    "png": FileType("image/png", _starts(b"\x89PNG\r\n\x1a\n"), "PNG"),
    "jpg": FileType("image/jpeg", _starts(b"\xff\xd8\xff"), "JPG"),
    "jpeg": FileType("image/jpeg", _starts(b"\xff\xd8\xff"), "JPEG"),
    "gif": FileType("image/gif", _starts(b"GIF87a", b"GIF89a"), "GIF"),
    "doc": FileType("application/msword", _starts(_OLE), "DOC"),
    "xls": FileType("application/vnd.ms-excel", _starts(_OLE), "XLS"),
    "ppt": FileType("application/vnd.ms-powerpoint", _starts(_OLE), "PPT"),
    "docx": FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _zip_with(_OOXML, "word/"),
        "DOCX",
    ),
    "xlsx": FileType(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _zip_with(_OOXML, "xl/"),
        "XLSX",
    ),
    "pptx": FileType(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _zip_with(_OOXML, "ppt/"),
        "PPTX",
    ),
    "odt": FileType(f"{_ODF}text", _zip_with("mimetype", "content.xml", mimetype=f"{_ODF}text"), "ODT"),
    "ods": FileType(
        f"{_ODF}spreadsheet", _zip_with("mimetype", "content.xml", mimetype=f"{_ODF}spreadsheet"), "ODS"
    ),
    "odp": FileType(
        f"{_ODF}presentation", _zip_with("mimetype", "content.xml", mimetype=f"{_ODF}presentation"), "ODP"
    ),
    "txt": FileType("text/plain", _text, "TXT"),
    "csv": FileType("text/csv", _text, "CSV"),
}


def formats(*extensions: str) -> dict[str, FileType]:
    """The FORMATS entries for these extensions ("pdf", "docx", ...)."""
    unknown = [e for e in extensions if e not in FORMATS]
    if unknown:
        raise KeyError(f"No upload format for {', '.join(unknown)}")
    return {e: FORMATS[e] for e in extensions}


def describe(allowed: Mapping[str, FileType]) -> str:
    """ "PDF, PNG or TXT": the accepted types, for a GOV.UK message."""
    labels = list(dict.fromkeys(t.label for t in allowed.values()))
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} or {labels[-1]}"


def _size_text(max_bytes: int) -> str:
    mb = max_bytes / (1024 * 1024)
    return f"{mb:g}MB" if mb >= 1 else f"{max_bytes // 1024}KB"


@dataclass(frozen=True)
class UploadMessages:
    """GOV.UK messages for each refusal. `{types}`, `{size}` and
    `{extension}` are filled in (the accepted types, the size limit such as
    "20MB", the file's extension such as ".pdf")."""

    empty: str = "The selected file is empty"
    too_big: str = "The selected file must be smaller than {size}"
    type: str = "The selected file must be a {types}"
    content: str = "The selected file's content does not match its {extension} extension"


@dataclass(frozen=True)
class CheckedUpload:
    extension: str  # lower case, without the dot
    content_type: str  # from FORMATS, never the browser's
    size: int
    sha256: str
    name: str  # safe_name() of the uploaded name


def extension_of(name: str) -> str:
    """ "pdf" for "Report.PDF"; "" when the name has none."""
    suffix = PurePath(name.replace("\\", "/")).suffix.lower()
    return suffix[1:] if suffix else ""


def safe_name(name: str) -> str:
    """The file's own name for display and download, without any path or
    characters a header or a file system could trip over."""
    base = PurePath(name.replace("\\", "/")).name.strip() or "file"
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '"<>:|?*/\\;')
    return cleaned[:200].strip() or "file"


def _size(file: Any) -> int:
    size = getattr(file, "size", None)
    if size is None:
        position = file.tell()
        file.seek(0, 2)
        size = file.tell()
        file.seek(position)
    return int(size)


def sha256_of(file: IO[bytes] | Any) -> str:
    """The SHA-256 of a file's whole content (hex), read in chunks; the file
    is left at its start."""
    digest = hashlib.sha256()
    file.seek(0)
    chunks: Iterable[bytes] = (
        file.chunks() if hasattr(file, "chunks") else iter(lambda: file.read(1024 * 1024), b"")
    )
    for chunk in chunks:
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def check_upload(
    file: Any,
    *,
    allowed: Mapping[str, FileType],
    max_bytes: int,
    messages: UploadMessages | None = None,
    name: str | None = None,
) -> CheckedUpload:
    """Check an uploaded file (Django's UploadedFile, or any binary file
    object with `name` given) and return what to store about it; raise a
    ValidationError with a GOV.UK message when it is refused."""
    messages = messages or UploadMessages()
    original = name if name is not None else (getattr(file, "name", "") or "")
    extension = extension_of(original)
    size = _size(file)
    fill = {"types": describe(allowed), "size": _size_text(max_bytes), "extension": f".{extension}"}
    if size == 0:
        raise ValidationError(messages.empty.format(**fill), code="empty")
    if size > max_bytes:
        raise ValidationError(messages.too_big.format(**fill), code="too_big")
    file_type = allowed.get(extension)
    if file_type is None:
        raise ValidationError(messages.type.format(**fill), code="type")
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    if not file_type.check(head, file):
        raise ValidationError(messages.content.format(**fill), code="content")
    return CheckedUpload(
        extension=extension,
        content_type=file_type.content_type,
        size=size,
        sha256=sha256_of(file),
        name=safe_name(original),
    )
