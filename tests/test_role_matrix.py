"""Role x page matrix: each role reaches what it should, and is refused
elsewhere. Later features add their pages to PAGES."""

from __future__ import annotations

import pytest
from django.urls import reverse

from prevent.accounts.policy import Action, can
from prevent.accounts.roles import Role

EVERYONE = frozenset(Role)

# url name -> the roles that may open it (all others: 403, or 404 for records about people)
PAGES: dict[str, frozenset[Role]] = {
    "core:home": EVERYONE,
    "accounts:account": EVERYONE,
    "users:list": frozenset({Role.ADMINISTRATOR}),
    "organisations:list": frozenset({Role.ADMINISTRATOR}),
    "local-area:detail": frozenset({Role.ADMINISTRATOR}),
    "audit:event-list": frozenset({Role.PREVENT_COORDINATOR}),
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


@pytest.mark.django_db
def test_administrators_have_no_case_access_by_that_role(make_user) -> None:
    admin = make_user(Role.ADMINISTRATOR)
    analyst = make_user(Role.PARTNERSHIP_ANALYST)
    assert not can(admin, Action.VIEW_CASE_CONTENT)
    assert not can(analyst, Action.VIEW_CASE_CONTENT)
    assert can(make_user(Role.PRACTITIONER), Action.VIEW_CASE_CONTENT)
