"""Issue 8 point 8: the create forms of accounts and core carry a one-time
token, so a form sent twice (a double click, a resend after a timeout)
makes one record and shows it."""

from __future__ import annotations

import re
from typing import cast

import pytest
from django.test import Client
from django.urls import reverse

from prevent.accounts.models import RoleGrantRequest, User
from prevent.accounts.roles import Role
from prevent.core.models import Organisation
from prevent.core.once import ALREADY_SENT
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMINISTRATOR, full_name="Ada Admin")


def token_of(client: Client, url: str) -> str:
    match = re.search(r'name="once_token" value="([^"]+)"', client.get(url).content.decode())
    assert match, f"{url} has no one-time token"
    return match.group(1)


def post_twice(client: Client, url: str, data: dict[str, object]) -> tuple[str, str]:
    data = {**data, "once_token": token_of(client, url)}
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    assert first.status_code == 302
    assert second.redirect_chain[-1][0] == first["Location"]
    assert ALREADY_SENT in second.content.decode()
    return first["Location"], second.content.decode()


def test_a_user_invited_twice_with_the_same_token_is_made_once(admin, client_for):
    organisation = cast(Organisation, OrganisationFactory())
    client = client_for(admin)
    location, _ = post_twice(
        client,
        reverse("users:add"),
        {
            "full_name": "Twice Clicked",
            "email": "twice@test.example",
            "organisation": organisation.pk,
            "roles": [Role.SPOC],
        },
    )
    user = User.objects.get(email="twice@test.example")
    assert location == reverse("users:detail", args=[user.pk])
    assert User.objects.filter(email="twice@test.example").count() == 1
    assert RoleGrantRequest.objects.filter(user=user).count() == 1


def test_an_organisation_added_twice_with_the_same_token_is_made_once(admin, client_for):
    location, _ = post_twice(
        client_for(admin),
        reverse("organisations:add"),
        {"name": "Once Academy", "sector": "school", "district": "cherwell"},
    )
    organisation = Organisation.objects.get(name="Once Academy")
    assert location == reverse("organisations:detail", args=[organisation.pk])


def test_a_role_asked_for_twice_with_the_same_token_is_one_request(admin, client_for, make_user):
    user = make_user(Role.PRACTITIONER)
    post_twice(
        client_for(admin),
        reverse("users:roles", args=[user.pk]),
        {"roles": [Role.PRACTITIONER, Role.SPOC]},
    )
    assert RoleGrantRequest.objects.filter(user=user, role=Role.SPOC).count() == 1
