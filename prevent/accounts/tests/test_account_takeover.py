"""ADR 0007, closing the gap its first version left: an administrator could
take over an account holding a case role by changing its email address,
resetting its second factor and using password reset. Either change now
stops the account's case roles until a second person approves them again."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from prevent.accounts.models import RoleGrantRequest, RoleGrantRequestStatus, User
from prevent.accounts.roles import Role
from prevent.accounts.services import roles as role_services
from prevent.accounts.services import users as services
from prevent.accounts.two_factor import TOTPDevice
from prevent.audit.models import AuditEvent
from tests.factories import confirmed_totp_device

pytestmark = pytest.mark.django_db

PENDING = RoleGrantRequestStatus.PENDING


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMINISTRATOR, full_name="Ada Admin")


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.PREVENT_COORDINATOR, full_name="Cora Coordinator", email="cora@test.example")


@pytest.fixture
def officer(make_user):
    user = make_user(Role.POLICE_PREVENT_OFFICER, Role.PARTNERSHIP_ANALYST, email="officer@test.example")
    confirmed_totp_device(user)
    return user


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


def change_email(admin: User, user: User, email: str) -> User:
    return services.user_update(
        actor=admin,
        user=user,
        full_name=user.full_name,
        email=email,
        organisation=user.organisation,
        job_title=user.job_title,
    )


def test_the_takeover_an_administrator_alone_gets_an_account_with_no_case_role(
    admin, coordinator, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        change_email(admin, officer, "attacker@evil.example")
        services.user_reset_second_factor(actor=admin, user=officer)
    taken = fresh(officer)
    assert taken.email == "attacker@evil.example"
    assert not TOTPDevice.objects.filter(user=taken).exists()
    # The password reset would now give the administrator this account: with no case role.
    assert taken.roles == {Role.PARTNERSHIP_ANALYST}
    grant = RoleGrantRequest.objects.get(user=taken, status=PENDING)
    assert grant.role == Role.POLICE_PREVENT_OFFICER and grant.requested_by == admin
    # ...which the same administrator cannot give back.
    with pytest.raises(PermissionDenied):
        role_services.role_grant_request_approve(actor=admin, request=grant)
    # Coordinators are told, with why.
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "email address changed" in mail.outbox[0].body
    assert reverse("accounts:role-request-detail", args=[grant.pk]) in mail.outbox[0].body


def test_a_second_person_gives_the_role_back(admin, coordinator, officer):
    services.user_reset_second_factor(actor=admin, user=officer)
    grant = RoleGrantRequest.objects.get(user=officer, status=PENDING)
    role_services.role_grant_request_approve(actor=coordinator, request=grant)
    assert fresh(officer).roles == {Role.POLICE_PREVENT_OFFICER, Role.PARTNERSHIP_ANALYST}


def test_stopping_the_roles_is_audited_with_before_and_after(admin, officer):
    services.user_reset_second_factor(actor=admin, user=officer)
    event = AuditEvent.objects.filter(action="user_case_roles_suspended").latest("id")
    assert event.actor == admin
    assert event.changes["roles"] == {
        "before": [Role.POLICE_PREVENT_OFFICER, Role.PARTNERSHIP_ANALYST],
        "after": [Role.PARTNERSHIP_ANALYST],
    }
    assert "second factor was reset" in event.summary


def test_other_changes_and_accounts_without_a_case_role_keep_their_roles(admin, officer, make_user):
    services.user_update(
        actor=admin,
        user=officer,
        full_name="Renamed Officer",
        email=officer.email,
        organisation=officer.organisation,
        job_title="Sergeant",
    )
    assert fresh(officer).roles == {Role.POLICE_PREVENT_OFFICER, Role.PARTNERSHIP_ANALYST}
    analyst = make_user(Role.PARTNERSHIP_ANALYST)
    change_email(admin, analyst, "analyst.new@test.example")
    services.user_reset_second_factor(actor=admin, user=analyst)
    assert fresh(analyst).roles == {Role.PARTNERSHIP_ANALYST}
    assert not RoleGrantRequest.objects.exists()


def test_a_role_already_waiting_is_not_asked_for_twice(admin, officer):
    change_email(admin, officer, "first@test.example")
    services.user_reset_second_factor(actor=admin, user=officer)
    assert RoleGrantRequest.objects.filter(user=officer, status=PENDING).count() == 1


def test_the_pages_warn_first_and_say_what_happened(admin, officer, client_for):
    client = client_for(admin)
    warning = "stop until a Prevent Coordinator, or someone who holds the role, approves"
    assert warning in client.get(reverse("users:change", args=[officer.pk])).content.decode()
    reset_url = reverse("users:reset-second-factor", args=[officer.pk])
    assert "stop too, until a Prevent Coordinator" in client.get(reset_url).content.decode()
    done = client.post(reset_url, follow=True).content.decode()
    assert "Police Prevent Officer stopped until a second person approves giving them back" in done
