"""Webhook receivers must be on the internet, never this server's network
(server-side request forgery): refused when registered and again just
before each delivery, after the name is looked up."""

from __future__ import annotations

import socket
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from prevent.api import webhooks
from prevent.api.addresses import NOT_PUBLIC, literal_address_problem, resolved_address_problem
from prevent.api.forms import WebhookForm


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hook",
        "https://10.0.0.5/hook",
        "https://192.168.1.20:8443/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://localhost/hook",
        "https://printer.local/hook",
    ],
)
def test_a_local_or_private_address_is_refused_as_typed(url: str) -> None:
    assert literal_address_problem(url) == NOT_PUBLIC


@pytest.mark.parametrize("url", ["https://school.example/hook", "https://93.184.216.34/hook"])
def test_an_internet_address_is_accepted_as_typed(url: str) -> None:
    assert literal_address_problem(url) == ""


@pytest.mark.django_db
def test_the_form_says_so_next_to_the_field_and_keeps_what_was_typed() -> None:
    form = WebhookForm(data={"url": "https://10.1.2.3/prevent"})
    assert not form.is_valid()
    assert form.errors["url"] == [NOT_PUBLIC]
    assert form["url"].value() == "https://10.1.2.3/prevent"


@pytest.mark.django_db
def test_the_service_refuses_a_private_address(make_user: Any) -> None:
    from prevent.accounts.roles import Role
    from prevent.api.services import webhook_register

    admin = make_user(Role.ADMINISTRATOR)
    with pytest.raises(ValidationError) as refused:
        webhook_register(actor=admin, organisation_id=admin.organisation_id, url="https://127.0.0.1/x")
    assert refused.value.message_dict["url"] == [NOT_PUBLIC]


def _resolving_to(monkeypatch: Any, *addresses: str) -> None:
    def getaddrinfo(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)) for address in addresses]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_a_name_that_resolves_to_a_private_address_is_not_posted_to(monkeypatch: Any) -> None:
    _resolving_to(monkeypatch, "93.184.216.34", "10.0.0.7")
    opened: list[Any] = []
    monkeypatch.setattr(webhooks.urllib.request, "urlopen", lambda *a, **k: opened.append(a))
    assert resolved_address_problem("https://rebinding.example/hook")
    with pytest.raises(ValueError, match="local or private"):
        webhooks.post("https://rebinding.example/hook", b"{}", {})
    assert opened == []


def test_a_name_that_resolves_to_internet_addresses_only_passes(monkeypatch: Any) -> None:
    _resolving_to(monkeypatch, "93.184.216.34")
    assert resolved_address_problem("https://school.example/hook") == ""
