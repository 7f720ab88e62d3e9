"""Who sees which assessments: a SPOC their organisation's, a coordinator
all, a practitioner none. Out-of-scope ids answer 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from prevent.accounts.roles import Role
from prevent.self_assessment import selectors
from tests.factories import OrganisationFactory, UserFactory

from .conftest import answer_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_assessments(spoc: Any, start: Any) -> tuple[Any, Any]:
    other_spoc = UserFactory(roles=[Role.SPOC], organisation=OrganisationFactory(name="Banbury College"))
    return start(), start(actor=other_spoc)


def test_a_spoc_sees_only_their_organisations(spoc: Any, two_assessments: Any, client_for: Any) -> None:
    mine, theirs = two_assessments
    assert [a.pk for a in selectors.assessments_visible_to(spoc)] == [mine.pk]
    client = client_for(spoc)
    listing = client.get(reverse("self_assessment:list"))
    assert listing.status_code == 200
    assert "Cherwell Academy" in listing.text and "Banbury College" not in listing.text
    assert client.get(reverse("self_assessment:detail", args=[mine.pk])).status_code == 200
    for name in ("detail", "check", "submit", "export-pdf", "export-csv", "details"):
        assert client.get(reverse(f"self_assessment:{name}", args=[theirs.pk])).status_code == 404, name
    assert client.get(reverse("self_assessment:objective", args=[theirs.pk, 1])).status_code == 404
    assert client.get(reverse("self_assessment:history", args=[theirs.organisation_id])).status_code == 404
    assert client.get(reverse("self_assessment:overview")).status_code == 403


def test_a_coordinator_sees_all_but_cannot_edit(
    coordinator: Any, two_assessments: Any, client_for: Any
) -> None:
    mine, theirs = two_assessments
    assert {a.pk for a in selectors.assessments_visible_to(coordinator)} == {mine.pk, theirs.pk}
    client = client_for(coordinator)
    listing = client.get(reverse("self_assessment:list"))
    assert "Cherwell Academy" in listing.text and "Banbury College" in listing.text
    for assessment in (mine, theirs):
        assert client.get(reverse("self_assessment:detail", args=[assessment.pk])).status_code == 200
        assert client.get(reverse("self_assessment:objective", args=[assessment.pk, 1])).status_code == 403
    assert client.get(reverse("self_assessment:overview")).status_code == 200
    assert client.get(reverse("self_assessment:start")).status_code == 403


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.PARTNERSHIP_ANALYST, Role.ADMINISTRATOR])
def test_other_roles_see_none(role: str, two_assessments: Any, client_for: Any, make_user: Any) -> None:
    mine, _ = two_assessments
    user = make_user(role, organisation=mine.organisation)
    assert list(selectors.assessments_visible_to(user)) == []
    client = client_for(user)
    assert client.get(reverse("self_assessment:list")).status_code == 403
    assert client.get(reverse("self_assessment:overview")).status_code == 403
    assert client.get(reverse("self_assessment:detail", args=[mine.pk])).status_code == 404
    assert client.get(reverse("self_assessment:export-pdf", args=[mine.pk])).status_code == 404


def test_a_submitted_assessment_cannot_be_edited_through_the_pages(
    spoc: Any, start: Any, client_for: Any
) -> None:
    from prevent.self_assessment import services

    assessment = start()
    answer_all(spoc, assessment)
    services.assessment_submit(actor=spoc, assessment=assessment)
    client = client_for(spoc)
    assert client.get(reverse("self_assessment:objective", args=[assessment.pk, 1])).status_code == 403
    assert client.post(reverse("self_assessment:submit", args=[assessment.pk])).status_code == 403


MISSING = 999999


@pytest.mark.parametrize("role", [Role.PREVENT_COORDINATOR, Role.SPOC, Role.PRACTITIONER])
def test_a_missing_assessment_or_file_answers_404_for_every_role(role: str, make_user: Any) -> None:
    """Issue 8, point 5: the coordinator used to get a 500 (an `assert` was
    the only guard once the rule let them through with no record)."""
    from django.test import Client

    from conftest import sign_in

    user = make_user(role, organisation=OrganisationFactory(name="Somewhere"))
    client = sign_in(Client(raise_request_exception=False), user)
    urls = [
        reverse(f"self_assessment:{name}", args=[MISSING])
        for name in ("detail", "details", "check", "submit", "export-pdf", "export-csv")
    ]
    urls += [
        reverse("self_assessment:objective", args=[MISSING, 1]),
        reverse("self_assessment:action-add", args=[MISSING, 1]),
        reverse("self_assessment:action-change", args=[MISSING, 1, 1]),
        reverse("self_assessment:action-remove", args=[MISSING, 1, 1]),
        reverse("self_assessment:file", args=[MISSING]),
        reverse("self_assessment:history", args=[MISSING]),
        reverse("self_assessment:compare", args=[MISSING]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code in (404, 405), url


def test_the_rules_refuse_a_missing_assessment_to_everyone(coordinator: Any, spoc: Any) -> None:
    from prevent.policy import Action, can

    for user in (coordinator, spoc):
        assert not can(user, Action.VIEW_SELF_ASSESSMENT, None)
        assert not can(user, Action.EDIT_SELF_ASSESSMENT, None)


def test_a_spoc_of_an_inactive_organisation_cannot_start_and_gets_no_500(spoc: Any, client_for: Any) -> None:
    from django.utils import timezone

    spoc.organisation.archived_at = timezone.now()
    spoc.organisation.save()
    client = client_for(spoc)
    client.raise_request_exception = False
    assert client.get(reverse("self_assessment:start")).status_code == 403
