"""Who holds which role, and how a role is given (ADR 0007).

- Nobody changes their own roles (policy: CHANGE_USER_ROLES).
- A role that sees no case content (Administrator, Partnership Analyst) is
  given directly by an administrator.
- A role in CASE_ROLES is only ever requested: a pending RoleGrantRequest
  that a second person approves (policy: DECIDE_ROLE_GRANT_REQUEST): not the
  requester, not the person receiving it, someone who holds that role or is
  a Prevent Coordinator. Every active Prevent Coordinator is emailed a link
  when a request is made.
- Removing a role takes effect at once.

Every function checks the policy, then writes and records its audit event
in one transaction. `user_set_roles_by_operator` is for management commands
run at the shell only (like `user_bootstrap_administrator`): it has no actor
and grants directly."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from prevent.audit.services import record_event
from prevent.core import clock
from prevent.core.notify import absolute_url, active_users_with_role, notify
from prevent.policy import Action, require

from ..models import RoleGrantRequest, RoleGrantRequestStatus, User, UserRole
from ..roles import CASE_ROLES, Role

ROLE_ORDER = [r.value for r in Role]
PENDING = RoleGrantRequestStatus.PENDING

# From a status, the statuses a decision may move a request to.
TRANSITIONS: dict[str, set[str]] = {
    RoleGrantRequestStatus.PENDING: {
        RoleGrantRequestStatus.APPROVED,
        RoleGrantRequestStatus.REFUSED,
        RoleGrantRequestStatus.WITHDRAWN,
    },
}


def ordered_roles(roles: Iterable[str]) -> list[str]:
    return sorted(set(roles), key=ROLE_ORDER.index)


def needs_approval(role: str) -> bool:
    return role in CASE_ROLES


@dataclass
class RoleChange:
    """What a change of roles did: granted and removed at once, requested
    for approval, or already waiting for approval."""

    user: User
    granted: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)
    already_requested: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.granted or self.removed or self.requested)


def _tell_coordinators(*, request_ids: list[int], because: str = "") -> None:
    """Run once the requests commit: email every active Prevent Coordinator a
    link to each request still waiting (one made and decided in the same
    transaction is not sent). The email names the role only: the person is
    on the linked page."""
    requests = RoleGrantRequest.objects.filter(pk__in=request_ids, status=PENDING).order_by("pk")
    if not requests:
        return
    notify(
        recipients=active_users_with_role(Role.PREVENT_COORDINATOR),
        template="accounts/email/role_request",
        link_path=reverse("accounts:role-request-list"),
        context={
            "because": because,
            "requests": [
                {
                    "role": r.get_role_display(),
                    "link": absolute_url(reverse("accounts:role-request-detail", args=[r.pk])),
                }
                for r in requests
            ],
        },
    )


def _request(*, actor: User, user: User, role: str, because: str = "") -> RoleGrantRequest:
    request = RoleGrantRequest.objects.create(user=user, role=role, requested_by=actor)
    record_event(
        actor=actor,
        action="role_grant_requested",
        summary=f"Asked for user {user.email} to be given the role {Role(role).label}; "
        "it needs a second person's approval" + (f" ({because})" if because else ""),
        obj=request,
        changes={"user": {"before": None, "after": user.email}, "role": {"before": None, "after": role}},
    )
    return request


def apply_roles(*, actor: User, user: User, before: Iterable[str], after: Iterable[str]) -> RoleChange:
    """Inside the caller's transaction, with the policy already asked
    (CHANGE_USER_ROLES on `user`): remove and directly grant what may be,
    and make a pending request for each added case role."""
    before_list = ordered_roles(before)
    after_list = ordered_roles(after)
    change = RoleChange(user=user)
    change.removed = [r for r in before_list if r not in after_list]
    added = [r for r in after_list if r not in before_list]
    change.granted = [r for r in added if not needs_approval(r)]
    pending = set(RoleGrantRequest.objects.filter(user=user, status=PENDING).values_list("role", flat=True))
    to_request = [r for r in added if needs_approval(r)]
    change.already_requested = [r for r in to_request if r in pending]
    change.requested = [r for r in to_request if r not in pending]

    if change.removed or change.granted:
        UserRole.objects.filter(user=user, role__in=change.removed).delete()
        UserRole.objects.bulk_create(UserRole(user=user, role=r) for r in change.granted)
        now_held = ordered_roles([r for r in before_list if r not in change.removed] + change.granted)
        record_event(
            actor=actor,
            action="user_roles_changed",
            summary=f"Changed the roles of user {user.email}",
            obj=user,
            changes={"roles": {"before": before_list, "after": now_held}},
        )
    made = [_request(actor=actor, user=user, role=role).pk for role in change.requested]
    if made:
        transaction.on_commit(partial(_tell_coordinators, request_ids=made), robust=True)
    user.__dict__.pop("roles", None)
    return change


SUSPENDED_BECAUSE = {
    "email": "their email address changed",
    "second_factor": "their second factor was reset",
}


def suspend_case_roles(*, actor: User, user: User, because: str) -> list[str]:
    """Inside the caller's transaction, with `user` locked: an administrator
    changed the account's email address or reset its second factor, which
    with a password reset would let them sign in as its holder (ADR 0007).
    The roles that see case content stop at once, each becoming a request
    that a second person approves (DECIDE_ROLE_GRANT_REQUEST), so the
    account sees case content again only when someone else has agreed.
    Returns the roles stopped."""
    before = ordered_roles(user.role_assignments.values_list("role", flat=True))
    suspended = [r for r in before if needs_approval(r)]
    if not suspended:
        return []
    reason = SUSPENDED_BECAUSE[because]
    after = [r for r in before if r not in suspended]
    UserRole.objects.filter(user=user, role__in=suspended).delete()
    record_event(
        actor=actor,
        action="user_case_roles_suspended",
        summary=f"Stopped the roles that see case content of user {user.email} because {reason}, "
        "until a second person approves them again",
        obj=user,
        changes={"roles": {"before": before, "after": after}},
    )
    pending = set(RoleGrantRequest.objects.filter(user=user, status=PENDING).values_list("role", flat=True))
    made = [
        _request(actor=actor, user=user, role=role, because=f"asked again because {reason}").pk
        for role in suspended
        if role not in pending
    ]
    if made:
        transaction.on_commit(partial(_tell_coordinators, request_ids=made, because=reason), robust=True)
    user.__dict__.pop("roles", None)
    return suspended


def _locked_user(user: User) -> User:
    return User.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=user.pk)


def _locked_request(request: RoleGrantRequest) -> RoleGrantRequest:
    return (
        RoleGrantRequest.objects.select_for_update(of=("self",))
        .select_related("user", "requested_by")
        .get(pk=request.pk)
    )


def _move(request: RoleGrantRequest, *, to: str, actor: User | None, reason: str = "") -> None:
    if to not in TRANSITIONS.get(request.status, set()):
        raise ValidationError(f"This request has already been {request.get_status_display().lower()}")
    request.status = to
    request.decided_by = actor
    request.decided_at = clock.now()
    request.reason = reason
    request.save(update_fields=["status", "decided_by", "decided_at", "reason"])


def user_set_roles(*, actor: User, user: User, roles: Iterable[str]) -> RoleChange:
    """Give the user these roles (at least one ticked): removals and roles
    without case content at once, case roles as requests for approval."""
    require(actor, Action.CHANGE_USER_ROLES, user)
    roles = list(roles)
    if not roles:
        raise ValidationError({"roles": "Select at least one role"})
    if set(roles) - set(ROLE_ORDER):
        raise ValidationError({"roles": "Select roles from the list"})
    with transaction.atomic():
        user = _locked_user(user)
        before = user.role_assignments.values_list("role", flat=True)
        return apply_roles(actor=actor, user=user, before=before, after=roles)


def role_grant_request_approve(*, actor: User, request: RoleGrantRequest) -> RoleGrantRequest:
    """A second person approves: the user now holds the role."""
    with transaction.atomic():
        request = _locked_request(request)
        require(actor, Action.DECIDE_ROLE_GRANT_REQUEST, request)
        user = _locked_user(request.user)
        if not user.is_active and request.is_pending:
            raise ValidationError(
                f"{user.full_name} is deactivated. Refuse the request, or ask an administrator "
                "to reactivate them first"
            )
        _move(request, to=RoleGrantRequestStatus.APPROVED, actor=actor)
        before = ordered_roles(user.role_assignments.values_list("role", flat=True))
        UserRole.objects.get_or_create(user=user, role=request.role)
        after = ordered_roles([*before, request.role])
        user.__dict__.pop("roles", None)
        record_event(
            actor=actor,
            action="role_grant_approved",
            summary=f"Approved giving user {user.email} the role {request.get_role_display()}, "
            f"asked for by {request.requested_by.email if request.requested_by else 'a command'}",
            obj=user,
            changes={
                "roles": {"before": before, "after": after},
                "request": {"before": None, "after": request.pk},
            },
        )
        return request


def role_grant_request_refuse(*, actor: User, request: RoleGrantRequest, reason: str) -> RoleGrantRequest:
    with transaction.atomic():
        request = _locked_request(request)
        require(actor, Action.DECIDE_ROLE_GRANT_REQUEST, request)
        reason = reason.strip()
        if request.is_pending and not reason:
            raise ValidationError({"reason": "Enter why you are refusing the request"})
        _move(request, to=RoleGrantRequestStatus.REFUSED, actor=actor, reason=reason)
        record_event(
            actor=actor,
            action="role_grant_refused",
            summary=f"Refused giving user {request.user.email} the role {request.get_role_display()}",
            obj=request,
            changes={"status": {"before": PENDING, "after": request.status}},
        )
        return request


def role_grant_request_withdraw(*, actor: User, request: RoleGrantRequest) -> RoleGrantRequest:
    with transaction.atomic():
        request = _locked_request(request)
        require(actor, Action.WITHDRAW_ROLE_GRANT_REQUEST, request)
        _move(request, to=RoleGrantRequestStatus.WITHDRAWN, actor=actor)
        record_event(
            actor=actor,
            action="role_grant_withdrawn",
            summary=f"Withdrew the request to give user {request.user.email} the role "
            f"{request.get_role_display()}",
            obj=request,
            changes={"status": {"before": PENDING, "after": request.status}},
        )
        return request


# For commands run at the shell by an operator only -----------------------


def user_set_roles_by_operator(*, user: User, roles: Iterable[str], actor_label: str) -> User:
    """Give the user exactly these roles, case roles included, with no
    second person: for management commands an operator runs at the shell
    (`manage.py grant_role`, `manage.py load_demo`), never for a view. The
    audit event names the command. Pending requests for roles it grants are
    closed as approved by the command."""
    roles = list(roles)
    if set(roles) - set(ROLE_ORDER):
        raise ValidationError("Unknown role")
    after = ordered_roles(roles)
    with transaction.atomic():
        user = _locked_user(user)
        before = ordered_roles(user.role_assignments.values_list("role", flat=True))
        if before == after:
            return user
        UserRole.objects.filter(user=user).exclude(role__in=after).delete()
        UserRole.objects.bulk_create(UserRole(user=user, role=r) for r in after if r not in before)
        RoleGrantRequest.objects.filter(user=user, status=PENDING, role__in=after).update(
            status=RoleGrantRequestStatus.APPROVED,
            decided_at=clock.now(),
            reason=f"Granted directly by {actor_label}",
        )
        user.__dict__.pop("roles", None)
        record_event(
            actor=None,
            actor_label=actor_label,
            action="user_roles_changed",
            summary=f"{actor_label} set the roles of user {user.email} (no approval: operator command)",
            obj=user,
            changes={"roles": {"before": before, "after": after}},
        )
        return user
