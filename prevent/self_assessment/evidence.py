"""Evidence the system already holds, shown next to a statement as a
suggestion the assessor may accept. Nothing here ever ticks a statement.

Each suggestion is a small function taking the organisation and returning
text, or None when the system has nothing to say. A statement names its
suggestion in `Statement.evidence_source`."""

from __future__ import annotations

from collections.abc import Callable

from prevent.accounts.models import User
from prevent.accounts.roles import Role
from prevent.audit.models import AuditEvent
from prevent.concerns.models import Concern, Referral
from prevent.core import clock
from prevent.core.models import Organisation

Suggestion = Callable[[Organisation], str | None]


def has_spoc(organisation: Organisation) -> str | None:
    names = sorted(
        User.objects.filter(organisation=organisation, is_active=True, role_assignments__role=Role.SPOC)
        .distinct()
        .values_list("full_name", flat=True)[:20]
    )
    if not names:
        return None
    who = ", ".join(name or "unnamed user" for name in names)
    noun = "SPOC" if len(names) == 1 else "SPOCs"
    return f"The organisation has {len(names)} active {noun} in this system: {who}."


def training(organisation: Organisation) -> str | None:
    """Figures from the training records (prevent.training): the plan, the
    share of staff current on WRAP and the Channel package, sessions
    cascaded this year, leads' further training."""
    from prevent.training.selectors import objective_two_figures

    return " ".join(objective_two_figures(organisation)) or None


def audit_trail(organisation: Organisation) -> str | None:
    start = clock.today().replace(month=1, day=1)
    count = AuditEvent.objects.filter(
        actor_organisation_id=organisation.pk, occurred_at__date__gte=start
    ).count()
    if not count:
        return None
    return (
        f"This system keeps a tamper-evident audit trail: {count} recorded "
        f"action{'s' if count != 1 else ''} by the organisation's users since 1 January {start.year}."
    )


def referrals(organisation: Organisation) -> str | None:
    """Concerns submitted and referrals made by the organisation this year."""
    start = clock.today().replace(month=1, day=1)
    concerns = Concern.objects.filter(organisation=organisation, submitted_at__date__gte=start).count()
    referrals = Referral.objects.filter(concern__organisation=organisation, sent_on__gte=start).count()
    if not concerns and not referrals:
        return None
    return (
        f"Since 1 January {start.year} the organisation has recorded {concerns} "
        f"concern{'s' if concerns != 1 else ''} in this system and made {referrals} "
        f"referral{'s' if referrals != 1 else ''}, each with an audit trail."
    )


SUGGESTIONS: dict[str, Suggestion] = {
    "has_spoc": has_spoc,
    "training": training,
    "audit_trail": audit_trail,
    "referrals": referrals,
}


def suggestions_for(organisation: Organisation, sources: set[str]) -> dict[str, str]:
    """{source: text} for the sources that have something to say (one
    query or so per source, whatever the number of statements)."""
    found: dict[str, str] = {}
    for source in sorted(sources):
        fn = SUGGESTIONS.get(source)
        text = fn(organisation) if fn else None
        if text:
            found[source] = text
    return found
