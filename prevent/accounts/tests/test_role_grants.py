"""Two-person role approval (ADR 0007): nobody changes their own roles; a
role that sees case content is given only when a second person (not the
requester, not the recipient, someone holding that role or a Prevent
Coordinator) approves; coordinators are told; removals are immediate."""

from __future__ import annotations

from io import StringIO
from typing import cast

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from prevent.accounts.models import RoleGrantRequest, RoleGrantRequestStatus, User
from prevent.accounts.roles import CASE_ROLES, Role
from prevent.accounts.services import roles as services
from prevent.accounts.services.users import user_create
from prevent.audit.models import AuditEvent
from prevent.core.models import Organisation
from prevent.policy import Action, can
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

NON_CASE_ROLES = [r for r in Role if r not in CASE_ROLES]


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMINISTRATOR, full_name="Ada Admin")


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.PREVENT_COORDINATOR, full_name="Cora Coordinator", email="cora@test.example")


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


def request_role(admin: User, user: User, role: str) -> RoleGrantRequest:
    services.user_set_roles(actor=admin, user=user, roles=[*user.roles, role])
    return RoleGrantRequest.objects.get(user=user, role=role, status=RoleGrantRequestStatus.PENDING)


# The probe: an administrator granting themselves a case role ----------------


def test_the_probe_an_administrator_cannot_make_themselves_a_coordinator(admin, client_for):
    """Issue 8, point 1: the POST used to succeed and open cases and the audit log."""
    client = client_for(admin)
    response = client.post(
        reverse("users:roles", args=[admin.pk]), {"roles": [Role.ADMINISTRATOR, Role.PREVENT_COORDINATOR]}
    )
    assert response.status_code == 403
    assert fresh(admin).roles == {Role.ADMINISTRATOR}
    assert not RoleGrantRequest.objects.exists()
    assert client.get(reverse("audit:event-list")).status_code == 403
    assert client.get(reverse("channel:case-list")).status_code == 403


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_nobody_changes_their_own_roles(make_user, role):
    held = {role, Role.ADMINISTRATOR}
    user = make_user(*held)
    for roles in ([role], [Role.ADMINISTRATOR], [*Role.values]):
        with pytest.raises(PermissionDenied):
            services.user_set_roles(actor=user, user=user, roles=roles)
    assert fresh(user).roles == held


@pytest.mark.parametrize("role", sorted(CASE_ROLES), ids=sorted(r.value for r in CASE_ROLES))
def test_an_administrator_only_requests_a_case_role_for_someone_else(admin, make_user, role):
    user = make_user(Role.PARTNERSHIP_ANALYST)
    change = services.user_set_roles(actor=admin, user=user, roles=[Role.PARTNERSHIP_ANALYST, role])
    assert change.requested == [role] and change.granted == []
    assert fresh(user).roles == {Role.PARTNERSHIP_ANALYST}
    grant = RoleGrantRequest.objects.get(user=user)
    assert (grant.role, grant.status, grant.requested_by) == (role, "pending", admin)
    event = AuditEvent.objects.filter(action="role_grant_requested").latest("id")
    assert event.actor == admin and event.object_id == str(grant.pk)


@pytest.mark.parametrize("role", NON_CASE_ROLES, ids=[r.value for r in NON_CASE_ROLES])
def test_roles_without_case_content_are_given_at_once(admin, make_user, role):
    user = make_user(Role.PRACTITIONER)
    change = services.user_set_roles(actor=admin, user=user, roles=[Role.PRACTITIONER, role])
    assert change.granted == [role]
    assert fresh(user).roles == {Role.PRACTITIONER, role}
    assert not RoleGrantRequest.objects.exists()


def test_removing_a_role_is_immediate(admin, make_user):
    user = make_user(Role.PREVENT_COORDINATOR, Role.SPOC)
    services.user_set_roles(actor=admin, user=user, roles=[Role.SPOC])
    assert fresh(user).roles == {Role.SPOC}
    assert not RoleGrantRequest.objects.exists()


def test_asking_twice_makes_one_request(admin, make_user):
    user = make_user(Role.PRACTITIONER)
    request_role(admin, user, Role.SPOC)
    change = services.user_set_roles(actor=admin, user=user, roles=[Role.PRACTITIONER, Role.SPOC])
    assert change.already_requested == [Role.SPOC] and not change.changed
    assert RoleGrantRequest.objects.filter(user=user).count() == 1


