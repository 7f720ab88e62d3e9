"""Administrators change the local-area settings: service and pages."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.core import services
from prevent.core.models import LocalAreaSettings
from prevent.core.selectors_admin import EXAMPLE_CONTACT_POINTS

pytestmark = pytest.mark.django_db

NON_ADMIN_ROLES = [r for r in Role if r != Role.ADMINISTRATOR]


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMINISTRATOR)


@pytest.mark.parametrize("role", [*NON_ADMIN_ROLES, None])
def test_update_refused_for_anyone_who_is_not_an_administrator(make_user, role):
    actor = make_user(*([role] if role else []))
    with pytest.raises(PermissionDenied):
        services.local_area_settings_update(actor=actor, data={"area_name": "Elsewhere"})
    assert LocalAreaSettings.load().area_name == "Oxfordshire"


def test_update_changes_the_values_and_records_before_and_after(admin):
    services.local_area_settings_update(
        actor=admin,
        data={"area_name": "Berkshire", "police_prevent_email": "prevent@police.example"},
    )
    area = LocalAreaSettings.load()
    assert area.area_name == "Berkshire"
    assert area.police_prevent_email == "prevent@police.example"
    event = AuditEvent.objects.get(action="local_area_settings_updated")
    assert event.actor == admin
    assert event.changes == {
        "area_name": {"before": "Oxfordshire", "after": "Berkshire"},
        "police_prevent_email": {"before": "", "after": "prevent@police.example"},
    }


def test_update_with_no_change_records_nothing(admin):
    services.local_area_settings_update(actor=admin, data={"area_name": "Oxfordshire"})
    assert not AuditEvent.objects.filter(action="local_area_settings_updated").exists()


def test_update_validates_and_refuses_unknown_fields(admin):
    with pytest.raises(ValidationError):
        services.local_area_settings_update(actor=admin, data={"police_prevent_email": "not an email"})
    with pytest.raises(ValueError, match="updated_at"):
        services.local_area_settings_update(actor=admin, data={"updated_at": None})
    assert LocalAreaSettings.load().police_prevent_email == ""


def test_detail_page_lists_the_settings_with_change_links(admin, client_for):
    services.local_area_settings_update(actor=admin, data={"police_prevent_phone": "01865 000000"})
    content = client_for(admin).get(reverse("local-area:detail")).content.decode()
    assert "Police Prevent team phone" in content
    assert "01865 000000" in content
    assert f'href="{reverse("local-area:change")}#id_police_prevent_phone"' in content
    assert "Example: confirm locally" not in content


def test_detail_page_tags_example_values_until_changed(admin, client_for):
    services.local_area_settings_update(actor=admin, data=EXAMPLE_CONTACT_POINTS)
    client = client_for(admin)
    content = client.get(reverse("local-area:detail")).content.decode()
    assert content.count("Example: confirm locally") == len(EXAMPLE_CONTACT_POINTS)
    assert "Confirm them locally" in content
    services.local_area_settings_update(actor=admin, data={"police_prevent_phone": "01865 111111"})
    content = client.get(reverse("local-area:detail")).content.decode()
    assert content.count("Example: confirm locally") == len(EXAMPLE_CONTACT_POINTS) - 1


@pytest.mark.parametrize("role", [*NON_ADMIN_ROLES, None])
def test_pages_answer_403_to_other_roles(make_user, client_for, role):
    client = client_for(make_user(*([role] if role else [])))
    assert client.get(reverse("local-area:detail")).status_code == 403
    assert client.get(reverse("local-area:change")).status_code == 403
    assert client.post(reverse("local-area:change"), {"area_name": "X"}).status_code == 403


def _form_data(**overrides):
    area = LocalAreaSettings.load()
    data = {field: getattr(area, field) for field in services.LOCAL_AREA_FIELDS}
    data.update(overrides)
    return data


def test_change_page_saves_and_shows_a_success_banner(admin, client_for):
    client = client_for(admin)
    assert client.get(reverse("local-area:change")).status_code == 200
    response = client.post(
        reverse("local-area:change"),
        _form_data(area_name="Buckinghamshire", adults_out_of_hours_phone="0800 999 999"),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("local-area:detail")
    content = response.content.decode()
    assert "The local area settings have been saved" in content
    assert "govuk-notification-banner--success" in content
    area = LocalAreaSettings.load()
    assert (area.area_name, area.adults_out_of_hours_phone) == ("Buckinghamshire", "0800 999 999")


def test_change_page_keeps_input_and_shows_errors(admin, client_for):
    response = client_for(admin).post(
        reverse("local-area:change"),
        _form_data(area_name="", police_prevent_email="wrong", police_prevent_phone="01865 222222"),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Enter the area name" in content
    assert "Enter an email address in the correct format, like name@example.com" in content
    assert 'value="wrong"' in content
    assert 'value="01865 222222"' in content
    assert LocalAreaSettings.load().police_prevent_phone == ""
