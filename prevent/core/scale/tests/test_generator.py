"""The scale-data generator (issue 16): reproducible from its seed, every
stage of every process present at a thousandth of the national target,
an audit chain that verifies, and a command that refuses real databases."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from prevent.audit.models import AuditChainHead, AuditEvent
from prevent.audit.verify import verify_chain
from prevent.channel.models import (
    AgendaKind,
    CaseStatus,
    ChannelCase,
    ConsentOutcome,
    DecisionOutcome,
    GatewayOutcome,
    GatewayReferral,
    GatewaySource,
    GatewayStatus,
)
from prevent.concerns.models import Concern, ConcernStatus, ReferralStatus
from prevent.core.scale import NotEmptyError, generate

AS_OF = date(2026, 6, 1)
pytestmark = pytest.mark.django_db


def _snapshot(seed: int) -> dict[str, Any]:
    """Generate at 0.001 inside a savepoint, note what was made, roll back."""
    with transaction.atomic():
        ctx = generate(scale=0.001, seed=seed, as_of=AS_OF)
        snapshot = {
            "counts": dict(ctx.counts),
            "concerns": list(
                Concern.objects.order_by("pk").values_list(
                    "pk",
                    "reference",
                    "status",
                    "organisation_id",
                    "raised_by_id",
                    "person_id",
                    "submitted_at",
                )[:5]
            ),
            "people": list(
                Concern.objects.filter(person__isnull=False)
                .order_by("person_id")
                .values_list("person__full_name", "person__date_of_birth", "person__postcode")[:5]
            ),
            "cases": list(
                ChannelCase.objects.order_by("pk").values_list("reference", "status", "person_id")[:5]
            ),
            "audit": list(AuditEvent.objects.order_by("pk").values_list("action", "actor_id", "hash")[:5]),
            "head": AuditChainHead.objects.values_list("last_hash", flat=True).get(pk=1),
        }
        transaction.set_rollback(True)
    return snapshot


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data() -> None:
    first, again, other = _snapshot(5), _snapshot(5), _snapshot(6)

    assert first == again
    assert first["counts"]["concerns"] == 500
    assert first["concerns"] != other["concerns"]
    assert first["head"] != other["head"]


def test_every_stage_is_present_and_the_audit_chain_verifies() -> None:
    ctx = generate(scale=0.001, seed=1, as_of=AS_OF)

    assert set(Concern.objects.values_list("status", flat=True)) == set(ConcernStatus.values)
    assert set(ChannelCase.objects.values_list("status", flat=True)) == set(CaseStatus.values)
    gateway = GatewayReferral.objects
    assert set(gateway.values_list("status", flat=True)) == set(GatewayStatus.values)
    assert set(gateway.values_list("source", flat=True)) == set(GatewaySource.values)
    outcomes = set(gateway.values_list("assessments__outcome", flat=True)) - {None}
    assert outcomes == set(GatewayOutcome.values)
    case = ChannelCase.objects
    assert set(case.values_list("agenda_items__kind", flat=True)) - {None} >= {
        AgendaKind.NEW_CASE,
        AgendaKind.REVIEW,
        AgendaKind.PROPOSED_EXIT,
    }
    assert set(case.values_list("decisions__outcome", flat=True)) - {None} == set(DecisionOutcome.values)
    assert set(case.values_list("consents__outcome", flat=True)) >= {
        ConsentOutcome.GIVEN,
        ConsentOutcome.REFUSED,
    }
    assert case.filter(interventions__progress_notes__isnull=False).exists()
    assert case.filter(closing_report__isnull=False, post_exit_reviews__completed_at__isnull=False).exists()
    assert case.filter(assessments__answers__isnull=False).exists()
    assert Concern.objects.filter(referrals__status=ReferralStatus.OUTCOME_RECEIVED).exists()
    assert ctx.counts["self-assessments"] > 0 and ctx.counts["training completions"] > 0

    report = verify_chain()
    assert report.ok, report.message
    assert report.checked == ctx.plan.audit_events == AuditEvent.objects.count()


def test_it_refuses_a_database_that_already_has_records() -> None:
    generate(scale=0.001, seed=1, as_of=AS_OF)

    with pytest.raises(NotEmptyError):
        generate(scale=0.001, seed=1, as_of=AS_OF)


def test_the_command_refuses_a_database_not_named_for_the_bench() -> None:
    with pytest.raises(CommandError, match="Refusing to fill"):
        call_command("generate_scale_data", scale=0.001, no_migrate=True, verbosity=0)
    assert not Concern.objects.exists()


def test_the_command_fills_a_throwaway_database_when_told_it_is_one() -> None:
    call_command(
        "generate_scale_data", scale=0.001, seed=2, no_migrate=True, throwaway=True, as_of=AS_OF, verbosity=0
    )

    assert Concern.objects.count() == 500
    assert verify_chain().ok