def test_creating_a_user_with_case_roles_requests_them(admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = user_create(
            actor=admin,
            email="new@test.example",
            full_name="New Person",
            organisation=cast(Organisation, OrganisationFactory()),
            roles=[Role.PREVENT_COORDINATOR],
            base_url="https://prevent.test/",
        )
    assert fresh(user).roles == frozenset()
    assert RoleGrantRequest.objects.get(user=user).role == Role.PREVENT_COORDINATOR


# Who decides -----------------------------------------------------------------


def test_a_second_coordinator_approves_and_the_role_is_given(admin, coordinator, make_user):
    user = make_user(Role.PRACTITIONER)
    grant = request_role(admin, user, Role.CHANNEL_CHAIR)
    services.role_grant_request_approve(actor=coordinator, request=grant)
    assert fresh(user).roles == {Role.PRACTITIONER, Role.CHANNEL_CHAIR}
    grant.refresh_from_db()
    assert (grant.status, grant.decided_by) == ("approved", coordinator)
    assert grant.decided_at is not None
    event = AuditEvent.objects.filter(action="role_grant_approved").latest("id")
    assert event.actor == coordinator
    assert event.changes["roles"] == {
        "before": [Role.PRACTITIONER],
        "after": [Role.PRACTITIONER, Role.CHANNEL_CHAIR],
    }


def test_someone_holding_the_role_may_approve_it(admin, make_user):
    user = make_user(Role.PRACTITIONER)
    grant = request_role(admin, user, Role.SPOC)
    other_spoc = make_user(Role.SPOC)
    assert can(other_spoc, Action.DECIDE_ROLE_GRANT_REQUEST, grant)
    services.role_grant_request_approve(actor=other_spoc, request=grant)
    assert Role.SPOC in fresh(user).roles


@pytest.mark.parametrize(
    "decider_roles",
    [
        (Role.ADMINISTRATOR,),
        (Role.PARTNERSHIP_ANALYST,),
        (Role.PRACTITIONER,),  # holds a case role, but not this one
        (Role.CHANNEL_CHAIR, Role.CHANNEL_MEMBER),
    ],
    ids=lambda roles: "+".join(r.value for r in roles),
)
def test_others_may_not_approve(admin, make_user, decider_roles):
    grant = request_role(admin, make_user(Role.PRACTITIONER), Role.SPOC)
    decider = make_user(*decider_roles)
    with pytest.raises(PermissionDenied):
        services.role_grant_request_approve(actor=decider, request=grant)
    with pytest.raises(PermissionDenied):
        services.role_grant_request_refuse(actor=decider, request=grant, reason="No")
    grant.refresh_from_db()
    assert grant.is_pending


def test_the_requester_may_not_approve_even_holding_the_role(make_user):
    admin_and_coordinator = make_user(Role.ADMINISTRATOR, Role.PREVENT_COORDINATOR)
    user = make_user(Role.PRACTITIONER)
    grant = request_role(admin_and_coordinator, user, Role.PREVENT_COORDINATOR)
    with pytest.raises(PermissionDenied):
        services.role_grant_request_approve(actor=admin_and_coordinator, request=grant)
    assert Role.PREVENT_COORDINATOR not in fresh(user).roles


def test_the_recipient_may_not_approve_their_own_request(admin, make_user):
    """A coordinator being given another role cannot approve it for themselves."""
    user = make_user(Role.PREVENT_COORDINATOR)
    grant = request_role(admin, user, Role.CHANNEL_CHAIR)
    with pytest.raises(PermissionDenied):
        services.role_grant_request_approve(actor=user, request=grant)
    assert Role.CHANNEL_CHAIR not in fresh(user).roles


def test_two_administrators_cannot_give_each_other_a_case_role(make_user):
    first = make_user(Role.ADMINISTRATOR)
    second = make_user(Role.ADMINISTRATOR)
    grant = request_role(first, second, Role.PREVENT_COORDINATOR)
    with pytest.raises(PermissionDenied):
        services.role_grant_request_approve(actor=second, request=grant)
    grant_back = request_role(second, first, Role.PREVENT_COORDINATOR)
    with pytest.raises(PermissionDenied):
        services.role_grant_request_approve(actor=second, request=grant_back)
    assert Role.PREVENT_COORDINATOR not in fresh(first).roles | fresh(second).roles


def test_a_decided_request_cannot_be_decided_again(admin, coordinator, make_user):
    grant = request_role(admin, make_user(Role.PRACTITIONER), Role.SPOC)
    services.role_grant_request_refuse(actor=coordinator, request=grant, reason="Not their job")
    with pytest.raises(ValidationError, match="already been refused"):
        services.role_grant_request_approve(actor=coordinator, request=grant)
    with pytest.raises(ValidationError):
        services.role_grant_request_withdraw(actor=admin, request=grant)
    assert Role.SPOC not in fresh(grant.user).roles


def test_refusing_needs_a_reason_and_is_audited(admin, coordinator, make_user):
    grant = request_role(admin, make_user(Role.PRACTITIONER), Role.SPOC)
    with pytest.raises(ValidationError) as excinfo:
        services.role_grant_request_refuse(actor=coordinator, request=grant, reason="  ")
    assert excinfo.value.message_dict["reason"] == ["Enter why you are refusing the request"]
    services.role_grant_request_refuse(actor=coordinator, request=grant, reason="Not their job")
    grant.refresh_from_db()
    assert (grant.status, grant.reason, grant.decided_by) == ("refused", "Not their job", coordinator)
    assert AuditEvent.objects.filter(action="role_grant_refused", actor=coordinator).exists()


def test_withdrawing_by_the_requester(admin, make_user):
    grant = request_role(admin, make_user(Role.PRACTITIONER), Role.SPOC)
    with pytest.raises(PermissionDenied):
        services.role_grant_request_withdraw(actor=make_user(Role.PRACTITIONER), request=grant)
    services.role_grant_request_withdraw(actor=admin, request=grant)
    grant.refresh_from_db()
    assert grant.status == "withdrawn"
    assert AuditEvent.objects.filter(action="role_grant_withdrawn", actor=admin).exists()


def test_a_deactivated_user_is_not_given_the_role(admin, coordinator, make_user):
    user = make_user(Role.PRACTITIONER)
    grant = request_role(admin, user, Role.SPOC)
    User.objects.filter(pk=user.pk).update(is_active=False)
    with pytest.raises(ValidationError, match="is deactivated"):
        services.role_grant_request_approve(actor=coordinator, request=grant)
    assert Role.SPOC not in fresh(user).roles


# Coordinators are told ------------------------------------------------------------


def test_every_active_coordinator_is_emailed_a_link_once_the_request_commits(
    admin, coordinator, make_user, django_capture_on_commit_callbacks
):
    second = make_user(Role.PREVENT_COORDINATOR, email="second@test.example")
    make_user(Role.PREVENT_COORDINATOR, email="gone@test.example", is_active=False)
    make_user(Role.SPOC, email="spoc@test.example")
    user = make_user(Role.PRACTITIONER, full_name="Very Private Name")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        grant = request_role(admin, user, Role.POLICE_PREVENT_OFFICER)
    assert mail.outbox == []  # nothing before the commit
    with django_capture_on_commit_callbacks(execute=True):  # the commit, and the emails it queues
        for callback in callbacks:
            callback()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coordinator.email, second.email])
    body = mail.outbox[0].body
    assert reverse("accounts:role-request-detail", args=[grant.pk]) in body
    assert "Police Prevent Officer" in body
    assert "Very Private Name" not in body and user.email not in body


