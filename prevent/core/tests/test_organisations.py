"""Administrators manage organisations: services and pages."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prevent.accounts.models import User
from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.core import services
from prevent.core.models import District, Organisation, Sector
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

NON_ADMIN_ROLES = [r for r in Role if r != Role.ADMINISTRATOR]


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMINISTRATOR)


def last_event(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).latest("id")


def make_org(**kwargs: object) -> Organisation:
    organisation = OrganisationFactory(**kwargs)
    assert isinstance(organisation, Organisation)
    return organisation


# Services -----------------------------------------------------------------


@pytest.mark.parametrize("role", [*NON_ADMIN_ROLES, None])
def test_organisation_services_refuse_anyone_who_is_not_an_administrator(make_user, role):
    actor = make_user(*([role] if role else []))
    organisation = make_org(name="Oxford City Council")
    with pytest.raises(PermissionDenied):
        services.organisation_create(
            actor=actor, name="New Org", sector=Sector.HEALTH, district=District.CHERWELL
        )
    with pytest.raises(PermissionDenied):
        services.organisation_update(
            actor=actor,
            organisation=organisation,
            name="Renamed",
            sector=Sector.HEALTH,
            district=District.CHERWELL,
        )
    with pytest.raises(PermissionDenied):
        services.organisation_archive(actor=actor, organisation=organisation, reason="Because")
    assert not Organisation.objects.filter(name__in=["New Org", "Renamed"]).exists()
    organisation.refresh_from_db()
    assert organisation.is_active


def test_organisation_create_is_audited(admin):
    organisation = services.organisation_create(
        actor=admin, name="  Banbury Academy ", sector=Sector.SCHOOL, district=District.CHERWELL
    )
    assert organisation.name == "Banbury Academy"
    event = last_event("organisation_created")
    assert event.actor == admin
    assert event.object_type == "core.organisation"
    assert event.object_id == str(organisation.pk)
    assert event.changes["name"] == {"before": None, "after": "Banbury Academy"}
    assert event.changes["sector"] == {"before": None, "after": "school"}


def test_organisation_names_are_unique_whatever_their_case(admin):
    make_org(name="Thames Valley Police")
    with pytest.raises(ValidationError) as excinfo:
        services.organisation_create(
            actor=admin, name="thames valley police", sector=Sector.POLICE, district=District.COUNTY_WIDE
        )
    assert excinfo.value.message_dict["name"] == ["An organisation with this name already exists"]


def test_organisation_update_records_before_and_after(admin):
    organisation = make_org(name="Old Name", sector=Sector.SCHOOL, district=District.OXFORD_CITY)
    services.organisation_update(
        actor=admin,
        organisation=organisation,
        name="New Name",
        sector=Sector.SCHOOL,
        district=District.CHERWELL,
    )
    organisation.refresh_from_db()
    assert (organisation.name, organisation.district) == ("New Name", District.CHERWELL)
    event = last_event("organisation_updated")
    assert event.changes == {
        "district": {"before": "oxford_city", "after": "cherwell"},
        "name": {"before": "Old Name", "after": "New Name"},
    }


def test_archive_keeps_the_row_and_its_users_and_needs_a_reason(admin):
    organisation = make_org(name="Leaving Org")
    member = UserFactory(organisation=organisation)
    assert isinstance(member, User)
    with pytest.raises(ValidationError) as excinfo:
        services.organisation_archive(actor=admin, organisation=organisation, reason="   ")
    assert excinfo.value.message_dict["reason"] == ["Enter the reason for archiving the organisation"]

    services.organisation_archive(actor=admin, organisation=organisation, reason="Left the partnership")

    organisation.refresh_from_db()
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert not organisation.is_active
    assert organisation.archived_by == admin
    assert organisation.archived_reason == "Left the partnership"
    member.refresh_from_db()
    assert member.organisation == organisation
    event = last_event("organisation_archived")
    assert event.changes["archived_reason"] == {"before": "", "after": "Left the partnership"}
    assert event.changes["archived_at"]["before"] is None
    assert event.changes["archived_at"]["after"]
    with pytest.raises(ValidationError, match="already archived"):
        services.organisation_archive(actor=admin, organisation=organisation, reason="Again")


def test_restore_makes_the_organisation_active_again(admin):
    organisation = make_org()
    services.organisation_archive(actor=admin, organisation=organisation, reason="Merged")
    services.organisation_restore(actor=admin, organisation=organisation)
    organisation.refresh_from_db()
    assert organisation.is_active
    assert organisation.archived_reason == ""
    event = last_event("organisation_restored")
    assert event.changes["archived_reason"] == {"before": "Merged", "after": ""}
    with pytest.raises(ValidationError, match="not archived"):
        services.organisation_restore(actor=admin, organisation=organisation)


def test_no_service_deletes_an_organisation():
    assert not [name for name in dir(services) if "delete" in name]


# Pages ----------------------------------------------------------------------


def page_urls(organisation: Organisation) -> list[str]:
    return [
        reverse("organisations:list"),
        reverse("organisations:add"),
        reverse("organisations:detail", args=[organisation.pk]),
        reverse("organisations:change", args=[organisation.pk]),
        reverse("organisations:archive", args=[organisation.pk]),
    ]


def test_organisation_pages_render_for_an_administrator(admin, client_for):
    organisation = make_org(name="Oxford Health NHS Foundation Trust")
    client = client_for(admin)
    for url in page_urls(organisation):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"govuk-heading-l" in response.content
    archived = make_org(archived_at="2024-01-01T00:00:00Z", archived_reason="Closed")
    page = client.get(reverse("organisations:restore", args=[archived.pk]))
    assert page.status_code == 200
    assert "Closed" in page.content.decode()


@pytest.mark.parametrize("role", [*NON_ADMIN_ROLES, None])
def test_organisation_pages_answer_403_to_other_roles(make_user, client_for, role):
    client = client_for(make_user(*([role] if role else [])))
    organisation = make_org()
    for url in page_urls(organisation):
        assert client.get(url).status_code == 403, url
    assert (
        client.post(reverse("organisations:archive", args=[organisation.pk]), {"reason": "x"}).status_code
        == 403
    )
    organisation.refresh_from_db()
    assert organisation.is_active


def test_list_filters_by_sector_district_and_state(admin, client_for):
    make_org(name="Alpha School", sector=Sector.SCHOOL, district=District.CHERWELL)
    make_org(name="Beta Trust", sector=Sector.HEALTH, district=District.COUNTY_WIDE)
    make_org(
        name="Gamma Closed",
        sector=Sector.SCHOOL,
        district=District.CHERWELL,
        archived_at="2024-01-01T00:00:00Z",
    )
    client = client_for(admin)
    url = reverse("organisations:list")

    default = client.get(url).content.decode()
    assert "Alpha School" in default and "Beta Trust" in default and "Gamma Closed" not in default

    schools = client.get(url, {"sector": Sector.SCHOOL, "state": "all"}).content.decode()
    assert "Alpha School" in schools and "Gamma Closed" in schools and "Beta Trust" not in schools

    county = client.get(url, {"district": District.COUNTY_WIDE}).content.decode()
    assert "Beta Trust" in county and "Alpha School" not in county

    archived = client.get(url, {"state": "archived"}).content.decode()
    assert "Gamma Closed" in archived and "Alpha School" not in archived


def _list_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("organisations:list")).status_code == 200
    return len(queries)


def test_list_costs_the_same_number_of_queries_for_2_and_20_organisations(
    admin, client_for, django_assert_max_num_queries
):
    client = client_for(admin)
    # The administrator's own organisation is one; add one more, then 18 more.
    UserFactory(organisation=make_org(name="Org 1"))
    assert Organisation.objects.count() == 2
    few = _list_queries(client)
    for n in range(2, 20):
        UserFactory(organisation=make_org(name=f"Org {n}"))
    assert Organisation.objects.count() == 20
    assert _list_queries(client) == few
    with django_assert_max_num_queries(12):
        client.get(reverse("organisations:list"))


def test_add_page_keeps_input_and_shows_errors(admin, client_for):
    response = client_for(admin).post(reverse("organisations:add"), {"name": "Typed Org"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Select the organisation&#x27;s sector" in content
    assert "Select the organisation&#x27;s district, or county-wide" in content
    assert 'href="#id_sector_0"' in content
    assert 'value="Typed Org"' in content
    assert not Organisation.objects.filter(name="Typed Org").exists()


def test_add_page_creates_and_shows_a_success_banner(admin, client_for):
    response = client_for(admin).post(
        reverse("organisations:add"),
        {"name": "Wychwood School", "sector": Sector.SCHOOL, "district": District.WEST_OXFORDSHIRE},
        follow=True,
    )
    organisation = Organisation.objects.get(name="Wychwood School")
    assert response.redirect_chain[-1][0] == reverse("organisations:detail", args=[organisation.pk])
    content = response.content.decode()
    assert "govuk-notification-banner--success" in content
    assert "Wychwood School has been added" in content


def test_change_page_shows_a_duplicate_name_on_the_field(admin, client_for):
    make_org(name="Taken Name")
    organisation = make_org(name="Mine")
    response = client_for(admin).post(
        reverse("organisations:change", args=[organisation.pk]),
        {"name": "taken name", "sector": Sector.SCHOOL, "district": District.CHERWELL},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["An organisation with this name already exists"]
    assert 'value="taken name"' in response.content.decode()


def test_archive_page_needs_a_reason_then_archives(admin, client_for):
    organisation = make_org(name="To Archive")
    client = client_for(admin)
    url = reverse("organisations:archive", args=[organisation.pk])
    page = client.get(url).content.decode()
    assert "Are you sure you want to archive this organisation?" in page

    empty = client.post(url, {"reason": ""}).content.decode()
    assert "Enter the reason for archiving the organisation" in empty
    organisation.refresh_from_db()
    assert organisation.is_active

    response = client.post(url, {"reason": "Merged with another trust"}, follow=True)
    organisation.refresh_from_db()
    assert not organisation.is_active
    content = response.content.decode()
    assert "To Archive has been archived" in content
    assert "Merged with another trust" in content


def test_restore_page_restores(admin, client_for):
    organisation = make_org(name="Came Back")
    services.organisation_archive(actor=admin, organisation=organisation, reason="Paused")
    response = client_for(admin).post(reverse("organisations:restore", args=[organisation.pk]), follow=True)
    organisation.refresh_from_db()
    assert organisation.is_active
    assert "Came Back has been restored" in response.content.decode()
