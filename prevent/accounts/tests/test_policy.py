from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from prevent.accounts.roles import Role
from prevent.policy import Action, can, registered_rules, require

pytestmark = pytest.mark.django_db


def test_every_action_has_a_rule() -> None:
    assert set(Action) == set(registered_rules())


def test_anonymous_and_inactive_users_may_do_nothing(make_user) -> None:
    inactive = make_user(*Role.values, is_active=False)
    for action in Action:
        assert not can(AnonymousUser(), action)
        assert not can(None, action)
        assert not can(inactive, action)


def test_unknown_actions_fail_closed(make_user) -> None:
    user = make_user(*Role.values)
    assert not can(user, "no_such_action")  # type: ignore[arg-type]


def test_require_raises_403_or_hides_with_404(make_user) -> None:
    practitioner = make_user(Role.PRACTITIONER)
    with pytest.raises(PermissionDenied):
        require(practitioner, Action.MANAGE_USERS)
    with pytest.raises(Http404):
        require(practitioner, Action.MANAGE_USERS, hide=True)
    require(make_user(Role.ADMINISTRATOR), Action.MANAGE_USERS)


@pytest.mark.parametrize(
    ("action", "allowed"),
    [
        (Action.MANAGE_USERS, {Role.ADMINISTRATOR}),
        (Action.MANAGE_ORGANISATIONS, {Role.ADMINISTRATOR}),
        (Action.EDIT_LOCAL_AREA_SETTINGS, {Role.ADMINISTRATOR}),
        (Action.VIEW_AUDIT_LOG, {Role.PREVENT_COORDINATOR}),
        (Action.VIEW_HOME, set(Role)),
        (Action.VIEW_ROLE_GRANT_REQUESTS, set(Role) - {Role.PARTNERSHIP_ANALYST}),
    ],
)
def test_each_role_against_each_action(make_user, action: Action, allowed: set[Role]) -> None:
    for role in Role:
        assert can(make_user(role), action) is (role in allowed), f"{role} / {action}"


def test_own_account_only(make_user) -> None:
    a, b = make_user(Role.SPOC), make_user(Role.SPOC)
    assert can(a, Action.VIEW_OWN_ACCOUNT, a)
    assert not can(a, Action.VIEW_OWN_ACCOUNT, b)
