"""Restricted records and break-glass access (issue 14, ADR 0017): the
services that restrict a person, name who may see them, lift the
restriction and grant break-glass access, and the report of every
break-glass. Who may see a restricted person is decided in rules.py
(`hidden_people`); these write, check the policy and audit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse

from prevent.accounts.roles import CASE_ROLES, Role
from prevent.audit.services import record_event
from prevent.core import clock
from prevent.core.notify import active_users_with_role, notify
from prevent.policy import Action, require

from .models import BreakGlassAccess, Person, PersonRestriction
from .rules import restrictions_changed

if TYPE_CHECKING:
    from prevent.accounts.models import User

DEFAULT_BREAK_GLASS_HOURS = 4


def break_glass_hours() -> float:
    return float(getattr(settings, "PREVENT_BREAK_GLASS_HOURS", DEFAULT_BREAK_GLASS_HOURS))


def _reason(reason: str, message: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": message})
    return reason


def person_restrict(*, actor: User, person: Person, reason: str, users: Iterable[User]) -> PersonRestriction:
    """Restrict `person` (or change who may see them): only `users` (and the
    coordinator doing it) see the person and their records from now on."""
    require(actor, Action.RESTRICT_PERSON, person, hide=True)
    reason = _reason(reason, "Enter why this record is restricted")
    allowed = {u.pk: u for u in users if u.is_active}
    allowed[actor.pk] = actor
    with transaction.atomic():
        restriction = PersonRestriction.objects.filter(person=person).first()
        created = restriction is None
        if restriction is None:
            restriction = PersonRestriction.objects.create(person=person, reason=reason, restricted_by=actor)
        else:
            restriction.reason = reason
            restriction.save(update_fields=["reason"])
        restriction.allowed_users.set(list(allowed.values()))
        ids = ", ".join(str(pk) for pk in sorted(allowed))
        record_event(
            actor=actor,
            action="person_restricted" if created else "person_restriction_changed",
            summary=f"Restricted person {person.pk} to users {ids}",
            obj=person,
            changes={"allowed_users": sorted(allowed), "reason": reason},
        )
    restrictions_changed()
    return restriction


def person_unrestrict(*, actor: User, person: Person, reason: str) -> Person:
    """Lift the restriction: the person is visible again as any other."""
    require(actor, Action.RESTRICT_PERSON, person, hide=True)
    reason = _reason(reason, "Enter why the restriction is no longer needed")
    with transaction.atomic():
        deleted, _ = PersonRestriction.objects.filter(person=person).delete()
        if deleted:
            record_event(
                actor=actor,
                action="person_restriction_lifted",
                summary=f"Lifted the restriction of person {person.pk}",
                obj=person,
                changes={"reason": reason},
            )
    restrictions_changed()
    return person


def break_glass(*, actor: User, restriction: PersonRestriction, reason: str) -> BreakGlassAccess:
    """Emergency access to a restricted person whom the actor's role would
    see: refused without a reason; granted for PREVENT_BREAK_GLASS_HOURS;
    every coordinator is told at once (in the service and by email, with a
    link to the report and no personal details)."""
    require(actor, Action.BREAK_GLASS, restriction, hide=True)
    reason = _reason(reason, "Enter why you need to see this record now")
    now = clock.now()
    with transaction.atomic():
        access = BreakGlassAccess.objects.create(
            person_id=restriction.person_id,
            user=actor,
            reason=reason,
            granted_at=now,
            expires_at=now + timedelta(hours=break_glass_hours()),
        )
        record_event(
            actor=actor,
            action="break_glass_granted",
            summary=f"Break-glass access {access.pk} to restricted person {restriction.person_id}",
            obj=access,
            changes={"reason": reason, "expires_at": access.expires_at.isoformat()},
        )
        notify(
            recipients=active_users_with_role(Role.PREVENT_COORDINATOR).exclude(pk=actor.pk),
            template="people/email/break_glass",
            reference=f"BG-{access.pk}",
            link_path=reverse("people:break-glass-report") + f"#break-glass-{access.pk}",
        )
    restrictions_changed()
    return access


def restriction_of(person: Person) -> PersonRestriction | None:
    return PersonRestriction.objects.filter(person=person).prefetch_related("allowed_users").first()


def restrictable_users() -> QuerySet[User]:
    """Who may be named: active users with a case role."""
    from prevent.accounts.models import User

    return (
        User.objects.filter(is_active=True, role_assignments__role__in=sorted(CASE_ROLES))
        .distinct()
        .order_by("full_name", "email")
    )


def person_restriction_viewed(*, actor: User, person: Person) -> None:
    """The restriction pages name the person: an audited read."""
    require(actor, Action.RESTRICT_PERSON, person, hide=True)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="person_restriction_viewed",
            summary=f"Viewed the restriction of person {person.pk}",
            obj=person,
        )


def break_glass_report(*, user: User) -> QuerySet[BreakGlassAccess]:
    """Every break-glass access, newest first (coordinators)."""
    require(user, Action.VIEW_BREAK_GLASS_REPORT)
    return BreakGlassAccess.objects.select_related("user")


def break_glass_report_viewed(*, actor: User, shown: list[BreakGlassAccess]) -> None:
    require(actor, Action.VIEW_BREAK_GLASS_REPORT)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="break_glass_report_viewed",
            summary=f"Viewed the break-glass report ({len(shown)} shown)",
            object_type=BreakGlassAccess._meta.label_lower,
        )
