"""record_event: the chained fields, who did it, the request it came from,
and that it only ever writes inside the service's transaction."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from prevent.accounts.roles import Role
from prevent.audit import context
from prevent.audit.models import GENESIS_HASH, AuditChainHead, AuditEvent
from prevent.audit.services import AuditOutsideTransactionError, changes_between, record_event
from prevent.audit.verify import verify_chain
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def head() -> AuditChainHead:
    return AuditChainHead.objects.get(pk=1)


def test_events_are_chained_in_order(record: Any) -> None:
    start = head()
    first = record(summary="first")
    second = record(summary="second")

    assert first.id == start.last_event_id + 1
    assert second.id == first.id + 1
    assert first.previous_hash == start.last_hash
    assert second.previous_hash == first.hash
    assert len(first.hash) == 64 and first.hash != second.hash
    stored = AuditEvent.objects.get(pk=second.pk)
    assert stored.hash == stored.compute_hash() == second.hash
    after = head()
    assert (after.last_event_id, after.last_hash) == (second.id, second.hash)
    assert after.event_count == start.event_count + 2


def test_the_first_event_follows_the_genesis_hash(record: Any) -> None:
    assert head().last_event_id == 0  # each test starts from an empty log
    assert record().previous_hash == GENESIS_HASH


def test_records_the_actor_their_organisation_and_roles(record: Any, make_user: Any) -> None:
    organisation: Any = OrganisationFactory(name="Cherwell District Council")
    actor = make_user(
        Role.SPOC,
        Role.PRACTITIONER,
        full_name="Sam Spoc",
        email="sam@cherwell.example",
        organisation=organisation,
    )
    event = AuditEvent.objects.get(pk=record(actor=actor, action="thing_done", obj=organisation).pk)

    assert event.actor_id == actor.pk
    assert event.actor_label == "Sam Spoc <sam@cherwell.example>"
    assert event.actor_organisation_id == organisation.pk
    assert event.actor_organisation_label == "Cherwell District Council"
    assert event.actor_roles == ["practitioner", "spoc"]
    assert (event.object_type, event.object_id) == ("core.organisation", str(organisation.pk))
    assert event.action == "thing_done"


def test_an_event_without_a_user_keeps_the_label_it_was_given(record: Any) -> None:
    event = record(actor_label="someone@unknown.example", action="sign_in_failed")
    assert event.actor_id is None
    assert event.actor_label == "someone@unknown.example"
    assert event.actor_roles == []
    assert event.actor_organisation_id is None


def test_records_the_request_id_and_ip_address_from_the_context(record: Any) -> None:
    token = context.set_current(
        context.RequestContext(request_id="req-0123456789", ip_address="198.51.100.23")
    )
    try:
        event = record()
    finally:
        context.reset(token)
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.request_id == "req-0123456789"
    assert stored.ip_address == "198.51.100.23"
    assert record().request_id == ""  # outside a request: no context


def test_a_real_request_records_its_request_id_and_ip(coordinator: Any, client_for: Any) -> None:
    """The audit viewer's own service, called in a request through the middleware."""
    response = client_for(coordinator).get(reverse("audit:event-list"), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="audit_log_viewed")
    assert re.fullmatch(r"[0-9a-f]{32}", event.request_id)
    assert response["X-Request-ID"] == event.request_id
    assert event.ip_address == "203.0.113.9"
    assert event.actor_id == coordinator.pk
    assert event.actor_roles == ["prevent_coordinator"]
    assert event.actor_organisation_label == "Oxfordshire County Council"


def test_a_client_cannot_choose_the_request_id_recorded_against_it(coordinator: Any, client_for: Any) -> None:
    """Issue 8, point 9: a client's X-Request-ID used to be stored as the
    audit event's request id. The server makes its own; the client's, when
    well formed, is only echoed back for tracing."""
    client = client_for(coordinator)
    response = client.get(reverse("audit:event-list"), HTTP_X_REQUEST_ID="request-abc-123456")
    event = AuditEvent.objects.get(action="audit_log_viewed")
    assert event.request_id != "request-abc-123456"
    assert re.fullmatch(r"[0-9a-f]{32}", event.request_id)
    assert response["X-Request-ID"] == event.request_id
    assert response["X-Client-Request-ID"] == "request-abc-123456"
    assert "request-abc-123456" not in json.dumps(
        list(AuditEvent.objects.values()), default=str
    )  # stored nowhere on the event


@pytest.mark.parametrize("given", ["x" * 65, "has space", "semi;colon", "caf\u00e9", "<script>", "a\u200bb"])
def test_a_malformed_client_request_id_is_dropped(given: str, coordinator: Any, client_for: Any) -> None:
    response = client_for(coordinator).get(reverse("audit:event-list"), HTTP_X_REQUEST_ID=given)
    assert response.status_code == 200
    assert not response.has_header("X-Client-Request-ID")
    event = AuditEvent.objects.get(action="audit_log_viewed")
    assert re.fullmatch(r"[0-9a-f]{32}", event.request_id)


def test_two_requests_with_the_same_client_id_get_different_ids(coordinator: Any, client_for: Any) -> None:
    client = client_for(coordinator)
    ids = {
        client.get(reverse("audit:event-list"), HTTP_X_REQUEST_ID="same-id-0001")["X-Request-ID"]
        for _ in range(2)
    }
    assert len(ids) == 2


def test_refuses_outside_a_transaction(make_user: Any) -> None:
    """The test's own wrapping transaction does not count: only the service's."""
    before = head()
    with pytest.raises(AuditOutsideTransactionError):
        record_event(actor=make_user(Role.SPOC), action="thing_done", summary="No transaction")
    assert not AuditEvent.objects.exists()
    assert head().last_event_id == before.last_event_id


def test_a_rolled_back_transaction_leaves_no_event_and_no_head_change(record: Any) -> None:
    kept = record(summary="kept")
    before = head()

    with pytest.raises(RuntimeError), transaction.atomic():
        record_event(actor=None, action="thing_done", summary="rolled back")
        raise RuntimeError("the service failed after recording")

    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [kept.pk]
    after = head()
    assert (after.last_event_id, after.last_hash, after.event_count) == (
        before.last_event_id,
        before.last_hash,
        before.event_count,
    )
    assert record().previous_hash == kept.hash  # the chain carries on from the kept event


def test_refuses_an_unsaved_object() -> None:
    with pytest.raises(ValueError, match="saved object"), transaction.atomic():
        record_event(actor=None, action="thing_done", summary="x", obj=OrganisationFactory.build())


def test_refuses_an_overlong_action() -> None:
    with pytest.raises(ValueError, match="action"), transaction.atomic():
        record_event(actor=None, action="x" * 65, summary="x")


def test_changes_between_lists_only_what_changed() -> None:
    assert changes_between(
        {"name": "A", "sector": "school"}, {"name": "B", "sector": "school", "new": 1}
    ) == {
        "name": {"before": "A", "after": "B"},
        "new": {"before": None, "after": 1},
    }


def test_overlong_text_is_cut_to_fit_and_the_chain_still_verifies(record: Any) -> None:
    event = record(summary="s" * 900, actor_label="l" * 400, object_type="t" * 80, object_id="9" * 80)
    stored = AuditEvent.objects.get(pk=event.pk)
    assert len(stored.summary) == 500 and len(stored.actor_label) == 300
    assert len(stored.object_type) == 64 and len(stored.object_id) == 64
    assert verify_chain().ok
