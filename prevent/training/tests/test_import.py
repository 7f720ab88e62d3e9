"""Staff import (CSV or Excel via tablib): preview, row-by-row errors naming
row and field, nothing imported when any row is wrong; accounts made by the
accounts services, the practitioner role requested for approval (ADR 0007)."""

from __future__ import annotations

from typing import Any

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prevent.accounts.models import RoleGrantRequest, User
from prevent.accounts.roles import Role
from prevent.training.models import StaffProfile

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


def _preview(client: Any, org: Any, upload: SimpleUploadedFile) -> Any:
    return client.post(reverse("training:import"), {"organisation": str(org.pk), "staff_file": upload})


def test_a_valid_file_of_500_rows_creates_everything(
    admin: Any, org: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(admin)
    preview = _preview(client, org, _csv(_rows(500)))
    assert "500 staff to add to Cherwell School" in preview.content.decode()
    assert not User.objects.filter(organisation=org).exists()  # a preview imports nothing
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("training:import"), {"step": "import"})
    assert response.status_code == 302
    staff = User.objects.filter(organisation=org)
    assert staff.count() == 500
    assert StaffProfile.objects.filter(user__organisation=org, job_group="managers").count() == 100
    # No case role without a second person: the practitioner role is requested.
    assert not staff.filter(role_assignments__isnull=False).exists()
    assert RoleGrantRequest.objects.filter(user__organisation=org, role=Role.PRACTITIONER).count() == 500


def test_one_bad_row_creates_nothing_and_names_the_row_and_field(
    admin: Any, org: Any, client_for: Any
) -> None:
    rows = _rows(20)
    rows[6] = ("Bad Row", "not-an-address", "all staff")
    rows[11] = ("", "blank@school.example", "teachers")
    client = client_for(admin)
    body = _preview(client, org, _csv(rows)).content.decode()
    assert "Row 8, e-mail: Enter an email address in the correct format" in body
    assert "Row 13, name: Enter the name" in body
    assert "Row 13, job group: Enter a job group" in body
    assert "nothing was imported" in body
    assert client.post(reverse("training:import"), {"step": "import"}).status_code == 302
    assert not User.objects.filter(organisation=org).exists()


def test_a_clash_at_import_time_rolls_every_row_back(
    admin: Any, org: Any, client_for: Any, make_user: Any
) -> None:
    client = client_for(admin)
    _preview(client, org, _csv(_rows(10)))
    make_user(email="staff9@school.example")  # someone took an address after the preview
    client.post(reverse("training:import"), {"step": "import"})
    assert not User.objects.filter(organisation=org).exists()


def test_an_excel_file_is_read_and_a_duplicate_row_is_named(admin: Any, org: Any, client_for: Any) -> None:
    data = tablib.Dataset(headers=["Name", "E-mail", "Job group"])
    data.append(("Ann Able", "ann@school.example", "SPOC"))
    data.append(("Ann Again", "ANN@school.example", "all staff"))
    upload = SimpleUploadedFile("staff.xlsx", data.export("xlsx"))
    body = _preview(client_for(admin), org, upload).content.decode()
    assert "Row 3, e-mail: This email address is also on row 2" in body


def test_a_file_that_is_not_csv_or_excel_is_refused_next_to_the_field(
    admin: Any, org: Any, client_for: Any
) -> None:
    body = _preview(client_for(admin), org, SimpleUploadedFile("staff.pdf", b"%PDF-1.4")).content.decode()
    assert "The selected file must be a CSV or XLSX" in body and 'id="id_staff_file-error"' in body


def test_only_administrators_import(make_user: Any, org: Any, client_for: Any) -> None:
    spoc = make_user(Role.SPOC, organisation=org)
    assert client_for(spoc).get(reverse("training:import")).status_code == 403
