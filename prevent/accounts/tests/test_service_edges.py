"""The happy path and the refusal of each accounts service that the page
tests do not already take both ways."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from prevent.accounts.models import RoleGrantRequest, User
from prevent.accounts.roles import Role
from prevent.accounts.services import authentication as auth
from prevent.accounts.services import roles as role_services
from prevent.accounts.services import users as services
from prevent.accounts.two_factor import TOTPDevice
from prevent.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMINISTRATOR, full_name="Ada Admin")


def test_user_update_refuses_other_roles_and_a_taken_email(admin, make_user):
    user = make_user(Role.SPOC)
    taken = make_user(Role.SPOC, email="taken@test.example")
    details = {"full_name": "New", "organisation": user.organisation, "job_title": ""}
    with pytest.raises(PermissionDenied):
        services.user_update(
            actor=make_user(Role.PREVENT_COORDINATOR), user=user, email="a@b.example", **details
        )
    with pytest.raises(ValidationError) as refused:
        services.user_update(actor=admin, user=user, email=taken.email.upper(), **details)
    assert refused.value.message_dict["email"] == ["A user with this email address already exists"]
    assert User.objects.get(pk=user.pk).full_name == user.full_name


def test_reactivate_and_resend_refuse_other_roles(admin, make_user):
    user = make_user(Role.SPOC, is_active=False)
    for service in (services.user_reactivate, services.user_deactivate):
        with pytest.raises(PermissionDenied):
            service(actor=make_user(Role.SPOC), user=user)
    with pytest.raises(ValidationError, match="Reactivate the user"):
        services.user_resend_invitation(actor=admin, user=user, base_url="https://prevent.test/")


def test_the_first_administrator_is_made_once_by_a_command():
    first = services.user_bootstrap_administrator(
        email="First@Test.example", full_name="First Admin", actor_label="manage.py test"
    )
    assert first.email == "first@test.example" and first.roles == {Role.ADMINISTRATOR}
    events = AuditEvent.objects.count()
    again = services.user_bootstrap_administrator(
        email="first@test.example", full_name="Other", actor_label="manage.py test"
    )
    assert again.pk == first.pk and again.full_name == "First Admin"
    assert AuditEvent.objects.count() == events  # nothing to do: nothing written


def test_demo_user_prepare_sets_the_shared_password_for_administrators_only(admin, make_user):
    user = make_user(Role.SPOC)
    with pytest.raises(PermissionDenied):
        services.demo_user_prepare(actor=make_user(Role.SPOC), user=user, password="demo-password-1")
    services.demo_user_prepare(actor=admin, user=user, password="demo-password-1")
    user.refresh_from_db()
    assert user.is_demo_user and user.check_password("demo-password-1")
    event = AuditEvent.objects.filter(action="demo_user_prepared").latest("id")
    assert "demo-password-1" not in str(event.changes)


def test_the_operator_path_refuses_an_unknown_role(make_user):
    user = make_user(Role.SPOC)
    with pytest.raises(ValidationError):
        role_services.user_set_roles_by_operator(user=user, roles=["wizard"], actor_label="manage.py test")
    assert User.objects.get(pk=user.pk).roles == {Role.SPOC}


def test_suspend_case_roles_stops_only_case_roles(admin, make_user):
    user = make_user(Role.SPOC, Role.PARTNERSHIP_ANALYST)
    from django.db import transaction

    with transaction.atomic():
        stopped = role_services.suspend_case_roles(actor=admin, user=user, because="email")
    assert stopped == [Role.SPOC]
    assert User.objects.get(pk=user.pk).roles == {Role.PARTNERSHIP_ANALYST}
    assert RoleGrantRequest.objects.get(user=user).role == Role.SPOC
    with transaction.atomic():
        assert role_services.suspend_case_roles(actor=admin, user=user, because="email") == []


def test_enrolment_reuses_its_unconfirmed_app_and_refuses_a_wrong_code(make_user):
    user = make_user(Role.SPOC)
    device = auth.two_factor_begin_enrolment(user=user)
    assert auth.two_factor_begin_enrolment(user=user).pk == device.pk
    request = RequestFactory().post("/")
    request.user = user
    request.session = {}  # type: ignore[assignment]
    assert (
        auth.two_factor_confirm_enrolment(request=request, user=user, device=device, token="000000") is None
    )
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert AuditEvent.objects.filter(action="two_factor_failed", actor=user).exists()
