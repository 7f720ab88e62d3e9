"""Staff import (CSV or Excel via tablib), ADR 0012 and 0026: a SPOC for
their own organisation (or an administrator for any) uploads a staff list;
a background task checks every row and the import's page shows the
progress, then the preview or every problem by row and field; nothing is
imported when any row is wrong. Confirming creates role-less accounts in one
transaction (a second task), each sent an invitation; the practitioner role
only ever requested, for a second person (ADR 0007)."""

from __future__ import annotations

from typing import Any

import pytest
import tablib
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prevent.accounts.models import RoleGrantRequest, User
from prevent.accounts.roles import Role
from prevent.accounts.services.users import staff_accounts_create
from prevent.audit.models import AuditEvent
from prevent.training import import_services
from prevent.training.importing import StaffRow
from prevent.training.models import ImportStatus, StaffImport, StaffProfile
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _csv(rows: list[tuple[str, str, str]]) -> SimpleUploadedFile:
    lines = ["name,e-mail,job group"] + [",".join(r) for r in rows]
    return SimpleUploadedFile("staff.csv", ("\n".join(lines) + "\n").encode())


def _rows(n: int) -> list[tuple[str, str, str]]:
    return [
        (f"Staff Member {i}", f"staff{i}@school.example", "all staff" if i % 5 else "managers")
        for i in range(n)
    ]


@pytest.fixture
def admin(make_user: Any) -> Any:
    return make_user(Role.ADMINISTRATOR)


@pytest.fixture(params=["spoc", "administrator"])
def importer(request: Any, make_user: Any, org: Any) -> Any:
    """Both routes: the organisation's own SPOC, and an administrator."""
    if request.param == "spoc":
        return make_user(Role.SPOC, organisation=org, full_name="Sam Spoc")
    return make_user(Role.ADMINISTRATOR)


