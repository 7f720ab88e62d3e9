"""Need to know: out-of-scope concerns, attachments and people answer 404,
and every read of a concern, of a chronology and of an attachment is audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.concerns import services
from prevent.concerns.models import ReferralDestination
from tests.factories import OrganisationFactory

from .conftest import make_draft, make_submitted

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def with_attachment(practitioner: Any) -> Any:
    draft = make_draft(practitioner)
    attachment = services.concern_add_attachment(
        actor=practitioner,
        concern=draft,
        upload=SimpleUploadedFile("photo.png", PNG, content_type="image/png"),
    )
    concern = services.concern_submit(actor=practitioner, concern=draft)
    return concern, attachment


def _urls(concern: Any, attachment: Any) -> list[str]:
    return [
        reverse("concerns:detail", args=[concern.pk]),
        reverse("concerns:attachment", args=[concern.pk, attachment.pk]),
        reverse("concerns:person", args=[concern.person_id]),
        reverse("concerns:addendum", args=[concern.pk]),
    ]


def test_a_practitioner_cannot_see_another_practitioners_concern(
    with_attachment: Any, make_user: Any, org: Any, client_for: Any
) -> None:
    colleague = make_user(Role.PRACTITIONER, organisation=org)
    client = client_for(colleague)
    for url in _urls(*with_attachment):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("concerns:index")).content.count(with_attachment[0].reference.encode()) == 0


def test_a_spoc_cannot_see_another_organisations_concerns(
    with_attachment: Any, make_user: Any, client_for: Any
) -> None:
    other_spoc = make_user(Role.SPOC, organisation=OrganisationFactory(name="Other school"))
    client = client_for(other_spoc)
    concern, attachment = with_attachment
    for url in [
        *_urls(concern, attachment),
        reverse("concerns:decision", args=[concern.pk]),
        reverse("concerns:close", args=[concern.pk]),
        reverse("concerns:link-person", args=[concern.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert concern.reference.encode() not in client.get(reverse("concerns:triage-queue")).content


def test_ids_that_do_not_exist_answer_404_like_out_of_scope_ones(spoc: Any, client_for: Any) -> None:
    client = client_for(spoc)
    for url in [
        reverse("concerns:detail", args=[999]),
        reverse("concerns:draft", args=[999]),
        reverse("concerns:step", args=[999, "person"]),
        reverse("concerns:attachment", args=[999, 1]),
        reverse("concerns:person", args=[999]),
        reverse("concerns:referral-update", args=[999]),
    ]:
        assert client.get(url).status_code == 404, url


def test_a_spoc_does_not_see_drafts_and_nobody_edits_anothers_draft(
    practitioner: Any, spoc: Any, client_for: Any, make_user: Any, org: Any
) -> None:
    draft = make_draft(practitioner)
    assert client_for(spoc).get(reverse("concerns:detail", args=[draft.pk])).status_code == 404
    colleague = client_for(make_user(Role.PRACTITIONER, organisation=org))
    assert colleague.get(reverse("concerns:draft", args=[draft.pk])).status_code == 404
    response = colleague.post(reverse("concerns:step", args=[draft.pk, "concern"]), {"what_happened": "x"})
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.what_happened == "Shared extremist videos in class."


def test_police_prevent_sees_only_concerns_referred_to_them(
    practitioner: Any, spoc: Any, make_user: Any, client_for: Any
) -> None:
    officer = client_for(make_user(Role.POLICE_PREVENT_OFFICER))
    concern = make_submitted(practitioner)
    url = reverse("concerns:detail", args=[concern.pk])
    assert officer.get(url).status_code == 404
    from django.utils import timezone

    services.triage_record_decision(
        actor=spoc,
        concern=concern,
        pyramid_level=3,
        rationale="r",
        referrals=[
            services.ReferralInput(
                destination=ReferralDestination.POLICE_PREVENT, sent_on=timezone.localdate(), method="email"
            )
        ],
    )
    assert officer.get(url).status_code == 200


def test_every_read_of_a_concern_a_chronology_and_a_download_is_audited(
    with_attachment: Any, spoc: Any, client_for: Any
) -> None:
    concern, attachment = with_attachment
    client = client_for(spoc)
    for _ in range(2):
        assert client.get(reverse("concerns:detail", args=[concern.pk])).status_code == 200
    views = AuditEvent.objects.filter(action="concern_viewed", object_id=str(concern.pk), actor=spoc)
    assert views.count() == 2
    response = client.get(reverse("concerns:attachment", args=[concern.pk, attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG  # type: ignore[attr-defined]
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"
    assert (
        AuditEvent.objects.filter(
            action="concern_attachment_downloaded", object_id=str(attachment.pk), actor=spoc
        ).count()
        == 1
    )
    assert client.get(reverse("concerns:person", args=[concern.person_id])).status_code == 200
    assert AuditEvent.objects.filter(action="person_viewed", object_id=str(concern.person_id)).count() == 1


def test_a_refused_read_is_not_recorded_as_a_view(
    with_attachment: Any, make_user: Any, client_for: Any
) -> None:
    concern, _ = with_attachment
    outsider = make_user(Role.SPOC, organisation=OrganisationFactory(name="Far away"))
    client_for(outsider).get(reverse("concerns:detail", args=[concern.pk]))
    assert not AuditEvent.objects.filter(action="concern_viewed", actor=outsider).exists()
