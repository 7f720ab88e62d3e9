"""Every role's home, and the navigation's counts, cost the same number of
queries with 1 and with 200 records on each of their lists."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prevent.accounts.roles import Role
from prevent.home.work import work_sections_for

from .bulk import HomeData

pytestmark = pytest.mark.django_db

# Lists that hold one item whatever the data (the organisation's
# self-assessment) or none yet (the analyst's statistics).
SINGLE = {"Self-assessment due", "Partnership statistics", "The next panel"}


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.fixture
def data(people: dict[str, Any], make_user: Any, framework: Any, guidance: Any) -> HomeData:
    made = HomeData(people, make_user)
    made.add(1)
    return made


def test_every_list_on_every_roles_home_has_work_to_count(data: HomeData) -> None:
    """So the comparison below counts every list, none of them empty."""
    for role, user in data.users().items():
        for section in work_sections_for(user):
            if section.role != role:
                continue
            empty = [g.title for g in section.groups if not g.items and g.title not in SINGLE]
            assert not empty, f"{role}: {empty}"


def test_every_roles_home_costs_the_same_queries_with_1_and_200_items_per_list(
    data: HomeData, client_for: Any
) -> None:
    clients = {role: client_for(user) for role, user in data.users().items()}
    home = reverse("home:home")
    one = {role: _queries(client, home) for role, client in clients.items()}
    data.add(199)
    many = {role: _queries(client, home) for role, client in clients.items()}
    assert many == one
    # The lists are full (LIMIT items each), not just longer in the database.
    body = clients[Role.CHANNEL_MEMBER].get(home).content.decode()
    assert body.count("Information request on ") == 20


def test_the_navigation_counts_cost_the_same_queries_with_1_and_200_items(
    data: HomeData, client_for: Any
) -> None:
    clients = {role: client_for(user) for role, user in data.users().items()}
    page = reverse("accounts:account")
    one = {role: _queries(client, page) for role, client in clients.items()}
    data.add(199)
    many = {role: _queries(client, page) for role, client in clients.items()}
    assert many == one
    body = clients[Role.CHANNEL_MEMBER].get(page).content.decode()
    assert '(200<span class="govuk-visually-hidden"> awaiting your answer</span>)' in body
    assert '(200<span class="govuk-visually-hidden"> unread</span>)' in body
    chair = clients[Role.CHANNEL_CHAIR].get(page).content.decode()
    assert '(200<span class="govuk-visually-hidden"> decisions to confirm</span>)' in chair
    admin = clients[Role.ADMINISTRATOR].get(page).content.decode()
    assert '(200<span class="govuk-visually-hidden"> failed</span>)' in admin