def test_no_email_for_a_request_decided_before_the_commit(
    admin, coordinator, make_user, django_capture_on_commit_callbacks
):
    user = make_user(Role.PRACTITIONER)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        request_role(admin, user, Role.SPOC)
        services.user_set_roles_by_operator(
            user=user, roles=[Role.PRACTITIONER, Role.SPOC], actor_label="test"
        )
    assert mail.outbox == []


# Operators at the shell ---------------------------------------------------------------


def test_grant_role_command_grants_directly_and_is_audited_as_the_command(make_user):
    user = make_user(Role.ADMINISTRATOR, email="first@test.example")
    out = StringIO()
    call_command("grant_role", "FIRST@test.example", Role.PREVENT_COORDINATOR, stdout=out)
    assert fresh(user).roles == {Role.ADMINISTRATOR, Role.PREVENT_COORDINATOR}
    event = AuditEvent.objects.filter(action="user_roles_changed").latest("id")
    assert event.actor is None
    assert event.actor_label.startswith("manage.py grant_role")
    assert "Prevent Coordinator" in out.getvalue()


# Pages -----------------------------------------------------------------------


def test_the_roles_page_and_the_decision_pages_work_end_to_end(
    admin, coordinator, make_user, client_for, django_capture_on_commit_callbacks
):
    user = make_user(Role.PRACTITIONER, full_name="Pat Practitioner")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(admin).post(
            reverse("users:roles", args=[user.pk]), {"roles": [Role.PRACTITIONER, Role.SPOC]}
        )
    grant = RoleGrantRequest.objects.get(user=user)
    assert len(mail.outbox) == 1

    client = client_for(coordinator)
    home = client.get(reverse("home:home")).content.decode()
    assert f'href="{reverse("accounts:role-request-list")}"' in home
    listing = client.get(reverse("accounts:role-request-list")).content.decode()
    assert "Pat Practitioner" in listing and "Waiting for your decision" in listing
    detail = client.get(reverse("accounts:role-request-detail", args=[grant.pk])).content.decode()
    assert reverse("accounts:role-request-approve", args=[grant.pk]) in detail
    confirm = client.get(reverse("accounts:role-request-approve", args=[grant.pk])).content.decode()
    assert "Are you sure you want to give Pat Practitioner the role" in confirm
    assert Role.SPOC not in fresh(user).roles  # a GET changes nothing
    response = client.post(reverse("accounts:role-request-approve", args=[grant.pk]), follow=True)
    assert "Pat Practitioner now has the role Single Point of Contact (SPOC)" in response.content.decode()
    assert Role.SPOC in fresh(user).roles


