"""The audit log: a stream of events in time order over the history, each
hashed with the audit app's own `AuditEvent.compute_hash` over the hash of
the one before, so `manage.py verify_audit` checks the whole chain. The
actions are the ones the service records most (sign-ins, reads of concerns,
people and cases, triage, gateway work, audit log views), by users of the
role that does each, about records that exist."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from prevent.accounts.roles import Role
from prevent.audit import actions as registry
from prevent.audit.models import CURRENT_HASH_VERSION, GENESIS_HASH, AuditChainHead, AuditEvent

from .plan import Context
from .writer import Table

# (action, weight, roles that do it, object type, which ids, summary)
MIX: list[tuple[str, int, tuple[str, ...], str, str, str]] = [
    ("password_accepted", 12, (), "accounts.user", "actor", "Password accepted"),
    ("signed_in", 12, (), "accounts.user", "actor", "Signed in with an authenticator app"),
    ("signed_out", 5, (), "accounts.user", "actor", "Signed out"),
    ("concern_draft_saved", 8, (Role.PRACTITIONER,), "concerns.concern", "concern", "Saved the person step"),
    ("concern_submitted", 6, (Role.PRACTITIONER,), "concerns.concern", "concern", "Concern submitted"),
    (
        "concern_viewed",
        18,
        (Role.SPOC, Role.PRACTITIONER),
        "concerns.concern",
        "concern",
        "Viewed the concern",
    ),
    ("concern_triaged", 5, (Role.SPOC,), "concerns.concern", "concern", "Triage decision recorded"),
    ("concern_list_viewed", 4, (Role.SPOC,), "concerns.concern", "", "Viewed the triage queue, page 1"),
    (
        "person_viewed",
        10,
        (Role.SPOC, Role.POLICE_PREVENT_OFFICER),
        "people.person",
        "person",
        "Viewed the person",
    ),
    (
        "person_chronology_viewed",
        3,
        (Role.PREVENT_COORDINATOR, Role.POLICE_PREVENT_OFFICER),
        "people.person",
        "person",
        "Viewed the chronology",
    ),
    (
        "gateway_referral_received",
        1,
        (Role.SPOC,),
        "concerns.referral",
        "referral",
        "Referral sent to police Prevent",
    ),
    (
        "gateway_assessed",
        1,
        (Role.POLICE_PREVENT_OFFICER,),
        "concerns.referral",
        "referral",
        "Gateway assessment recorded",
    ),
    (
        "channel_case_viewed",
        6,
        (Role.PREVENT_COORDINATOR, Role.CHANNEL_CHAIR, Role.POLICE_PREVENT_OFFICER),
        "channel.channelcase",
        "case",
        "Viewed the Channel case",
    ),
    (
        "channel_case_list_viewed",
        2,
        (Role.PREVENT_COORDINATOR,),
        "channel.channelcase",
        "",
        "Viewed the case list",
    ),
    (
        "audit_log_viewed",
        1,
        (Role.PREVENT_COORDINATOR,),
        "audit.auditevent",
        "",
        "Viewed the audit log, page 1 (no filters)",
    ),
]
COLUMNS = [
    "id",
    "occurred_at",
    "actor_id",
    "actor_label",
    "actor_organisation_id",
    "actor_organisation_label",
    "actor_roles",
    "action",
    "object_type",
    "object_id",
    "summary",
    "changes",
    "request_id",
    "ip_address",
    "previous_hash",
    "hash",
    "hash_version",
    "personal_salt",
]


def make_audit_events(ctx: Context) -> None:
    rng = ctx.rng("audit")
    total = ctx.plan.audit_events
    mix = [entry for entry in MIX if registry.is_registered(entry[0])]
    weights = [entry[1] for entry in mix]
    everyone = sorted(ctx.user_label)
    pools = {
        "concern": (1, len(ctx.concern_ids)),
        "person": (1, ctx.people),
        "referral": (1, len(ctx.referral_ids)),
        "case": (1, len(ctx.case_ids)),
    }
    table = Table(AuditEvent, COLUMNS, anchor=ctx.anchor, bar=ctx.progress.bar("audit events", total))
    step = (ctx.anchor - timedelta(minutes=1) - ctx.start) / total
    previous = GENESIS_HASH
    choices = rng.choices(range(len(mix)), weights=weights, k=total)
    event = AuditEvent(hash_version=CURRENT_HASH_VERSION)
    actors = [
        [u for role in entry[2] for u in ctx.users_by_role.get(role, [])] or everyone
        if entry[2]
        else everyone
        for entry in mix
    ]
    for index in range(total):
        action, _, _, object_type, ids, summary = mix[choices[index]]
        actor = rng.choice(actors[choices[index]])
        label, organisation, actor_roles = ctx.user_label[actor]
        if ids == "actor":
            object_id = str(actor)
        elif ids:
            low, high = pools[ids]
            object_id = str(rng.randrange(low, high + 1)) if high >= low else ""
        else:
            object_id = ""
        changes: dict[str, Any] = {}
        if action == "concern_triaged":
            changes = {
                "status": {"before": "submitted", "after": rng.choice(("referred", "decided_no_referral"))}
            }
        # One instance, refilled for each event: Model.__init__ would cost
        # more than the hash.
        event.id = index + 1
        event.occurred_at = ctx.start + step * index + timedelta(microseconds=rng.randrange(0, 1000))
        event.actor_id = actor
        event.actor_label = label
        event.actor_organisation_id = organisation
        event.actor_organisation_label = ctx.org_name.get(organisation, "") if organisation else ""
        event.actor_roles = actor_roles
        event.action = action
        event.object_type = object_type
        event.object_id = object_id
        event.summary = summary
        event.changes = changes
        event.request_id = f"{rng.getrandbits(128):032x}"
        event.ip_address = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        event.previous_hash = previous
        event.personal_salt = f"{rng.getrandbits(128):032x}"
        event.hash = previous = event.compute_hash()
        table.add(*(getattr(event, column) for column in COLUMNS))
    count = table.close()
    AuditChainHead.objects.update_or_create(
        pk=1, defaults={"last_event_id": count, "last_hash": previous, "event_count": count}
    )
    ctx.count("audit events", count)
