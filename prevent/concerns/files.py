"""Which uploads a concern accepts: the extension must be allowed and the
content must be what the extension says (checked by its first bytes, and for
the ZIP-based office formats by the members the format requires)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from typing import IO

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

ALLOWED_DESCRIPTION = "PDF, PNG, JPEG, GIF, DOCX, XLSX, PPTX, ODT, DOC, XLS or TXT"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _starts(*prefixes: bytes) -> Callable[[bytes, IO[bytes]], bool]:
    def check(head: bytes, _: IO[bytes]) -> bool:
        return any(head.startswith(p) for p in prefixes)

    return check


def _zip_with(*members: str, mimetype: str = "") -> Callable[[bytes, IO[bytes]], bool]:
    def check(head: bytes, stream: IO[bytes]) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            stream.seek(0)
            with zipfile.ZipFile(stream) as archive:
                names = set(archive.namelist())
                if not all(any(n.startswith(m) for n in names) for m in members):
                    return False
                if mimetype:
                    return archive.read("mimetype").strip() == mimetype.encode()
                return True
        except (zipfile.BadZipFile, KeyError, OSError, ValueError):
            return False
        finally:
            stream.seek(0)

    return check


def _plain_text(head: bytes, _: IO[bytes]) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is fine.
        if error.start < len(head) - 4:
            return False
    return True


# extension: (content type, check)
_FORMATS: dict[str, tuple[str, Callable[[bytes, IO[bytes]], bool]]] = {
    "pdf": ("application/pdf", _starts(b"%PDF-")),
    "png": ("image/png", _starts(b"\x89PNG\r\n\x1a\n")),
    "jpg": ("image/jpeg", _starts(b"\xff\xd8\xff")),
    "jpeg": ("image/jpeg", _starts(b"\xff\xd8\xff")),
    "gif": ("image/gif", _starts(b"GIF87a", b"GIF89a")),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _zip_with("[Content_Types].xml", "word/"),
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _zip_with("[Content_Types].xml", "xl/"),
    ),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _zip_with("[Content_Types].xml", "ppt/"),
    ),
    "odt": (
        "application/vnd.oasis.opendocument.text",
        _zip_with("mimetype", "content.xml", mimetype="application/vnd.oasis.opendocument.text"),
    ),
    "doc": ("application/msword", _starts(_OLE)),
    "xls": ("application/vnd.ms-excel", _starts(_OLE)),
    "txt": ("text/plain", _plain_text),
}


class AttachmentRejected(ValueError):
    pass


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_attachment(name: str, size: int, stream: IO[bytes]) -> str:
    """The content type to serve the file with; raises AttachmentRejected
    with a GOV.UK message when the file is refused."""
    if size == 0:
        raise AttachmentRejected("The selected file is empty")
    if size > MAX_ATTACHMENT_BYTES:
        raise AttachmentRejected("The selected file must be smaller than 20MB")
    fmt = _FORMATS.get(extension_of(name))
    if fmt is None:
        raise AttachmentRejected(f"The selected file must be a {ALLOWED_DESCRIPTION}")
    content_type, check = fmt
    stream.seek(0)
    head = stream.read(4096)
    stream.seek(0)
    if not check(head, stream):
        raise AttachmentRejected(
            "The selected file's content does not match its file type: "
            f"it is not a real .{extension_of(name)} file"
        )
    return content_type
