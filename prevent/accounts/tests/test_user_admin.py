"""Administrators manage users: services (policy, audit, invitations,
sessions, second factor) and the GOV.UK pages."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prevent.accounts.models import RoleGrantRequest, User, UserRole
from prevent.accounts.roles import Role
from prevent.accounts.services import users as services
from prevent.accounts.two_factor import StaticDevice, TOTPDevice
from prevent.audit.models import AuditEvent
from tests.factories import OrganisationFactory, UserFactory, confirmed_totp_device

pytestmark = pytest.mark.django_db

NON_ADMIN_ROLES = [r for r in Role if r != Role.ADMINISTRATOR]
BASE_URL = "https://prevent.test/"


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMINISTRATOR, full_name="Ada Admin")


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Cherwell District Council")


def last_event(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).latest("id")


def create(admin, organisation, **overrides):
    values = {
        "actor": admin,
        "email": "New.Person@Example.org ",
        "full_name": "New Person",
        "job_title": "Safeguarding lead",
        "organisation": organisation,
        "roles": [Role.SPOC, Role.PRACTITIONER],
        "base_url": BASE_URL,
    }
    values.update(overrides)
    return services.user_create(**values)


# Services -----------------------------------------------------------------


@pytest.mark.parametrize("role", [*NON_ADMIN_ROLES, None])
def test_user_services_refuse_anyone_who_is_not_an_administrator(make_user, organisation, role):
    actor = make_user(*([role] if role else []))
    target = make_user(Role.PRACTITIONER)
    with pytest.raises(PermissionDenied):
        create(actor, organisation)
    with pytest.raises(PermissionDenied):
        services.user_set_roles(actor=actor, user=target, roles=[Role.ADMINISTRATOR])
    with pytest.raises(PermissionDenied):
        services.user_deactivate(actor=actor, user=target)
    with pytest.raises(PermissionDenied):
        services.user_reset_second_factor(actor=actor, user=target)
    assert not User.objects.filter(email="new.person@example.org").exists()
    assert set(target.role_assignments.values_list("role", flat=True)) == {Role.PRACTITIONER}


def test_user_create_saves_the_user_with_roles_and_no_usable_password(admin, organisation):
    user = create(admin, organisation, roles=[Role.SPOC, Role.PARTNERSHIP_ANALYST])
    user.refresh_from_db()
    assert user.email == "new.person@example.org"
    assert user.organisation == organisation
    # The analyst role sees no case content: given at once. SPOC waits for a second person.
    assert user.roles == {Role.PARTNERSHIP_ANALYST}
    assert list(RoleGrantRequest.objects.filter(user=user).values_list("role", "status")) == [
        (Role.SPOC, "pending")
    ]
    assert not user.has_usable_password()
    event = last_event("user_created")
    assert event.actor == admin
    assert event.object_id == str(user.pk)
    assert event.changes["email"] == {"before": None, "after": "new.person@example.org"}
    assert event.changes["organisation"]["after"] == "Cherwell District Council"
    assert last_event("user_roles_changed").changes == {
        "roles": {"before": [], "after": [Role.PARTNERSHIP_ANALYST]}
    }
    assert last_event("role_grant_requested").changes["role"] == {"before": None, "after": Role.SPOC}


def test_invitation_email_holds_a_working_set_password_link_and_no_password(
    admin, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = create(admin, organisation)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@example.org"]
    links = re.findall(r"https://prevent\.test/password-reset/\S+/\S+/", str(message.body))
    assert len(links) == 1
    user.refresh_from_db()
    assert not user.has_usable_password()  # so there is no password that could be in the email
    assert "password:" not in message.body.lower()

    client = Client()
    response = client.get(links[0].removeprefix("https://prevent.test"))
    assert response.status_code == 302  # Django moves the token into the session
    response = client.post(
        response["Location"],
        {"new_password1": "a-long-new-passphrase-42", "new_password2": "a-long-new-passphrase-42"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-long-new-passphrase-42")


def test_no_invitation_is_sent_when_the_transaction_does_not_commit(
    admin, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        create(admin, organisation, roles=[Role.PARTNERSHIP_ANALYST])
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_user_create_refuses_a_duplicate_email_whatever_its_case(admin, organisation, make_user):
    make_user(Role.PRACTITIONER, email="taken@example.org")
    with pytest.raises(ValidationError) as excinfo:
        create(admin, organisation, email="Taken@Example.org")
    assert excinfo.value.message_dict["email"] == ["A user with this email address already exists"]


def test_user_create_refuses_an_archived_organisation_and_no_roles(admin):
    archived = OrganisationFactory(archived_at="2024-01-01T00:00:00Z", archived_reason="Merged")
    with pytest.raises(ValidationError) as excinfo:
        create(admin, archived)
    assert "organisation" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        create(admin, OrganisationFactory(), roles=[])
    assert excinfo.value.message_dict["roles"] == ["Select at least one role"]


def test_user_update_records_before_and_after(admin, make_user, organisation):
    user = make_user(Role.PRACTITIONER, full_name="Old Name", email="old@example.org")
    old_organisation = user.organisation.name
    services.user_update(
        actor=admin,
        user=user,
        full_name="New Name",
        email="NEW@example.org",
        job_title="Teacher",
        organisation=organisation,
    )
    user.refresh_from_db()
    assert (user.full_name, user.email, user.organisation) == ("New Name", "new@example.org", organisation)
    event = last_event("user_updated")
    assert event.changes["full_name"] == {"before": "Old Name", "after": "New Name"}
    assert event.changes["email"] == {"before": "old@example.org", "after": "new@example.org"}
    assert event.changes["organisation"] == {"before": old_organisation, "after": organisation.name}


def test_user_update_with_no_change_records_nothing(admin, make_user):
    user = make_user(Role.PRACTITIONER)
    count = AuditEvent.objects.count()
    services.user_update(
        actor=admin,
        user=user,
        full_name=user.full_name,
        email=user.email,
        job_title=user.job_title,
        organisation=user.organisation,
    )
    assert AuditEvent.objects.count() == count


def test_user_set_roles_removes_at_once_and_requests_case_roles(admin, make_user):
    user = make_user(Role.PRACTITIONER, Role.SPOC)
    change = services.user_set_roles(actor=admin, user=user, roles=[Role.SPOC, Role.CHANNEL_MEMBER])
    assert (change.removed, change.requested) == ([Role.PRACTITIONER], [Role.CHANNEL_MEMBER])
    assert set(UserRole.objects.filter(user=user).values_list("role", flat=True)) == {Role.SPOC}
    assert RoleGrantRequest.objects.get(user=user).role == Role.CHANNEL_MEMBER
    event = last_event("user_roles_changed")
    assert event.changes == {
        "roles": {
            "before": [Role.PRACTITIONER, Role.SPOC],
            "after": [Role.SPOC],
        }
    }


def test_an_administrator_cannot_change_their_own_roles_at_all(admin):
    for roles in ([Role.PREVENT_COORDINATOR], [Role.ADMINISTRATOR, Role.PARTNERSHIP_ANALYST]):
        with pytest.raises(PermissionDenied):
            services.user_set_roles(actor=admin, user=admin, roles=roles)
    assert set(admin.role_assignments.values_list("role", flat=True)) == {Role.ADMINISTRATOR}
    assert not RoleGrantRequest.objects.exists()


def test_deactivating_a_user_ends_their_sessions(admin, make_user, client_for):
    user = make_user(Role.PRACTITIONER)
    their_client = client_for(user)
    assert their_client.get("/").status_code == 200
    old_token = user.session_token

    services.user_deactivate(actor=admin, user=user)

    user.refresh_from_db()
    assert not user.is_active
    assert user.session_token != old_token
    response = their_client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert last_event("user_deactivated").changes == {"is_active": {"before": True, "after": False}}


def test_an_administrator_cannot_deactivate_themselves(admin):
    with pytest.raises(ValidationError, match="cannot deactivate your own account"):
        services.user_deactivate(actor=admin, user=admin)
    admin.refresh_from_db()
    assert admin.is_active


def test_reactivate_restores_sign_in(admin, make_user):
    user = make_user(Role.PRACTITIONER)
    services.user_deactivate(actor=admin, user=user)
    services.user_reactivate(actor=admin, user=user)
    user.refresh_from_db()
    assert user.is_active
    assert last_event("user_reactivated").object_id == str(user.pk)
    with pytest.raises(ValidationError):
        services.user_reactivate(actor=admin, user=user)


def test_reset_second_factor_removes_devices_and_is_audited(admin, make_user):
    user = make_user(Role.SPOC)
    confirmed_totp_device(user)
    StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    old_token = user.session_token

    services.user_reset_second_factor(actor=admin, user=user)

    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    user.refresh_from_db()
    assert user.session_token != old_token
    event = last_event("user_second_factor_reset")
    assert event.changes["authenticator_apps"] == {"before": 1, "after": 0}
    assert event.changes["recovery_code_sets"] == {"before": 1, "after": 0}


def test_resend_invitation_only_for_someone_without_a_password(
    admin, organisation, make_user, django_capture_on_commit_callbacks
):
    invited = create(admin, organisation)
    with django_capture_on_commit_callbacks(execute=True):
        services.user_resend_invitation(actor=admin, user=invited, base_url=BASE_URL)
    assert len(mail.outbox) == 1
    assert last_event("user_invitation_sent").object_id == str(invited.pk)
    with pytest.raises(ValidationError, match="already chosen a password"):
        services.user_resend_invitation(actor=admin, user=make_user(Role.SPOC), base_url=BASE_URL)


# Pages ----------------------------------------------------------------------


def page_urls(target: User) -> list[str]:
    return [
        reverse("users:list"),
        reverse("users:add"),
        reverse("users:detail", args=[target.pk]),
        reverse("users:change", args=[target.pk]),
        reverse("users:roles", args=[target.pk]),
        reverse("users:deactivate", args=[target.pk]),
        reverse("users:reactivate", args=[target.pk]),
        reverse("users:reset-second-factor", args=[target.pk]),
        reverse("users:resend-invitation", args=[target.pk]),
    ]


def test_every_user_page_renders_for_an_administrator(admin, make_user, client_for):
    target = make_user(Role.SPOC, full_name="Target Person")
    client = client_for(admin)
    for url in page_urls(target):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"govuk-heading-l" in response.content


@pytest.mark.parametrize("role", [*NON_ADMIN_ROLES, None])
def test_user_pages_answer_403_to_other_roles(make_user, client_for, role):
    user = make_user(*([role] if role else []))
    target = make_user(Role.SPOC)
    client = client_for(user)
    for url in page_urls(target):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("users:deactivate", args=[target.pk])).status_code == 403
    target.refresh_from_db()
    assert target.is_active


def test_list_shows_roles_as_tags_and_status_and_filters(admin, make_user, client_for, organisation):
    make_user(Role.SPOC, full_name="Sally Spoc", organisation=organisation)
    make_user(Role.PRACTITIONER, full_name="Percy Practitioner", is_active=False)
    client = client_for(admin)

    content = client.get(reverse("users:list")).content.decode()
    assert "Sally Spoc" in content and "Percy Practitioner" in content
    assert (
        '<strong class="govuk-tag govuk-tag--blue govuk-!-margin-bottom-1">Single Point of Contact (SPOC)'
        in (content)
    )
    assert "Deactivated" in content

    by_org = client.get(reverse("users:list"), {"organisation": organisation.pk}).content.decode()
    assert "Sally Spoc" in by_org and "Percy Practitioner" not in by_org
    by_role = client.get(reverse("users:list"), {"role": Role.PRACTITIONER}).content.decode()
    assert "Percy Practitioner" in by_role and "Sally Spoc" not in by_role


def test_list_is_paginated(admin, client_for):
    organisation = OrganisationFactory()
    UserFactory.create_batch(30, organisation=organisation)
    client = client_for(admin)
    first = client.get(reverse("users:list"))
    assert len(first.context["page"].object_list) == 25
    second = client.get(reverse("users:list"), {"page": 2})
    assert len(second.context["page"].object_list) == 6  # 30 + the administrator
    assert 'aria-current="page">2<' in second.content.decode()


def _list_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("users:list")).status_code == 200
    return len(queries)


def test_list_costs_the_same_number_of_queries_for_2_and_20_users(
    admin, client_for, django_assert_max_num_queries
):
    client = client_for(admin)
    for n in range(2):
        UserFactory(roles=[Role.SPOC, Role.PRACTITIONER], organisation=OrganisationFactory(name=f"Org {n}"))
    few = _list_queries(client)
    for n in range(2, 20):
        UserFactory(roles=[Role.SPOC], organisation=OrganisationFactory(name=f"Org {n}"))
    assert _list_queries(client) == few
    with django_assert_max_num_queries(15):
        client.get(reverse("users:list"))


def test_add_user_page_keeps_input_and_shows_errors(admin, client_for, organisation):
    client = client_for(admin)
    response = client.post(
        reverse("users:add"),
        {"full_name": "Typed Name", "email": "not-an-email", "organisation": organisation.pk},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Enter an email address in the correct format, like name@example.com" in content
    assert "Select at least one role" in content
    assert 'value="Typed Name"' in content
    assert 'value="not-an-email"' in content
    assert "<title>Error: " in content
    assert not User.objects.filter(full_name="Typed Name").exists()


def test_add_user_page_shows_a_service_refusal_on_the_field(admin, client_for, organisation, make_user):
    make_user(Role.SPOC, email="taken@example.org")
    response = client_for(admin).post(
        reverse("users:add"),
        {
            "full_name": "Someone",
            "email": "TAKEN@example.org",
            "organisation": organisation.pk,
            "roles": [Role.SPOC],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["A user with this email address already exists"]


def test_add_user_page_creates_the_user_and_shows_a_success_banner(
    admin, client_for, organisation, django_capture_on_commit_callbacks
):
    client = client_for(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("users:add"),
            {
                "full_name": "Nina New",
                "email": "nina@example.org",
                "organisation": organisation.pk,
                "roles": [Role.PRACTITIONER],
            },
            follow=True,
        )
    user = User.objects.get(email="nina@example.org")
    assert response.redirect_chain[-1][0] == reverse("users:detail", args=[user.pk])
    content = response.content.decode()
    assert "govuk-notification-banner--success" in content
    assert "Nina New has been added and sent an invitation to nina@example.org" in content
    assert mail.outbox[0].to == ["nina@example.org"]
    assert "http://testserver/password-reset/" in mail.outbox[0].body


def test_change_roles_page_for_yourself_explains_and_changes_nothing(admin, client_for):
    client = client_for(admin)
    page = client.get(reverse("users:roles", args=[admin.pk])).content.decode()
    assert "You cannot change your own roles" in page
    assert "Save roles</button>" not in page
    response = client.post(
        reverse("users:roles", args=[admin.pk]), {"roles": [Role.ADMINISTRATOR, Role.SPOC]}
    )
    assert response.status_code == 403
    assert "You cannot change your own roles" in response.content.decode()
    assert set(admin.role_assignments.values_list("role", flat=True)) == {Role.ADMINISTRATOR}
    assert not RoleGrantRequest.objects.exists()
    detail = client.get(reverse("users:detail", args=[admin.pk])).content.decode()
    assert reverse("users:roles", args=[admin.pk]) not in detail


def test_change_roles_page_sets_roles_and_requests_case_roles(admin, client_for, make_user):
    target = make_user(Role.PRACTITIONER)
    client = client_for(admin)
    page = client.get(reverse("users:roles", args=[target.pk])).content.decode()
    assert 'value="practitioner" checked' in page
    response = client.post(
        reverse("users:roles", args=[target.pk]),
        {"roles": [Role.PARTNERSHIP_ANALYST, Role.CHANNEL_MEMBER]},
        follow=True,
    )
    assert User.objects.get(pk=target.pk).roles == {Role.PARTNERSHIP_ANALYST}
    content = response.content.decode()
    assert "have been changed" in content
    assert "Giving them Channel Panel Member needs approval" in content
    assert "Waiting for approval" in content  # on the user's details
    page = client.get(reverse("users:roles", args=[target.pk])).content.decode()
    assert "Channel Panel Member</a>, asked for by" in page


def test_change_details_page_keeps_input_on_error(admin, client_for, make_user):
    target = make_user(Role.PRACTITIONER)
    response = client_for(admin).post(
        reverse("users:change", args=[target.pk]),
        {"full_name": "", "email": "kept@example.org", "organisation": target.organisation_id},
    )
    content = response.content.decode()
    assert "Enter the user&#x27;s full name" in content
    assert 'value="kept@example.org"' in content


def test_deactivate_page_confirms_then_deactivates(admin, client_for, make_user):
    target = make_user(Role.PRACTITIONER)
    client = client_for(admin)
    page = client.get(reverse("users:deactivate", args=[target.pk])).content.decode()
    assert "Are you sure you want to deactivate this user?" in page
    target.refresh_from_db()
    assert target.is_active  # a GET changes nothing
    response = client.post(reverse("users:deactivate", args=[target.pk]), follow=True)
    target.refresh_from_db()
    assert not target.is_active
    assert "has been deactivated" in response.content.decode()


def test_deactivate_page_for_yourself_offers_no_button(admin, client_for):
    client = client_for(admin)
    page = client.get(reverse("users:deactivate", args=[admin.pk])).content.decode()
    assert "You cannot deactivate your own account" in page
    assert "Deactivate user</button>" not in page
    client.post(reverse("users:deactivate", args=[admin.pk]))
    admin.refresh_from_db()
    assert admin.is_active


def test_reset_second_factor_page_confirms_then_resets(admin, client_for, make_user):
    target = make_user(Role.SPOC)
    confirmed_totp_device(target)
    client = client_for(admin)
    assert (
        "Reset second factor</button>"
        in client.get(reverse("users:reset-second-factor", args=[target.pk])).content.decode()
    )
    assert TOTPDevice.objects.filter(user=target).exists()
    response = client.post(reverse("users:reset-second-factor", args=[target.pk]), follow=True)
    assert not TOTPDevice.objects.filter(user=target).exists()
    assert "must set up an authenticator app" in response.content.decode()


def test_unknown_user_answers_404(admin, client_for):
    assert client_for(admin).get(reverse("users:detail", args=[999999])).status_code == 404