def _upload(client: Any, org: Any, upload: SimpleUploadedFile, capture: Any, **extra: str) -> Any:
    """Upload (the check runs as a task once the upload commits) and follow
    to the import's page."""
    with capture(execute=True):
        response = client.post(
            reverse("training:import"), {"organisation": str(org.pk), "staff_file": upload, **extra}
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"])


def _confirm(client: Any, capture: Any) -> Any:
    record = StaffImport.objects.latest("pk")
    with capture(execute=True):
        response = client.post(reverse("training:import-confirm", args=[record.pk]))
    assert response.status_code == 302
    return client.get(response["Location"])


def test_a_valid_file_of_500_rows_creates_everything(
    importer: Any, org: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(importer)
    preview = _upload(client, org, _csv(_rows(500)), django_capture_on_commit_callbacks)
    body = preview.content.decode()
    assert "500 staff to add to Cherwell School" in body
    assert "Refresh" not in preview  # checked: the page no longer updates itself
    assert not User.objects.filter(organisation=org).exclude(pk=importer.pk).exists()  # preview: nothing
    mail.outbox.clear()
    result = _confirm(client, django_capture_on_commit_callbacks)
    assert "500 staff have been added to Cherwell School and invited" in result.content.decode()
    staff = User.objects.filter(organisation=org).exclude(pk=importer.pk)
    assert staff.count() == 500
    assert StaffProfile.objects.filter(user__organisation=org, job_group="managers").count() == 100
    # Training-only accounts: no role, and no role asked for unless ticked.
    assert not staff.filter(role_assignments__isnull=False).exists()
    assert not RoleGrantRequest.objects.exists()
    # The invitation an administrator's new user gets, one each.
    assert len([m for m in mail.outbox if m.to[0].endswith("@school.example")]) == 500
    record = StaffImport.objects.get()
    assert (record.status, record.checked, record.created, record.rows) == (ImportStatus.DONE, 500, 500, [])
    assert AuditEvent.objects.filter(action="training_staff_imported", actor=importer).count() == 1
    assert AuditEvent.objects.filter(action="user_created", actor=importer).count() == 500


def test_one_bad_row_creates_nothing_and_names_the_row_and_field(
    importer: Any, org: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    rows = _rows(20)
    rows[6] = ("Bad Row", "not-an-address", "all staff")
    rows[11] = ("", "blank@school.example", "teachers")
    client = client_for(importer)
    body = _upload(client, org, _csv(rows), django_capture_on_commit_callbacks).content.decode()
    assert "Row 8, e-mail: Enter an email address in the correct format" in body
    assert "Row 13, name: Enter the name" in body
    assert "Row 13, job group: Enter a job group" in body
    assert "nothing was imported" in body and "Import 18 staff" not in body
    record = StaffImport.objects.get()
    assert client.post(reverse("training:import-confirm", args=[record.pk])).status_code == 302
    assert not User.objects.filter(organisation=org).exclude(pk=importer.pk).exists()
    assert StaffImport.objects.get().rows == []  # the rows of a wrong file are not kept


def test_the_practitioner_role_is_only_requested_for_a_second_person(
    make_user: Any, org: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    spoc = make_user(Role.SPOC, organisation=org)
    coordinator = make_user(Role.PREVENT_COORDINATOR, email="cora@county.example")
    client = client_for(spoc)
    _upload(client, org, _csv(_rows(3)), django_capture_on_commit_callbacks, request_practitioner="on")
    mail.outbox.clear()
    _confirm(client, django_capture_on_commit_callbacks)
    staff = User.objects.filter(organisation=org).exclude(pk=spoc.pk)
    assert not staff.filter(role_assignments__isnull=False).exists()
    requests = RoleGrantRequest.objects.filter(user__in=staff, role=Role.PRACTITIONER, status="pending")
    assert requests.count() == 3 and set(requests.values_list("requested_by", flat=True)) == {spoc.pk}
    # The coordinators are told once for the whole list, not once a row.
    assert len([m for m in mail.outbox if m.to == [coordinator.email]]) == 1
    # The SPOC cannot approve what they asked for.
    approve = reverse("accounts:role-request-approve", args=[requests.first().pk])  # type: ignore[union-attr]
    assert client.post(approve, {"confirm": "yes"}).status_code in (403, 404)
    assert not staff.filter(role_assignments__isnull=False).exists()


def test_a_spoc_imports_for_their_own_organisation_only(
    make_user: Any, org: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    spoc = make_user(Role.SPOC, organisation=org)
    other: Any = OrganisationFactory(name="Witney College")
    client = client_for(spoc)
    page = client.get(reverse("training:import")).content.decode()
    assert "Staff of Cherwell School" in page and "Witney College" not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("training:import"), {"organisation": str(other.pk), "staff_file": _csv(_rows(2))}
        )
    assert response.status_code == 200 and "Select the organisation" in response.content.decode()
    assert not StaffImport.objects.exists()
    # The accounts service refuses too, whatever the caller.
    with pytest.raises(PermissionDenied):
        import_services.staff_import(
            actor=spoc,
            organisation=other,
            rows=[StaffRow(2, "A B", "ab@x.example", "all_staff")],
            base_url="/",
        )
    with pytest.raises(PermissionDenied):
        staff_accounts_create(actor=spoc, organisation=other, people=[("ab@x.example", "A B")], base_url="/")
    assert not User.objects.filter(organisation=other).exists()


def test_others_cannot_see_an_import_nor_confirm_it(
    make_user: Any, org: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    spoc = make_user(Role.SPOC, organisation=org)
    _upload(client_for(spoc), org, _csv(_rows(2)), django_capture_on_commit_callbacks)
    record = StaffImport.objects.get()
    for someone in (make_user(Role.SPOC, organisation=org), make_user(Role.ADMINISTRATOR)):
        client = client_for(someone)
        assert client.get(reverse("training:import-progress", args=[record.pk])).status_code == 404
        assert client.post(reverse("training:import-confirm", args=[record.pk])).status_code == 404
    assert StaffImport.objects.get().status == ImportStatus.CHECKED


def test_the_page_updates_itself_while_in_progress_without_javascript(
    make_user: Any, org: Any, client_for: Any
) -> None:
    spoc = make_user(Role.SPOC, organisation=org)
    client = client_for(spoc)
    client.post(reverse("training:import"), {"organisation": str(org.pk), "staff_file": _csv(_rows(60))})
    record = StaffImport.objects.get()  # the check is queued (not run: no commit in this test)
    url = reverse("training:import-progress", args=[record.pk])
    page = client.get(url)
    assert page["Refresh"] == "3"
    assert "0 of 60" in page.content.decode() and "Stop updating this page" in page.content.decode()
    stopped = client.get(url + "?updates=off")
    assert "Refresh" not in stopped and "Update this page" in stopped.content.decode()
    import_services.staff_import_check(staff_import_id=record.pk)
    record.refresh_from_db()
    assert (record.status, record.checked) == (ImportStatus.CHECKED, 60)
    assert "Refresh" not in client.get(url)


def test_the_check_reports_its_progress_as_it_goes(org: Any, make_user: Any) -> None:
    from prevent.training import importing

    counts: list[int] = []
    cells = [[f"N {i}", f"n{i}@school.example", "all staff"] for i in range(60)]
    rows, errors = importing.check(cells, existing=lambda emails: set(), progress=counts.append, every=25)
    assert counts == [25, 50] and len(rows) == 60 and not errors


def test_a_clash_at_import_time_rolls_every_row_back(
    importer: Any, org: Any, client_for: Any, make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(importer)
    _upload(client, org, _csv(_rows(10)), django_capture_on_commit_callbacks)
    make_user(email="staff9@school.example")  # someone took an address after the preview
    body = _confirm(client, django_capture_on_commit_callbacks).content.decode()
    assert "Nothing was imported" in body and "now belong to existing users" in body
    assert not User.objects.filter(organisation=org).exclude(pk=importer.pk).exists()
    assert StaffImport.objects.get().status == ImportStatus.FAILED


def test_a_refusal_on_one_row_rolls_back_the_rows_before_it(admin: Any, org: Any) -> None:
    rows = [StaffRow(i + 2, f"Name {i}", f"p{i}@school.example", "all_staff") for i in range(5)]
    rows[3] = StaffRow(5, "", "blank@school.example", "all_staff")  # the accounts service refuses it
    with pytest.raises(ValidationError, match="Row 5: Enter the user's full name"):
        import_services.staff_import(actor=admin, organisation=org, rows=rows, base_url="http://testserver/")
    assert not User.objects.filter(organisation=org).exists()


def test_an_excel_file_is_read_and_a_duplicate_row_is_named(
    admin: Any, org: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    data = tablib.Dataset(headers=["Name", "E-mail", "Job group"])
    data.append(("Ann Able", "ann@school.example", "SPOC"))
    data.append(("Ann Again", "ANN@school.example", "all staff"))
    upload = SimpleUploadedFile("staff.xlsx", data.export("xlsx"))
    body = _upload(client_for(admin), org, upload, django_capture_on_commit_callbacks).content.decode()
    assert "Row 3, e-mail: This email address is also on row 2" in body


def test_a_file_that_is_not_csv_or_excel_is_refused_next_to_the_field(
    admin: Any, org: Any, client_for: Any
) -> None:
    response = client_for(admin).post(
        reverse("training:import"),
        {"organisation": str(org.pk), "staff_file": SimpleUploadedFile("staff.pdf", b"%PDF-1.4")},
    )
    body = response.content.decode()
    assert "The selected file must be a CSV or XLSX" in body and 'id="id_staff_file-error"' in body
    missing = client_for(admin).post(
        reverse("training:import"),
        {
            "organisation": str(org.pk),
            "staff_file": SimpleUploadedFile("s.csv", b"name,email\nA,a@b.example\n"),
        },
    )
    assert "job group missing: nothing was imported" in missing.content.decode()
    assert not StaffImport.objects.exists()


def test_only_spocs_and_administrators_import(make_user: Any, org: Any, client_for: Any) -> None:
    for role in (Role.PRACTITIONER, Role.PREVENT_COORDINATOR, Role.PARTNERSHIP_ANALYST):
        assert (
            client_for(make_user(role, organisation=org)).get(reverse("training:import")).status_code == 403
        )
    assert (
        client_for(make_user(Role.SPOC, organisation=org)).get(reverse("training:import")).status_code == 200
    )


@pytest.mark.parametrize("status", [ImportStatus.CHECKED, ImportStatus.IMPORTING, ImportStatus.DONE])
def test_the_import_page_costs_the_same_queries_for_10_and_5000_rows(
    make_user: Any, org: Any, client_for: Any, status: str
) -> None:
    spoc = make_user(Role.SPOC, organisation=org)
    client = client_for(spoc)

    def page_queries(n: int) -> int:
        rows = [
            {"row": i + 2, "name": f"S {i}", "email": f"s{i}@school.example", "job_group": "all_staff"}
            for i in range(n)
        ]
        record = StaffImport.objects.create(
            organisation=org,
            requested_by=spoc,
            file_name="staff.csv",
            base_url="/",
            status=status,
            total=n,
            checked=n,
            rows=rows,
        )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("training:import-progress", args=[record.pk])).status_code == 200
        return len(queries.captured_queries)

    assert page_queries(10) == page_queries(5000)
