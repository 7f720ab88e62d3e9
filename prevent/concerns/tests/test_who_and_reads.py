"""Who may record a concern (issue 8, point 11) and the concern pages that
show a person's identity recording a read (point 3)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.concerns import services
from prevent.concerns.models import Concern
from tests.factories import OrganisationFactory

from .conftest import make_draft, make_submitted

pytestmark = pytest.mark.django_db


# Point 11: recording a concern needs the Practitioner role (or SPOC).


@pytest.mark.parametrize(
    "role",
    [Role.ADMINISTRATOR, Role.PARTNERSHIP_ANALYST, Role.PREVENT_COORDINATOR, Role.CHANNEL_MEMBER],
    ids=lambda r: r.value,
)
def test_a_user_without_the_practitioner_role_cannot_record_a_concern_and_is_told_whom_to_ask(
    role: Role, make_user: Any, client_for: Any, org: Any, spoc: Any
) -> None:
    user = make_user(role, organisation=org)
    client = client_for(user)
    for name in ("concerns:index", "concerns:new"):
        response = client.get(reverse(name))
        assert response.status_code == 403, name
        page = response.content.decode()
        assert "You cannot record a concern with this account" in page
        assert "Sam Spoc" in page and spoc.email in page  # the organisation's SPOC
        assert "ask your administrator to give you the Practitioner role" in page
    response = client.post(reverse("concerns:new"), {"emergency": "no"})
    assert response.status_code == 403
    assert not Concern.objects.exists()
    with pytest.raises(PermissionDenied):
        services.concern_create_draft(actor=user, emergency="no")
    home = client.get(reverse("core:home")).content.decode()
    assert f'href="{reverse("concerns:index")}"' not in home
    assert f'href="{reverse("concerns:new")}"' not in home


def test_without_a_spoc_the_page_still_says_whom_to_ask(make_user: Any, client_for: Any) -> None:
    lonely = make_user(Role.ADMINISTRATOR, organisation=OrganisationFactory(name="No SPOC here"))
    page = client_for(lonely).get(reverse("concerns:new")).content.decode()
    assert "Single Point of Contact (SPOC) for Prevent or your safeguarding lead" in page
    assert "ask your administrator to give you the Practitioner role" in page


@pytest.mark.parametrize("roles", [(Role.PRACTITIONER,), (Role.SPOC,)], ids=["practitioner", "spoc"])
def test_practitioners_and_spocs_record_concerns(
    roles: tuple[Role, ...], make_user: Any, client_for: Any, org: Any
) -> None:
    user = make_user(*roles, organisation=org)
    client = client_for(user)
    assert client.get(reverse("concerns:index")).status_code == 200
    assert client.post(reverse("concerns:new"), {"emergency": "no"}).status_code == 302
    assert Concern.objects.filter(raised_by=user).count() == 1
    assert f'href="{reverse("concerns:index")}"' in client.get(reverse("core:home")).content.decode()


# Point 3: reads of a person's identity on the concern pages are audited.


def _reads(action: str, **filters: Any) -> int:
    return AuditEvent.objects.filter(action=action, **filters).count()


def test_the_link_person_page_records_one_read(
    practitioner: Any, spoc: Any, client_for: Any, make_user: Any
) -> None:
    concern = make_submitted(practitioner)
    match = make_submitted(practitioner, person={"person_name": "Alexander Example"})
    url = reverse("concerns:link-person", args=[concern.pk])
    response = client_for(spoc).get(url)
    assert response.status_code == 200 and "Alexander Example" in response.content.decode()
    events = AuditEvent.objects.filter(action="person_matches_viewed", actor=spoc)
    assert events.count() == 1
    event = events.get()
    assert event.object_id == str(concern.pk)
    assert str(match.person_id) in event.summary
    # A refused post re-renders the page: one more read, for that request.
    client_for(spoc).post(url, {"person": "not-a-choice"})
    assert events.count() == 2
    # Out of scope: 404, and nothing recorded.
    other_spoc = make_user(Role.SPOC, organisation=OrganisationFactory(name="Other school"))
    assert client_for(other_spoc).get(url).status_code == 404
    assert client_for(practitioner).get(url).status_code == 404
    assert _reads("person_matches_viewed") == 2


@pytest.mark.parametrize(
    ("name", "args"),
    [("concerns:check", ()), ("concerns:step", ("person",))],
    ids=["check-your-answers", "person-step"],
)
def test_the_draft_pages_showing_the_person_record_one_read(
    name: str, args: tuple[str, ...], practitioner: Any, client_for: Any, make_user: Any, org: Any
) -> None:
    draft = make_draft(practitioner)
    saved = client_for(practitioner).post(
        reverse("concerns:step", args=[draft.pk, "person"]),
        {"person_name": "Alex Example", "person_approximate_age": "15", "person_gender": "male"},
    )
    assert saved.status_code == 302  # a save that redirects shows nothing: no read
    assert _reads("concern_draft_viewed") == 0
    url = reverse(name, args=[draft.pk, *args])
    response = client_for(practitioner).get(url)
    assert response.status_code == 200 and "Alex Example" in response.content.decode()
    assert _reads("concern_draft_viewed", actor=practitioner, object_id=str(draft.pk)) == 1
    colleague = make_user(Role.PRACTITIONER, organisation=org)
    assert client_for(colleague).get(url).status_code == 404
    assert _reads("concern_draft_viewed") == 1


def test_other_steps_do_not_record_a_read(practitioner: Any, client_for: Any) -> None:
    draft = make_draft(practitioner)
    client_for(practitioner).get(reverse("concerns:step", args=[draft.pk, "support"]))
    assert _reads("concern_draft_viewed") == 0


def test_submitting_from_check_your_answers_records_the_submission_not_a_read(
    practitioner: Any, client_for: Any
) -> None:
    draft = make_draft(practitioner)
    response = client_for(practitioner).post(reverse("concerns:check", args=[draft.pk]))
    assert response.status_code == 302
    assert _reads("concern_submitted") == 1 and _reads("concern_draft_viewed") == 0
