"""Reading a staff list (CSV or Excel, through tablib): name, e-mail, job
group. Every row is checked before anything is imported; each problem names
its row (as numbered in the file, the header being row 1) and field."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import tablib
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from prevent.core.forms import has_hidden_characters
from prevent.core.uploads import UploadMessages, check_upload, formats

from .models import JobGroup

MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
IMPORT_FORMATS = formats("csv", "xlsx")
HEADERS = {
    "name": "name",
    "full name": "name",
    "e-mail": "email",
    "email": "email",
    "email address": "email",
    "job group": "job_group",
}
GROUPS = {**{v: v for v in JobGroup.values}, **{label.lower(): v for v, label in JobGroup.choices}}


@dataclass(frozen=True)
class StaffRow:
    row: int
    name: str
    email: str
    job_group: str


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"Row {self.row}, {self.field}: {self.message}"


def read(upload: Any) -> tablib.Dataset:
    checked = check_upload(
        upload,
        allowed=IMPORT_FORMATS,
        max_bytes=MAX_BYTES,
        messages=UploadMessages(type="The selected file must be a CSV or XLSX"),
    )
    content = upload.read()
    try:
        if checked.extension == "csv":
            return tablib.Dataset().load(content.decode("utf-8-sig"), format="csv")
        return tablib.Dataset().load(io.BytesIO(content), format="xlsx")
    except (UnicodeDecodeError, ValueError, KeyError, IndexError) as error:
        raise ValidationError(
            "The selected file could not be read: save it as CSV (UTF-8) or XLSX"
        ) from error


def cells_of(dataset: tablib.Dataset) -> tuple[list[list[str]], list[RowError]]:
    """Each row's [name, e-mail, job group] as typed (row 2 first), or the
    problem with the file as a whole (its header, its size)."""
    columns = {HEADERS.get(str(h or "").strip().lower()): i for i, h in enumerate(dataset.headers or [])}
    missing = [
        label
        for key, label in (("name", "name"), ("email", "e-mail"), ("job_group", "job group"))
        if key not in columns
    ]
    if missing:
        return [], [
            RowError(1, "header", f"The first row must name the columns: {', '.join(missing)} missing")
        ]
    if len(dataset) > MAX_ROWS:
        return [], [RowError(1, "file", f"The file must have {MAX_ROWS} rows or fewer")]
    if not len(dataset):
        return [], [RowError(2, "file", "The file has no staff in it")]
    keys = ("name", "email", "job_group")
    return [
        [str(values[columns[k]] if values[columns[k]] is not None else "").strip() for k in keys]
        for values in dataset
    ], []


def check(
    cells: list[list[str]],
    *,
    existing: Callable[[set[str]], set[str]],
    progress: Callable[[int], None] | None = None,
    every: int = 100,
) -> tuple[list[StaffRow], list[RowError]]:
    """The rows, and every problem found (empty: all rows can be imported).
    `existing` answers which of a set of addresses already have accounts
    (one query for the whole file); `progress` is told the count of rows
    checked every `every` rows."""
    rows: list[StaffRow] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    existing_emails = existing({str(email).strip().lower() for _, email, _ in cells})
    for index, (name, raw_email, raw_group) in enumerate(cells, start=2):
        email, group = raw_email.lower(), raw_group.lower()
        found: list[RowError] = []
        for label, value in (
            ("name", name),
            ("e-mail", email),
            ("job group", group),
        ):
            if has_hidden_characters(value) or len(value) > 200:
                found.append(
                    RowError(index, label, f"The {label} must be plain text of 200 characters or fewer")
                )
        if not name:
            found.append(RowError(index, "name", "Enter the name"))
        if not email:
            found.append(RowError(index, "e-mail", "Enter an email address"))
        else:
            try:
                validate_email(email)
            except ValidationError:
                found.append(
                    RowError(
                        index, "e-mail", "Enter an email address in the correct format, like name@example.com"
                    )
                )
            else:
                if email in existing_emails:
                    found.append(RowError(index, "e-mail", "A user with this email address already exists"))
                elif email in seen:
                    found.append(
                        RowError(index, "e-mail", f"This email address is also on row {seen[email]}")
                    )
                seen.setdefault(email, index)
        if group not in GROUPS:
            found.append(
                RowError(
                    index,
                    "job group",
                    "Enter a job group: " + ", ".join(label.lower() for label in JobGroup.labels),
                )
            )
        if found:
            errors.extend(found)
        else:
            rows.append(StaffRow(index, name, email, GROUPS[group]))
        if progress is not None and (index - 1) % every == 0:
            progress(index - 1)
    return rows, errors


def rows_of(
    dataset: tablib.Dataset, *, existing: Callable[[set[str]], set[str]]
) -> tuple[list[StaffRow], list[RowError]]:
    """Every row of the file checked at once (see cells_of and check)."""
    cells, errors = cells_of(dataset)
    if errors:
        return [], errors
    return check(cells, existing=existing)
