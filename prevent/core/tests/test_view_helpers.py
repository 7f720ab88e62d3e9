"""prevent.core.view_helpers: who is asking, and a service's refusal shown
on the form."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404
from django.test import RequestFactory

from prevent.accounts.roles import Role
from prevent.core.forms import GovUKForm
from prevent.core.view_helpers import actor, add_errors, submit


class NameForm(GovUKForm):
    name = forms.CharField(error_messages={"required": "Enter a name"})
    email = forms.CharField(required=False)


def _form(**data: str) -> NameForm:
    return NameForm(data={"name": "Ada", **data})


@pytest.mark.django_db
def test_actor_is_the_signed_in_user(make_user: Any) -> None:
    user = make_user(Role.SPOC)
    request = RequestFactory().get("/")
    request.user = user
    assert actor(request) == user


@pytest.mark.parametrize("user", [AnonymousUser(), None])
def test_actor_refuses_anyone_else_with_permission_denied(user: Any) -> None:
    request = RequestFactory().get("/")
    if user is not None:
        request.user = user
    with pytest.raises(PermissionDenied):
        actor(request)


def test_add_errors_puts_each_message_on_its_field_and_the_rest_at_the_top() -> None:
    form = _form()
    assert form.is_valid()
    add_errors(
        form,
        ValidationError(
            {
                "name": "A user with this name already exists",
                "unknown": "The record has changed since you opened it",
                NON_FIELD_ERRORS: "Try again",
            }
        ),
    )
    assert form.errors["name"] == ["A user with this name already exists"]
    assert form.non_field_errors() == ["The record has changed since you opened it", "Try again"]
    assert "unknown" not in form.errors


def test_add_errors_with_a_plain_error_list_goes_to_the_top() -> None:
    form = _form()
    assert form.is_valid()
    add_errors(form, ValidationError(["Complete the section: Person", "Complete the section: Concern"]))
    assert form.non_field_errors() == ["Complete the section: Person", "Complete the section: Concern"]


def test_submit_returns_what_the_service_returns() -> None:
    calls: list[dict[str, Any]] = []

    def service(**kwargs: Any) -> str:
        calls.append(kwargs)
        return "made"

    form = _form()
    assert submit(form, service, actor="someone", name="Ada") == "made"
    assert calls == [{"actor": "someone", "name": "Ada"}]
    assert form.is_valid()


def test_submit_maps_a_refusal_onto_the_form_and_returns_none() -> None:
    def service(**kwargs: Any) -> str:
        raise ValidationError({"email": "Enter an email address in the correct format"})

    form = _form(email="nope")
    assert submit(form, service) is None
    assert not form.is_valid()
    assert form.errors["email"] == ["Enter an email address in the correct format"]
    # What the user typed is kept for the page shown again.
    assert form["email"].value() == "nope"


def test_submit_does_not_call_the_service_for_an_invalid_form() -> None:
    def service(**kwargs: Any) -> str:
        raise AssertionError("called")

    form = NameForm(data={"name": ""})
    assert submit(form, service) is None
    assert form.errors["name"] == ["Enter a name"]


@pytest.mark.parametrize("refusal", [PermissionDenied, Http404])
def test_submit_lets_permission_and_not_found_through(refusal: type[Exception]) -> None:
    def service(**kwargs: Any) -> str:
        raise refusal

    with pytest.raises(refusal):
        submit(_form(), service)
