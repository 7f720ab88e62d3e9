"""prevent.core.notify: emails after the commit, links and references only,
one recipient lookup."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.tasks.backends.immediate import ImmediateBackend
from django.test import override_settings
from django.urls import reverse

from prevent.accounts.roles import Role
from prevent.core.notify import absolute_url, active_users_with_role, link, notify, render_notification
from tests.factories import OrganisationFactory

# templates/channel/email/case_opened{,_subject}.txt: a reference and a link.
TEMPLATE = "channel/email/case_opened"


class Boom(Exception):
    pass


def _notify(recipients: Any, **kwargs: Any) -> int:
    return notify(
        recipients=recipients,
        template=TEMPLATE,
        reference="CH-2026-00007",
        link_path=reverse("channel:case-detail", args=[7]),
        **kwargs,
    )


@pytest.mark.django_db(transaction=True)
def test_mail_is_sent_only_after_the_transaction_commits() -> None:
    with transaction.atomic():
        assert _notify(["spoc@test.example"]) == 1
        assert mail.outbox == []  # not while the transaction is open
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["spoc@test.example"]


@pytest.mark.django_db(transaction=True)
def test_no_mail_when_the_transaction_rolls_back() -> None:
    with pytest.raises(Boom), transaction.atomic():
        _notify(["spoc@test.example"])
        raise Boom
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_rolled_back_savepoint_drops_its_mail(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(Boom), transaction.atomic():
            _notify(["first@test.example"])
            raise Boom
        with transaction.atomic():
            _notify(["second@test.example"])
    assert [m.to for m in mail.outbox] == [["second@test.example"]]


@override_settings(PREVENT_BASE_URL="https://prevent.example.gov.uk/")
@pytest.mark.django_db
def test_the_body_carries_the_reference_and_an_absolute_link_from_the_setting(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _notify(["officer@test.example"])
    message = mail.outbox[0]
    assert message.subject == "Channel case CH-2026-00007 has been opened: you are the case officer"
    assert "Reference: CH-2026-00007" in message.body
    assert "https://prevent.example.gov.uk" + reverse("channel:case-detail", args=[7]) in message.body


@pytest.mark.django_db
def test_each_recipient_gets_their_own_email_once_and_inactive_users_none(
    make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    active = make_user(Role.SPOC, email="active@test.example")
    inactive = make_user(Role.SPOC, email="gone@test.example", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        count = _notify([active, inactive, "other@test.example", "active@test.example"])
    assert count == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["active@test.example", "other@test.example"]
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mail.outbox)


@pytest.mark.django_db
def test_nobody_to_tell_sends_nothing(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert _notify([]) == 0
    assert callbacks == []
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_model_instance_cannot_reach_the_template(make_user: Any) -> None:
    person_like = make_user(Role.PRACTITIONER)
    with pytest.raises(TypeError, match="links and references only"):
        _notify(["spoc@test.example"], context={"person": person_like})
    with pytest.raises(TypeError, match="links and references only"):
        _notify(["spoc@test.example"], context={"requests": [{"role": "SPOC", "user": person_like}]})
    assert mail.outbox == []


def test_lists_and_dicts_of_plain_values_are_allowed() -> None:
    _, body = render_notification(
        template=TEMPLATE,
        reference="CH-2026-00007",
        link_path="/x",
        context={"requests": [{"role": "SPOC", "due": dt.date(2026, 3, 27)}], "count": 1},
    )
    assert "CH-2026-00007" in body


def test_plain_values_and_extra_links_reach_the_template() -> None:
    subject, body = render_notification(
        template="concerns/email/referral_overdue",
        reference="PH-2026-00042",
        link_path="/concerns/42/#referral-3",
        context={"expected": dt.date(2026, 3, 27)},
    )
    assert subject == "PH-2026-00042: a referral is overdue"
    assert "Expected response date: 27 March 2026" in body
    assert "/concerns/42/#referral-3" in body
    _, body = render_notification(
        template="concerns/email/submitted",
        reference="PH-2026-00042",
        link_path="/concerns/42/",
        links={"queue_link": "/concerns/triage/"},
    )
    assert "/concerns/triage/" in body.split("Your triage queue:")[1]


@override_settings(PREVENT_BASE_URL="https://prevent.example.gov.uk")
@pytest.mark.parametrize(
    "path", ["https://evil.example/x", "//evil.example/x", "concerns/1", "/\\evil.example"]
)
def test_links_are_paths_on_this_site_only(path: str) -> None:
    with pytest.raises(ValueError, match="path on this site"):
        absolute_url(path)


@override_settings(PREVENT_BASE_URL="https://prevent.example.gov.uk/")
def test_link_reverses_a_url_name() -> None:
    assert link("channel:case-detail", 7, fragment="review-2") == (
        "https://prevent.example.gov.uk" + reverse("channel:case-detail", args=[7]) + "#review-2"
    )


@pytest.mark.django_db
def test_active_users_with_role_in_an_organisation_or_anywhere(make_user: Any) -> None:
    here: Any = OrganisationFactory(name="School A")
    there = OrganisationFactory(name="School B")
    spoc_here = make_user(Role.SPOC, Role.PRACTITIONER, organisation=here, email="b@test.example")
    make_user(Role.SPOC, organisation=here, is_active=False)
    make_user(Role.PRACTITIONER, organisation=here)
    spoc_there = make_user(Role.SPOC, organisation=there, email="a@test.example")

    assert list(active_users_with_role(Role.SPOC, organisation=here)) == [spoc_here]
    assert list(active_users_with_role(Role.SPOC, organisation=here.pk)) == [spoc_here]
    # Ordered by email, each user once even with two roles.
    assert list(active_users_with_role(Role.SPOC)) == [spoc_there, spoc_here]


class UnreachableBackend(ImmediateBackend):
    def enqueue(self, task: Any, args: Any, kwargs: Any) -> Any:
        raise ConnectionError("task table unreachable")


@override_settings(TASKS={"default": {"BACKEND": f"{__name__}.UnreachableBackend"}})
@pytest.mark.django_db
def test_a_queue_that_cannot_be_reached_after_the_commit_is_logged_not_raised(
    django_capture_on_commit_callbacks: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _notify(["spoc@test.example"])
    assert "task table unreachable" in caplog.text
    assert mail.outbox == []
