"""Declared completions with a certificate, confirmed by the SPOC; the
staff member's own page; the course catalogue."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.core import clock
from prevent.training import services
from prevent.training.models import Completion, CompletionStatus, Course, Requirement
from prevent.training.tests.conftest import PDF

pytestmark = pytest.mark.django_db


def _declare_post(
    course: Course, *, name: str = "cert.pdf", content: bytes = PDF, on: dt.date | None = None
) -> dict[str, Any]:
    on = on or clock.today() - dt.timedelta(days=2)
    return {
        "course": str(course.pk),
        "completed_on_day": str(on.day),
        "completed_on_month": str(on.month),
        "completed_on_year": str(on.year),
        "certificate": SimpleUploadedFile(name, content),
    }


def test_declare_then_the_spoc_confirms(
    make_user: Any, org: Any, spoc: Any, client_for: Any, wrap: Any
) -> None:
    staff = make_user(Role.PRACTITIONER, organisation=org)
    response = client_for(staff).post(reverse("training:declare"), _declare_post(wrap))
    assert response.status_code == 302
    completion = Completion.objects.get()
    assert completion.status == CompletionStatus.PENDING and completion.certificate_type == "application/pdf"
    spoc_client = client_for(spoc)
    assert staff.full_name in spoc_client.get(reverse("training:to-confirm")).content.decode()
    download = spoc_client.get(reverse("training:certificate", args=[completion.pk]))
    assert download.status_code == 200
    assert AuditEvent.objects.filter(action="training_certificate_downloaded", actor=spoc).exists()
    spoc_client.post(reverse("training:completion-detail", args=[completion.pk]), {"decision": "confirm"})
    completion.refresh_from_db()
    assert completion.status == CompletionStatus.CONFIRMED and completion.decided_by == spoc


def test_a_certificate_whose_content_is_not_a_pdf_is_refused_next_to_the_field(
    make_user: Any, org: Any, client_for: Any, wrap: Any
) -> None:
    staff = make_user(organisation=org)
    response = client_for(staff).post(
        reverse("training:declare"), _declare_post(wrap, content=b"MZ not a pdf")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "The selected certificate&#x27;s content does not match its .pdf extension" in body
    assert 'id="id_certificate-error"' in body
    assert not Completion.objects.exists()
    response = client_for(staff).post(reverse("training:declare"), _declare_post(wrap, name="cert.docx"))
    assert "must be a PDF, PNG or JPG" in response.content.decode()


def test_a_png_certificate_is_accepted(make_user: Any, org: Any, wrap: Any) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    staff = make_user(organisation=org)
    done = services.completion_declare(
        actor=staff, course=wrap, completed_on=clock.today(), certificate=SimpleUploadedFile("c.png", png)
    )
    assert done.certificate_type == "image/png"


def test_another_organisations_spoc_gets_404_and_nobody_confirms_their_own(
    make_user: Any, org: Any, spoc: Any, client_for: Any, wrap: Any
) -> None:
    done = services.completion_declare(
        actor=spoc, course=wrap, completed_on=clock.today(), certificate=SimpleUploadedFile("c.pdf", PDF)
    )
    other_spoc = make_user(Role.SPOC)
    url = reverse("training:completion-detail", args=[done.pk])
    assert client_for(other_spoc).get(url).status_code == 404
    assert client_for(make_user(organisation=org)).get(url).status_code == 404  # a colleague
    assert client_for(make_user(Role.PREVENT_COORDINATOR)).get(url).status_code == 200
    own = client_for(spoc)
    assert own.get(url).status_code == 200
    assert own.post(url, {"decision": "confirm"}).status_code == 404
    done.refresh_from_db()
    assert done.status == CompletionStatus.PENDING


@pytest.mark.parametrize("confirmer", ["another SPOC of the organisation", "a coordinator"])
def test_a_spocs_own_training_is_confirmed_by_another_spoc_or_a_coordinator_never_themselves(
    make_user: Any,
    org: Any,
    spoc: Any,
    client_for: Any,
    wrap: Any,
    confirmer: str,
    django_capture_on_commit_callbacks: Any,
    mailoutbox: Any,
) -> None:
    second = make_user(Role.SPOC, organisation=org, email="second.spoc@school.example")
    coordinator = make_user(Role.PREVENT_COORDINATOR, email="cora@county.example")
    with django_capture_on_commit_callbacks(execute=True):
        done = services.completion_declare(
            actor=spoc, course=wrap, completed_on=clock.today(), certificate=SimpleUploadedFile("c.pdf", PDF)
        )
    # Both who may confirm it are told (links only); the SPOC is not.
    assert sorted(m.to[0] for m in mailoutbox) == ["cora@county.example", "second.spoc@school.example"]
    url = reverse("training:completion-detail", args=[done.pk])
    own = client_for(spoc)
    assert spoc.full_name not in own.get(reverse("training:to-confirm")).content.decode()
    assert own.post(url, {"decision": "confirm"}).status_code == 404
    with pytest.raises(Http404):  # the service refuses too
        services.completion_decide(actor=spoc, completion=done, confirm=True)
    done.refresh_from_db()
    assert done.status == CompletionStatus.PENDING
    who = second if confirmer.startswith("another") else coordinator
    client = client_for(who)
    assert spoc.full_name in client.get(reverse("training:to-confirm")).content.decode()
    assert client.post(url, {"decision": "confirm"}).status_code == 302
    done.refresh_from_db()
    assert done.status == CompletionStatus.CONFIRMED and done.decided_by == who


def test_a_coordinator_confirms_only_spocs_training_not_every_members(
    make_user: Any, org: Any, client_for: Any, wrap: Any
) -> None:
    staff = make_user(Role.PRACTITIONER, organisation=org)
    done = services.completion_declare(
        actor=staff, course=wrap, completed_on=clock.today(), certificate=SimpleUploadedFile("c.pdf", PDF)
    )
    coordinator = client_for(make_user(Role.PREVENT_COORDINATOR))
    assert staff.full_name not in coordinator.get(reverse("training:to-confirm")).content.decode()
    url = reverse("training:completion-detail", args=[done.pk])
    assert coordinator.post(url, {"decision": "confirm"}).status_code == 404
    done.refresh_from_db()
    assert done.status == CompletionStatus.PENDING


def test_own_page_shows_what_is_due(make_user: Any, org: Any, client_for: Any, wrap: Any) -> None:
    Requirement.objects.create(organisation=org, job_group="all_staff", course=wrap)
    staff = make_user(organisation=org)
    page = client_for(staff).get(reverse("training:index")).content.decode()
    assert wrap.title in page.split('id="due"')[1].split("</ul>")[0]
    Completion.objects.create(
        user=staff,
        organisation=org,
        course=wrap,
        completed_on=clock.today(),
        valid_until=wrap.valid_until(clock.today()),
        source="attendance",
        status="confirmed",
        recorded_by=staff,
    )
    page = client_for(staff).get(reverse("training:index")).content.decode()
    assert "Nothing is due" in page


def test_coordinators_keep_the_catalogue_and_retire_never_deletes(
    make_user: Any, client_for: Any, coordinator: Any, wrap: Any
) -> None:
    client = client_for(coordinator)
    response = client.post(
        reverse("training:course-add"),
        {
            "title": "Prevent for governors",
            "kind": "other",
            "mode": "online",
            "refresher_months": "24",
            "link": "",
        },
    )
    assert "Enter the link to the online course" in response.content.decode()
    assert 'value="Prevent for governors"' in response.content.decode()
    client.post(
        reverse("training:course-add"),
        {
            "title": "Prevent for governors",
            "kind": "other",
            "mode": "online",
            "refresher_months": "24",
            "link": "https://example.org/governors",
        },
    )
    course = Course.objects.get(title="Prevent for governors")
    assert client.get(reverse("training:course-retire", args=[course.pk])).status_code == 200  # confirmation
    client.post(reverse("training:course-retire", args=[course.pk]))
    course.refresh_from_db()
    assert course.retired_at is not None
    assert course.title not in client_for(make_user()).get(reverse("training:course-list")).content.decode()
    client.post(reverse("training:course-restore", args=[course.pk]))
    course.refresh_from_db()
    assert course.retired_at is None
    assert client_for(make_user(Role.SPOC)).post(reverse("training:course-add"), {}).status_code == 403


def test_a_coordinator_who_is_also_a_spoc_sees_each_completion_to_confirm_once(
    make_user: Any, org: Any, client_for: Any, wrap: Any
) -> None:
    both = make_user(Role.SPOC, Role.PREVENT_COORDINATOR, organisation=org)
    declarer = make_user(Role.SPOC, Role.PRACTITIONER, organisation=org, full_name="Dee Declarer")
    done = services.completion_declare(
        actor=declarer, course=wrap, completed_on=clock.today(), certificate=SimpleUploadedFile("c.pdf", PDF)
    )
    listed = client_for(both).get(reverse("training:to-confirm")).content.decode()
    assert listed.count(reverse("training:completion-detail", args=[done.pk])) == 1
