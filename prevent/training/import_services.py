"""Staff import (ADR 0012, 0026): a SPOC (or an administrator) uploads a
staff list; a background task checks every row, the uploader confirms the
preview, and a second task creates every account in one transaction.

Progress is shown on a page that updates itself. Checking writes nothing
but the import's own counts, so they are committed as it goes. Creating the
accounts is one transaction, which nobody else sees until it commits; the
count of accounts made so far is written through a second database
connection of its own (committed at once) where the database lets two
connections write at the same time (PostgreSQL). SQLite has one writer at a
time, so there the count appears only at the end."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from prevent.audit.services import record_event
from prevent.core import clock
from prevent.core.models import Organisation
from prevent.policy import Action, can, require

from . import importing
from .models import ImportStatus, StaffImport, StaffProfile

if TYPE_CHECKING:
    from prevent.accounts.models import User

PROGRESS_EVERY = 25


def staff_import(
    *,
    actor: User,
    organisation: Organisation,
    rows: list[importing.StaffRow],
    base_url: str,
    request_practitioner: bool = False,
    progress: Callable[[int], None] | None = None,
    record: StaffImport | None = None,
    send_invitations: bool = True,
) -> list[User]:
    """Create an account for each row, in one transaction: any refusal (a
    row no longer valid) rolls every row back. Accounts are made by
    prevent.accounts' staff_accounts_create: role-less accounts of the
    organisation (CREATE_STAFF_ACCOUNT: its SPOC or an administrator), each
    sent an invitation once it commits; with `request_practitioner` the
    practitioner role is asked for each, for a second person to approve (ADR
    0007). Until then an account sees its training and no case content. The
    job group is the training requirement. `record`, the StaffImport this
    runs for, is marked done in the same transaction."""
    from prevent.accounts.models import User as UserModel
    from prevent.accounts.roles import Role
    from prevent.accounts.services.users import StaffAccountRefused, staff_accounts_create

    require(actor, Action.IMPORT_TRAINING_STAFF, organisation)
    if not rows:
        raise ValidationError("The file has no staff in it")
    with transaction.atomic():
        if UserModel.objects.filter(email__in=[row.email for row in rows]).exists():
            raise ValidationError(
                "Some of these email addresses now belong to existing users: check the file again"
            )
        try:
            created = staff_accounts_create(
                actor=actor,
                organisation=organisation,
                people=[(row.email, row.name) for row in rows],
                request_roles=[Role.PRACTITIONER] if request_practitioner else [],
                base_url=base_url,
                progress=progress,
                send_invitation=send_invitations,
            )
        except StaffAccountRefused as error:
            raise ValidationError(f"Row {rows[error.index].row}: {' '.join(error.messages)}") from error
        StaffProfile.objects.bulk_create(
            StaffProfile(user=user, job_group=row.job_group) for user, row in zip(created, rows, strict=True)
        )
        if record is not None:
            StaffImport.objects.filter(pk=record.pk).update(
                status=ImportStatus.DONE, created=len(created), rows=[], finished_at=clock.now()
            )
        record_event(
            actor=actor,
            action="training_staff_imported",
            summary=f"Imported {len(created)} staff of {organisation.name}"
            + (", asking for the practitioner role for each" if request_practitioner else ""),
            obj=organisation,
            changes={"staff": {"before": None, "after": len(created)}},
        )
    return created


def staff_import_start(
    *,
    actor: User,
    organisation: Organisation,
    file_name: str,
    cells: list[list[str]],
    request_practitioner: bool,
    base_url: str,
) -> StaffImport:
    """Keep the rows read from an uploaded staff list and queue their check
    (the page of the import shows its progress). An earlier import of the
    same person that was never confirmed is given up, its rows emptied."""
    require(actor, Action.IMPORT_TRAINING_STAFF, organisation)
    with transaction.atomic():
        StaffImport.objects.filter(
            requested_by=actor, status__in=[ImportStatus.CHECKING, ImportStatus.CHECKED]
        ).update(
            status=ImportStatus.FAILED,
            rows=[],
            message="A newer staff list was uploaded",
            finished_at=clock.now(),
        )
        record = StaffImport.objects.create(
            organisation=organisation,
            requested_by=actor,
            file_name=file_name[:200],
            request_practitioner=request_practitioner,
            base_url=base_url[:200],
            total=len(cells),
            rows=cells,
        )
        record_event(
            actor=actor,
            action="training_staff_import_started",
            summary=f"Uploaded a staff list of {len(cells)} rows for {organisation.name}",
            obj=record,
            changes={"rows": {"before": None, "after": len(cells)}},
        )
        transaction.on_commit(partial(_enqueue, "check_staff_import", record.pk), robust=True)
    return record


def _enqueue(name: str, staff_import_id: int) -> None:
    from . import tasks

    getattr(tasks, name).enqueue(staff_import_id=staff_import_id)


def _fail(record: StaffImport, message: str) -> None:
    with transaction.atomic():
        StaffImport.objects.filter(pk=record.pk).update(
            status=ImportStatus.FAILED, rows=[], message=message[:500], finished_at=clock.now()
        )
        record_event(
            actor=record.requested_by,
            action="training_staff_import_failed",
            summary=f"Imported no staff of {record.organisation.name}: {message}"[:500],
            obj=record,
        )


def staff_import_check(*, staff_import_id: int) -> StaffImport | None:
    """The background check of every row (the task's work). The count of rows
    checked is committed every PROGRESS_EVERY rows; then the import waits for
    its uploader to confirm the preview, or shows every problem found."""
    record = (
        StaffImport.objects.select_related("organisation", "requested_by").filter(pk=staff_import_id).first()
    )
    if record is None or record.status != ImportStatus.CHECKING:
        return record
    if not can(record.requested_by, Action.IMPORT_TRAINING_STAFF, record.organisation):
        _fail(record, "You can no longer import staff for this organisation")
        return record

    def progress(count: int) -> None:
        StaffImport.objects.filter(pk=record.pk).update(checked=count)

    from .selectors import existing_emails

    rows, errors = importing.check(
        record.rows, existing=existing_emails, progress=progress, every=PROGRESS_EVERY
    )
    with transaction.atomic():
        StaffImport.objects.filter(pk=record.pk, status=ImportStatus.CHECKING).update(
            status=ImportStatus.CHECKED,
            checked=record.total,
            rows=[] if errors else [row.__dict__ for row in rows],
            problems=[[e.row, e.field, e.message] for e in errors],
        )
        record_event(
            actor=record.requested_by,
            action="training_staff_import_checked",
            summary=f"Checked a staff list of {record.total} rows for {record.organisation.name}: "
            + (f"{len(errors)} problems, nothing imported" if errors else "ready to import"),
            obj=record,
        )
    record.refresh_from_db()
    return record


def staff_import_confirm(*, actor: User, staff_import: StaffImport) -> StaffImport:
    """The uploader has seen the preview and asks for the accounts: queue
    their creation."""
    require(actor, Action.VIEW_STAFF_IMPORT, staff_import, hide=True)
    require(actor, Action.IMPORT_TRAINING_STAFF, staff_import.organisation)
    with transaction.atomic():
        record = StaffImport.objects.select_for_update().get(pk=staff_import.pk)
        if record.status != ImportStatus.CHECKED or record.problems or not record.rows:
            raise ValidationError("This staff list cannot be imported: upload it again")
        record.status = ImportStatus.IMPORTING
        record.save(update_fields=["status"])
        record_event(
            actor=actor,
            action="training_staff_import_confirmed",
            summary=f"Asked for {len(record.rows)} staff of {staff_import.organisation.name} to be imported",
            obj=record,
        )
        transaction.on_commit(partial(_enqueue, "run_staff_import", record.pk), robust=True)
    return record


class _CreatedCount:
    """Writes the count of accounts made so far where the import's page sees
    it at once, while they are made in one transaction nobody else sees:
    through a second connection of its own, committed at once (PostgreSQL
    only: SQLite lets one connection write at a time, and the transaction
    making the accounts is that one)."""

    def __init__(self, staff_import_id: int) -> None:
        self.pk = staff_import_id
        self.connection: Any = None
        if connections[DEFAULT_DB_ALIAS].vendor == "postgresql":
            self.connection = connections.create_connection(DEFAULT_DB_ALIAS)

    def __call__(self, count: int) -> None:
        if self.connection is None or count % PROGRESS_EVERY:
            return
        table = self.connection.ops.quote_name(StaffImport._meta.db_table)
        with self.connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET created = %s WHERE id = %s", [count, self.pk])  # noqa: S608  # nosec B608  # quoted model table

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


def staff_import_run(*, staff_import_id: int) -> StaffImport | None:
    """The background creation (the task's work): claims the import once,
    then creates every account in one transaction, or none, saying why."""
    claimed = StaffImport.objects.filter(
        pk=staff_import_id, status=ImportStatus.IMPORTING, started_at__isnull=True
    ).update(started_at=clock.now())
    record = (
        StaffImport.objects.select_related("organisation", "requested_by").filter(pk=staff_import_id).first()
    )
    if not claimed or record is None:
        return record
    rows = [importing.StaffRow(**row) for row in record.rows]
    count = _CreatedCount(record.pk)
    try:
        staff_import(
            actor=record.requested_by,
            organisation=record.organisation,
            rows=rows,
            base_url=record.base_url,
            request_practitioner=record.request_practitioner,
            progress=count,
            record=record,
        )
    except ValidationError as error:
        _fail(record, " ".join(error.messages))
    except PermissionDenied:
        _fail(record, "You can no longer import staff for this organisation")
    finally:
        count.close()
    record.refresh_from_db()
    return record
