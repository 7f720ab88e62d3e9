"""Background tasks of the staff import (ADR 0026): queued by
import_services after the upload and after the confirmation commit; the
database backend runs them in `manage.py db_worker`, the tests at once."""

from __future__ import annotations

from django.tasks import task

from . import import_services


@task
def check_staff_import(*, staff_import_id: int) -> str:
    record = import_services.staff_import_check(staff_import_id=staff_import_id)
    return record.status if record is not None else "missing"


@task
def run_staff_import(*, staff_import_id: int) -> str:
    record = import_services.staff_import_run(staff_import_id=staff_import_id)
    return record.status if record is not None else "missing"
