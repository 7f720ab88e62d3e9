"""One strict page-number parser for every paginated list (issue 8, point 6):
only a few ASCII digits are a page number; anything else is the first page,
past the end is the last page, and nothing is ever a 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import sign_in
from prevent.accounts.roles import Role
from prevent.core.pagination import MAX_PAGE_DIGITS, parse_page_number
from tests.factories import OrganisationFactory, UserFactory


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", 1),
        ("2", 2),
        ("000003", 3),
        ("9" * MAX_PAGE_DIGITS, int("9" * MAX_PAGE_DIGITS)),
        (None, 1),
        ("", 1),
        ("0", 1),
        ("-1", 1),
        ("+2", 1),
        (" 2", 1),
        ("2 ", 1),
        ("1_0", 1),
        ("1e3", 1),
        ("2.0", 1),
        ("²", 1),
        ("\u0662", 1),  # ARABIC-INDIC DIGIT TWO: int() takes it, a page number does not
        ("\uff12", 1),  # FULLWIDTH DIGIT TWO
        ("9" * (MAX_PAGE_DIGITS + 1), 1),
        ("9" * 5000, 1),
    ],
)
def test_parse_page_number_takes_only_a_few_ascii_digits(raw: Any, expected: int) -> None:
    assert parse_page_number(raw) == expected


@pytest.fixture
def admin_client(db: Any) -> Client:
    admin = UserFactory(roles=[Role.ADMINISTRATOR])
    return sign_in(Client(raise_request_exception=False), admin)


@pytest.mark.parametrize("name", ["users:list", "organisations:list"])
def test_admin_lists_use_the_strict_parser(name: str, admin_client: Client) -> None:
    for n in range(30):
        OrganisationFactory(name=f"Organisation {n:02}")
        UserFactory(roles=[Role.PRACTITIONER], email=f"user{n:02}@example.org")
    url = reverse(name)
    assert admin_client.get(url, {"page": "2"}).context["page"].number == 2
    # Python's int() reads these as 2; they are not page numbers.
    for odd in ("\u0662", "\uff12", " 2", "0_2"):
        response = admin_client.get(url, {"page": odd})
        assert response.status_code == 200, odd
        assert response.context["page"].number == 1, odd
    for odd in ("²", "9" * 5000, "-1"):
        response = admin_client.get(url, {"page": odd})
        assert response.status_code == 200, odd
        assert response.context["page"].number == 1, odd
    last = admin_client.get(url, {"page": "999999"}).context["page"]
    assert last.number == last.paginator.num_pages > 1
