"""Schema-driven fuzzing: schemathesis generates requests to every
operation of the OpenAPI document, with each role's token, against the
World of tests/builders.py (records in every state), through the WSGI app
(no network). For every response:

- no server error (5xx);
- the status, content type and body conform to the schema;
- no record outside the caller's scope: each returned id is looked up and
  must pass the caller's *rule* for the operation (`can`), which
  tests/test_policy_scopes.py proves equal to the scope the view lists with.

A deliberately broken scope (monkeypatched to allow everything) is caught
by the same check. Bounded: MAX_EXAMPLES per operation and role, no
shrinking, no example database."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.db.models import Model, Q
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from prevent.api.models import TokenScope
from prevent.api.services import api_token_issue
from prevent.channel.models import ChannelCase, GatewayReferral
from prevent.concerns.models import Concern
from prevent.core import clock
from prevent.policy import Action, can
from prevent.policy import engine as policy_engine
from prevent.reporting.suppression import threshold
from prevent.self_assessment.models import Assessment
from prevent.training.models import Completion
from tests.builders import ROLE_KEYS, World, kept_for_the_module

MAX_EXAMPLES = 8
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# Each operation's records: the rule a returned record must pass.
RECORDS: dict[str, tuple[Action, type[Model]]] = {
    "/api/v1/concerns/": (Action.VIEW_CONCERN, Concern),
    "/api/v1/gateway-referrals/": (Action.VIEW_GATEWAY_REFERRAL, GatewayReferral),
    "/api/v1/channel-cases/": (Action.VIEW_CHANNEL_CASE, ChannelCase),
    "/api/v1/self-assessments/": (Action.VIEW_SELF_ASSESSMENT, Assessment),
    "/api/v1/training-completions/": (Action.VIEW_TRAINING_COMPLETION, Completion),
}


class Fuzz:
    def __init__(self, world: World, tokens: dict[str, str]) -> None:
        self.world = world
        self.users = world.users()
        self.tokens = tokens
        document = SchemaGenerator().get_schema(request=None, public=True)
        self.document = json.loads(json.dumps(document, default=str))
        self.schema = schemathesis.openapi.from_dict(self.document)
        self.app = get_wsgi_application()

    def operations(self) -> Iterator[Any]:
        for result in self.schema.get_all_operations():
            assert isinstance(result, Ok), result
            yield result.ok()


@pytest.fixture(scope="module")
def fuzz(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Fuzz]:
    with kept_for_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            world = World()
            admin = world.people["admin"]
            tokens = {
                key: api_token_issue(
                    actor=admin,
                    user=user,
                    name=f"Fuzz {key}",
                    scopes=TokenScope.values,
                    expires_on=clock.today() + dt.timedelta(days=1),
                ).secret
                for key, user in world.users().items()
                if user.is_active and user.organisation_id is not None and key != "admin"
            }
            # The administrator acts for no organisation's records, but may hold a token too.
            if admin.organisation_id is not None:
                tokens["admin"] = api_token_issue(
                    actor=admin,
                    user=admin,
                    name="Fuzz admin",
                    scopes=TokenScope.values,
                    expires_on=clock.today() + dt.timedelta(days=1),
                ).secret
            fuzz = Fuzz(world, tokens)
        # Calls go to the WSGI application itself, whose request signals
        # close the database connection after each request: on PostgreSQL
        # that closes the module's connection under it. Django's test client
        # disconnects them the same way.
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
        try:
            yield fuzz
        finally:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)


def out_of_scope(user: Any, path_template: str, body: Any) -> list[str]:
    """The ids in a response that the caller's rule refuses."""
    base = path_template.split("{")[0]
    if base not in RECORDS or not isinstance(body, dict):
        return []
    action, model = RECORDS[base]
    items = body.get("results") if "results" in body else [body]
    ids = [item["id"] for item in items or [] if isinstance(item, dict) and "id" in item]
    found = {obj.pk: obj for obj in model._default_manager.filter(pk__in=ids)}
    return [f"{model._meta.label} {pk}" for pk in ids if pk not in found or not can(user, action, found[pk])]


def small_counts(path_template: str, body: Any) -> list[Any]:
    """The statistics' figures from 1 to threshold - 1 (never shown)."""
    if path_template != "/api/v1/statistics/" or not isinstance(body, dict) or "tables" not in body:
        return []
    limit = threshold()
    cells = [f for t in body["tables"] for r in t["rows"] for f in r["figures"]]
    return [f for f in cells if f["value"] is not None and 0 < f["value"] < limit]