def test_the_refuse_page_keeps_the_reason_and_shows_the_error(admin, coordinator, make_user, client_for):
    grant = request_role(admin, make_user(Role.PRACTITIONER), Role.SPOC)
    client = client_for(coordinator)
    url = reverse("accounts:role-request-refuse", args=[grant.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert "Enter why you are refusing the request" in response.content.decode()
    assert "There is a problem" in response.content.decode()
    client.post(url, {"reason": "Wrong person"})
    grant.refresh_from_db()
    assert (grant.status, grant.reason) == ("refused", "Wrong person")


def test_the_requester_sees_but_cannot_decide_on_the_pages(admin, make_user, client_for):
    grant = request_role(admin, make_user(Role.PRACTITIONER), Role.SPOC)
    client = client_for(admin)
    listing = client.get(reverse("accounts:role-request-list")).content.decode()
    assert "There are no requests for you to decide" in listing and "Waiting for someone else" in listing
    assert client.get(reverse("accounts:role-request-approve", args=[grant.pk])).status_code == 403
    assert client.post(reverse("accounts:role-request-approve", args=[grant.pk])).status_code == 403
    assert client.post(reverse("accounts:role-request-withdraw", args=[grant.pk])).status_code == 302
    grant.refresh_from_db()
    assert grant.status == "withdrawn"


def test_a_holder_of_another_role_gets_404_for_the_request(admin, make_user, client_for):
    grant = request_role(admin, make_user(Role.PRACTITIONER), Role.SPOC)
    client = client_for(make_user(Role.CHANNEL_MEMBER))
    assert client.get(reverse("accounts:role-request-detail", args=[grant.pk])).status_code == 404
    assert client.post(reverse("accounts:role-request-approve", args=[grant.pk])).status_code == 404
    assert (
        "There are no requests for you to decide"
        in client.get(reverse("accounts:role-request-list")).content.decode()
    )


@pytest.mark.parametrize("count", [1, 12])
def test_the_list_costs_a_bounded_number_of_queries(
    admin, coordinator, make_user, client_for, django_assert_max_num_queries, count
):
    for _ in range(count):
        request_role(admin, make_user(Role.PRACTITIONER, organisation=OrganisationFactory()), Role.SPOC)
    client = client_for(coordinator)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("accounts:role-request-list"))
    assert len(response.context["to_decide"]) == count
