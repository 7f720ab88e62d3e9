"""Role x page matrix: each role reaches what it should, and is refused
elsewhere. Later features add their pages to PAGES."""

from __future__ import annotations

import pytest
from django.urls import reverse

from prevent.accounts.models import RoleGrantRequest, User
from prevent.accounts.roles import CASE_ROLES, Role
from prevent.policy import Action, can

EVERYONE = frozenset(Role)

# url name -> the roles that may open it (all others: 403, or 404 for records about people)
PAGES: dict[str, frozenset[Role]] = {
    "core:home": EVERYONE,
    "accounts:account": EVERYONE,
    "users:list": frozenset({Role.ADMINISTRATOR}),
    "organisations:list": frozenset({Role.ADMINISTRATOR}),
    "local-area:detail": frozenset({Role.ADMINISTRATOR}),
    "audit:event-list": frozenset({Role.PREVENT_COORDINATOR}),
    "accounts:role-request-list": frozenset({Role.ADMINISTRATOR, *CASE_ROLES}),
}

CASES = [(role, name) for role in Role for name in PAGES]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "name"), CASES, ids=[f"{r.value}-{n}" for r, n in CASES])
def test_role_reaches_only_its_pages(make_user, client_for, role: Role, name: str) -> None:
    client = client_for(make_user(role))
    response = client.get(reverse(name))
    if role in PAGES[name]:
        assert response.status_code == 200, f"{role.label} should open {name}"
    else:
        assert response.status_code in {403, 404}, f"{role.label} should not open {name}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_home_shows_a_section_for_the_role(make_user, client_for, role: Role) -> None:
    body = client_for(make_user(role)).get(reverse("core:home")).content.decode()
    assert f'id="section-{role.value}"' in body
    others = [r for r in Role if r != role]
    assert not any(f'id="section-{r.value}"' in body for r in others)


@pytest.mark.django_db
def test_navigation_follows_the_policy(make_user, client_for) -> None:
    admin_page = client_for(make_user(Role.ADMINISTRATOR)).get(reverse("core:home")).content.decode()
    assert 'href="/manage/users/"' in admin_page
    assert 'href="/audit/"' not in admin_page
    coordinator_page = (
        client_for(make_user(Role.PREVENT_COORDINATOR)).get(reverse("core:home")).content.decode()
    )
    assert 'href="/audit/"' in coordinator_page
    assert 'href="/manage/users/"' not in coordinator_page
    assert 'href="/manage/role-requests/"' in admin_page
    assert 'href="/manage/role-requests/"' in coordinator_page
    analyst_page = client_for(make_user(Role.PARTNERSHIP_ANALYST)).get(reverse("core:home")).content.decode()
    assert 'href="/manage/role-requests/"' not in analyst_page


@pytest.mark.django_db
def test_administrators_have_no_case_access_by_that_role(make_user) -> None:
    admin = make_user(Role.ADMINISTRATOR)
    analyst = make_user(Role.PARTNERSHIP_ANALYST)
    assert not can(admin, Action.VIEW_CASE_CONTENT)
    assert not can(analyst, Action.VIEW_CASE_CONTENT)
    assert can(make_user(Role.PRACTITIONER), Action.VIEW_CASE_CONTENT)


# Role management (ADR 0007), for each role acting on themselves and on
# someone else. "self": the actor's own roles page, and a request (made by
# another administrator) to make the actor a Prevent Coordinator, the
# probe of issue 8. "other": a practitioner's roles page, and a request to
# make that practitioner a SPOC. The POSTs add Prevent Coordinator on the
# roles page, approve, refuse (with a reason) and withdraw.
#
# Columns, in Role order: practitioner, SPOC, coordinator, police, chair,
# member, analyst, administrator.
ROLE_MANAGEMENT: dict[tuple[str, str], tuple[int, ...]] = {
    ("roles GET", "self"): (
        403,
        403,
        403,
        403,
        403,
        403,
        403,
        200,
    ),  # 200: "You cannot change your own roles"
    ("roles POST", "self"): (403, 403, 403, 403, 403, 403, 403, 403),
    ("request GET", "self"): (404, 404, 200, 404, 404, 404, 403, 200),
    ("approve GET", "self"): (404, 404, 403, 404, 404, 404, 403, 403),
    ("approve POST", "self"): (404, 404, 403, 404, 404, 404, 403, 403),
    ("refuse POST", "self"): (404, 404, 403, 404, 404, 404, 403, 403),
    ("withdraw POST", "self"): (404, 404, 403, 404, 404, 404, 403, 302),
    ("roles GET", "other"): (403, 403, 403, 403, 403, 403, 403, 200),
    ("roles POST", "other"): (403, 403, 403, 403, 403, 403, 403, 302),  # 302: a request, not the role
    ("request GET", "other"): (404, 200, 200, 404, 404, 404, 403, 200),
    ("approve GET", "other"): (404, 200, 200, 404, 404, 404, 403, 403),
    ("approve POST", "other"): (404, 302, 302, 404, 404, 404, 403, 403),
    ("refuse POST", "other"): (404, 302, 302, 404, 404, 404, 403, 403),
    ("withdraw POST", "other"): (404, 403, 403, 404, 404, 404, 403, 302),
}
assert all(len(row) == len(Role) for row in ROLE_MANAGEMENT.values())

MANAGEMENT_CASES = [
    (role, endpoint, target, ROLE_MANAGEMENT[endpoint, target][i])
    for (endpoint, target) in ROLE_MANAGEMENT
    for i, role in enumerate(Role)
]


def _held(user: User) -> frozenset[str]:
    return User.objects.get(pk=user.pk).roles


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "endpoint", "target", "status"),
    MANAGEMENT_CASES,
    ids=[f"{r.value}-{e.replace(' ', '-')}-{t}" for r, e, t, _ in MANAGEMENT_CASES],
)
def test_role_management_endpoints(
    make_user, client_for, role: Role, endpoint: str, target: str, status: int
) -> None:
    actor = make_user(role)
    requester = make_user(Role.ADMINISTRATOR)
    subject = actor if target == "self" else make_user(Role.PRACTITIONER)
    wanted = Role.PREVENT_COORDINATOR if target == "self" else Role.SPOC
    grant = RoleGrantRequest.objects.create(user=subject, role=wanted, requested_by=requester)
    before = _held(subject)
    client = client_for(actor)
    page, method = endpoint.split()
    url = {
        "roles": reverse("users:roles", args=[subject.pk]),
        "request": reverse("accounts:role-request-detail", args=[grant.pk]),
        "approve": reverse("accounts:role-request-approve", args=[grant.pk]),
        "refuse": reverse("accounts:role-request-refuse", args=[grant.pk]),
        "withdraw": reverse("accounts:role-request-withdraw", args=[grant.pk]),
    }[page]
    if method == "GET":
        response = client.get(url)
    elif page == "roles":
        response = client.post(url, {"roles": [*before, Role.PREVENT_COORDINATOR]})
    else:
        response = client.post(url, {"reason": "Not needed"})
    assert response.status_code == status, (
        f"{role.label}: {endpoint} ({target}) answered {response.status_code}"
    )

    grant.refresh_from_db()
    approved = page == "approve" and method == "POST" and status == 302
    # Only a second person's approval gives a case role; nothing else changes what the subject holds.
    assert _held(subject) == (before | {wanted} if approved else before)
    decided = method == "POST" and status == 302 and page in {"approve", "refuse", "withdraw"}
    assert grant.is_pending is not decided
    if page == "roles" and method == "POST" and status == 302:
        assert RoleGrantRequest.objects.filter(user=subject, role=Role.PREVENT_COORDINATOR).exists()