def run_operation(fuzz: Fuzz, key: str, operation: Any, examples: int = MAX_EXAMPLES) -> Counter[int]:
    """Fuzz one operation as one user; the statuses it answered."""
    user = fuzz.users[key]
    statuses: Counter[int] = Counter()
    headers = {"Authorization": f"Bearer {fuzz.tokens[key]}"}

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def check(case: Any) -> None:
        with transaction.atomic():
            response = case.call(app=fuzz.app, headers=headers)
            transaction.set_rollback(True)
        statuses[response.status_code] += 1
        case.validate_response(response, checks=CHECKS, headers=headers)
        try:
            body = response.json()
        except ValueError:
            body = None
        leaked = out_of_scope(user, operation.path, body)
        assert not leaked, (
            f"{case.method} {case.formatted_path} as {key} returned records outside its scope: {leaked}"
        )
        small = small_counts(operation.path, body)
        assert not small, f"{case.formatted_path} as {key} showed counts below the threshold: {small}"

    check()
    return statuses


ROLES = [key for key in ROLE_KEYS.values()] + ["other_practitioner", "other_spoc"]


@pytest.mark.django_db
@pytest.mark.parametrize("key", ROLES)
def test_every_operation_for_every_role(fuzz: Fuzz, key: str) -> None:
    if key not in fuzz.tokens:
        pytest.skip(f"{key} has no organisation: no token can be issued to them")
    operations = list(fuzz.operations())
    assert len(operations) >= 12  # every list and record, recording a concern, the statistics
    answered: Counter[int] = Counter()
    for operation in operations:
        answered += run_operation(fuzz, key, operation)
    print(key, dict(answered))
    assert answered[200] > 0  # the fuzz reached records, not only refusals


@pytest.mark.django_db
def test_a_broken_scope_is_caught(fuzz: Fuzz, monkeypatch: Any) -> None:
    """A scope that lets a practitioner see every concern (a bug the view
    would not notice, as it lists with the scope) fails the fuzz."""
    real = policy_engine.registered_scopes()[Action.VIEW_CONCERN]
    broken = policy_engine.Scope(action=real.action, model_label=real.model_label, build=lambda user: Q())
    monkeypatch.setitem(policy_engine._SCOPES, Action.VIEW_CONCERN, broken)
    concerns = next(op for op in fuzz.operations() if op.path == "/api/v1/concerns/" and op.method == "get")
    with pytest.raises(AssertionError, match="outside its scope"):
        run_operation(fuzz, "practitioner", concerns, examples=3)


def test_the_schema_is_openapi_3() -> None:
    """The document validates against the OpenAPI 3.0 JSON schema (the one
    drf-spectacular ships), and schemathesis loads every operation."""
    from drf_spectacular.validation import validate_schema

    document = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(document)
    assert document["openapi"].startswith("3.")
    loaded = schemathesis.openapi.from_dict(json.loads(json.dumps(document, default=str)))
    assert all(isinstance(result, Ok) for result in loaded.get_all_operations())


@pytest.mark.django_db
@pytest.mark.parametrize("key", ROLES)
def test_each_record_is_answered_exactly_when_the_users_rule_allows(fuzz: Fuzz, key: str) -> None:
    """Every record of the World, by id, with the role's token (every
    scope): 200 when the user's rule allows it, else 404; the list holds
    exactly the records the rule allows."""
    from django.test import Client

    if key not in fuzz.tokens:
        pytest.skip(f"{key} has no organisation: no token can be issued to them")
    user = fuzz.users[key]
    client = Client(headers={"Authorization": f"Bearer {fuzz.tokens[key]}"})
    wrong = []
    for path, (action, model) in RECORDS.items():
        allowed = set()
        for obj in model._default_manager.all():
            with transaction.atomic():
                status = client.get(f"{path}{obj.pk}/").status_code
                transaction.set_rollback(True)
            expected = 200 if can(user, action, obj) else 404
            if expected == 200:
                allowed.add(obj.pk)
            if status != expected:
                wrong.append(f"{path}{obj.pk}/: {status}, expected {expected}")
        listed = client.get(path, {"page_size": 200})
        if listed.status_code == 200:
            ids = {item["id"] for item in listed.json()["results"]}
            if ids != allowed:
                wrong.append(f"{path} listed {sorted(ids)}, the rule allows {sorted(allowed)}")
        elif allowed and listed.status_code != 403:
            wrong.append(f"{path}: {listed.status_code}")
    assert not wrong, "\n".join(wrong)
