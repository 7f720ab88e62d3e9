"""One-time tokens: a create form sent twice makes one record and shows it."""

from __future__ import annotations

import re
from typing import Any

import pytest

from prevent.core.models import Organisation, SubmissionToken
from prevent.core.once import ALREADY_SENT

pytestmark = pytest.mark.urls("prevent.core.tests.once_urls")


def _token(client: Any) -> str:
    page = client.get("/create/").content.decode()
    match = re.search(r'name="once_token" value="([^"]+)"', page)
    assert match, page
    return match.group(1)


@pytest.fixture
def client(make_user: Any, client_for: Any) -> Any:
    return client_for(make_user("spoc"))


def test_a_repeated_post_makes_one_record_and_shows_it(client: Any) -> None:
    token = _token(client)
    first = client.post("/create/", {"name": "Once Only", "once_token": token})
    second = client.post("/create/", {"name": "Once Only", "once_token": token}, follow=False)
    assert Organisation.objects.filter(name="Once Only").count() == 1
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    followed = client.post("/create/", {"name": "Once Only", "once_token": token}, follow=True)
    assert ALREADY_SENT in followed.content.decode()
    assert Organisation.objects.filter(name="Once Only").count() == 1


def test_each_page_load_gives_a_fresh_token(client: Any) -> None:
    assert _token(client) != _token(client)


def test_invalid_input_releases_the_token_so_the_corrected_form_saves(client: Any) -> None:
    token = _token(client)
    assert client.post("/create/", {"name": "", "once_token": token}).status_code == 200
    assert not SubmissionToken.objects.filter(token=token).exists()
    assert client.post("/create/", {"name": "Corrected", "once_token": token}).status_code == 302
    assert Organisation.objects.filter(name="Corrected").count() == 1


def test_a_failure_releases_the_token(client: Any) -> None:
    token = _token(client)
    with pytest.raises(RuntimeError):
        client.post("/create/", {"name": "explode", "once_token": token})
    assert not SubmissionToken.objects.filter(token=token).exists()


def test_someone_elses_token_is_refused(client: Any, make_user: Any, client_for: Any) -> None:
    token = _token(client)
    client.post("/create/", {"name": "Mine", "once_token": token})
    other = client_for(make_user("spoc"))
    response = other.post("/create/", {"name": "Mine", "once_token": token})
    assert response.status_code == 400
    assert Organisation.objects.filter(name="Mine").count() == 1


def test_a_malformed_token_is_refused_and_nothing_is_made(client: Any) -> None:
    response = client.post("/create/", {"name": "Odd", "once_token": "x\x00" * 40})
    assert response.status_code == 400
    assert not Organisation.objects.filter(name="Odd").exists()


def test_without_a_token_the_view_runs_as_before(client: Any) -> None:
    assert client.post("/create/", {"name": "Scripted"}).status_code == 302
    assert client.post("/create/", {"name": "Scripted 2"}).status_code == 302
    assert Organisation.objects.filter(name__startswith="Scripted").count() == 2
