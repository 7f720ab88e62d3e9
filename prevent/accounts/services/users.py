"""Managing users: create (with an invitation), change details,
deactivate and reactivate, reset the second factor. Roles: services/roles.py
(nobody changes their own; case roles need a second person's approval).

Each service is keyword-only, asks the policy (Action.MANAGE_USERS) first,
runs in one transaction and records its audit event there with the values
before and after. Email is sent only after the transaction commits."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from prevent.audit.services import changes_between, record_event
from prevent.policy import Action, require

from ..models import User, UserRole, new_session_token
from ..roles import Role
from ..rules import holds_case_role
from ..two_factor import StaticDevice, TOTPDevice, WebAuthnCredential
from .roles import ROLE_ORDER, apply_roles, ordered_roles, suspend_case_roles, user_set_roles
from .roles import _request as request_role
from .roles import _tell_coordinators as tell_coordinators

__all__ = ["user_set_roles"]  # it lives in services/roles.py; kept here for callers of this module

if TYPE_CHECKING:
    from prevent.core.models import Organisation

_ordered_roles = ordered_roles


def _snapshot(user: User) -> dict[str, Any]:
    organisation = user.organisation
    return {
        "email": user.email,
        "full_name": user.full_name,
        "job_title": user.job_title,
        "organisation": organisation.name if organisation else None,
    }


def _locked(user: User) -> User:
    return User.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=user.pk)


def _clean_details(
    *, email: str, full_name: str, organisation: Organisation | None, user: User | None
) -> tuple[str, str]:
    email = email.strip().lower()
    full_name = full_name.strip()
    errors: dict[str, str] = {}
    if not full_name:
        errors["full_name"] = "Enter the user's full name"
    if not email:
        errors["email"] = "Enter an email address"
    else:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = "Enter an email address in the correct format, like name@example.com"
        else:
            clash = User.objects.filter(email__iexact=email)
            if user is not None:
                clash = clash.exclude(pk=user.pk)
            if clash.exists():
                errors["email"] = "A user with this email address already exists"
    if organisation is None:
        errors["organisation"] = "Select the user's organisation"
    elif not organisation.is_active and (user is None or user.organisation_id != organisation.pk):
        errors["organisation"] = "Select an organisation that is not archived"
    if errors:
        raise ValidationError(errors)
    return email, full_name


def case_roles_need_approval(user: User) -> bool:
    """Whether changing the user's email address or resetting their second
    factor stops their case roles until a second person approves them again
    (ADR 0007): it does for anyone who holds one."""
    return holds_case_role(user)


def _clean_roles(roles: Iterable[str]) -> list[str]:
    roles = list(roles)
    if not roles:
        raise ValidationError({"roles": "Select at least one role"})
    unknown = set(roles) - set(ROLE_ORDER)
    if unknown:
        raise ValidationError({"roles": "Select roles from the list"})
    return _ordered_roles(roles)


def invitation_link(*, user: User, base_url: str) -> str:
    """A set-your-password link (Django's password reset token: single use,
    valid for PASSWORD_RESET_TIMEOUT)."""
    path = reverse(
        "accounts:password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return f"{base_url.rstrip('/')}{path}"


def _send_invitation(*, user: User, link: str, invited_by: str) -> None:
    context = {
        "user": user,
        "link": link,
        "invited_by": invited_by,
        "service_name": settings.PREVENT_SERVICE_NAME,
        "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
    body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(subject, body, None, [user.email])


def user_create(
    *,
    actor: User,
    email: str,
    full_name: str,
    organisation: Organisation | None,
    roles: Iterable[str],
    job_title: str = "",
    base_url: str,
    send_invitation: bool = True,
) -> User:
    """Create a user with no usable password and email them an invitation:
    a link to choose their password, never a password. Roles that see case
    content become requests for a second person's approval (services/roles.py).

    `base_url` is the scheme and host the link starts with (the view passes
    the request's own). The email goes out once the transaction commits."""
    require(actor, Action.MANAGE_USERS)
    with transaction.atomic():
        email, full_name = _clean_details(
            email=email, full_name=full_name, organisation=organisation, user=None
        )
        role_list = _clean_roles(roles)
        user = _add_user(
            actor=actor,
            email=email,
            full_name=full_name,
            organisation=organisation,
            job_title=job_title,
            base_url=base_url,
            send_invitation=send_invitation,
        )
        require(actor, Action.CHANGE_USER_ROLES, user)
        apply_roles(actor=actor, user=user, before=[], after=role_list)
        return user


def _add_user(
    *,
    actor: User,
    email: str,
    full_name: str,
    organisation: Organisation | None,
    job_title: str,
    base_url: str,
    send_invitation: bool,
) -> User:
    """Inside the caller's transaction, with the policy asked and the
    details cleaned: save the user, record the event, and send the
    invitation once the transaction commits."""
    user = User(email=email, full_name=full_name, job_title=job_title.strip(), organisation=organisation)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    record_event(
        actor=actor,
        action="user_created",
        summary=f"Added user {user.email}" + (" and sent an invitation" if send_invitation else ""),
        obj=user,
        changes=changes_between({}, _snapshot(user)),
    )
    if send_invitation:
        link = invitation_link(user=user, base_url=base_url)
        transaction.on_commit(
            partial(_send_invitation, user=user, link=link, invited_by=actor.full_name or actor.email),
            robust=True,  # a mail failure is logged; the user exists and can be sent a new invitation
        )
    return user


# Roles a staff account may be given by asking (a second person decides).
STAFF_REQUESTABLE_ROLES = (Role.PRACTITIONER,)


class StaffAccountRefused(ValidationError):
    """One person of a staff_accounts_create call could not be added:
    `index` is their position in `people` (from 0)."""

    def __init__(self, index: int, error: ValidationError) -> None:
        super().__init__(error.messages)
        self.index = index


def staff_accounts_create(
    *,
    actor: User,
    organisation: Organisation,
    people: Sequence[tuple[str, str]],
    request_roles: Iterable[str] = (),
    base_url: str,
    progress: Callable[[int], None] | None = None,
    send_invitation: bool = True,
) -> list[User]:
    """Accounts for members of staff of one organisation, (email, full name)
    each, made by someone the policy lets add staff to it
    (CREATE_STAFF_ACCOUNT: an administrator, or the organisation's own SPOC;
    ADR 0026), in one transaction: a refusal of any person rolls every one
    back (StaffAccountRefused names which).

    The accounts hold no role, so they see no case content: only what every
    signed-in user sees, their own training among it. Each role in
    `request_roles` (only STAFF_REQUESTABLE_ROLES) is asked for, never
    granted: a pending request a second person decides (ADR 0007); the
    coordinators are told once for them all. Each person is sent the
    invitation an administrator's new user gets, once the transaction
    commits (the demo loader passes send_invitation=False). `progress` is
    called with the count made so far."""
    require(actor, Action.CREATE_STAFF_ACCOUNT, organisation)
    role_list = ordered_roles(request_roles)
    if any(role not in STAFF_REQUESTABLE_ROLES for role in role_list):
        raise ValidationError({"roles": "Only the practitioner role can be asked for"})
    created: list[User] = []
    requested: list[int] = []
    with transaction.atomic():
        for index, (email, full_name) in enumerate(people):
            try:
                email, full_name = _clean_details(
                    email=email, full_name=full_name, organisation=organisation, user=None
                )
                user = _add_user(
                    actor=actor,
                    email=email,
                    full_name=full_name,
                    organisation=organisation,
                    job_title="",
                    base_url=base_url,
                    send_invitation=send_invitation,
                )
            except ValidationError as error:
                raise StaffAccountRefused(index, error) from error
            requested += [request_role(actor=actor, user=user, role=role).pk for role in role_list]
            created.append(user)
            if progress is not None:
                progress(len(created))
        if requested:
            transaction.on_commit(partial(tell_coordinators, request_ids=requested), robust=True)
    return created


def user_update(
    *,
    actor: User,
    user: User,
    full_name: str,
    email: str,
    organisation: Organisation | None,
    job_title: str = "",
) -> User:
    """Change a user's details. A new email address on an account that holds
    a role seeing case content stops those roles until a second person
    approves them again (suspend_case_roles, ADR 0007)."""
    require(actor, Action.MANAGE_USERS, user)
    with transaction.atomic():
        user = _locked(user)
        email, full_name = _clean_details(
            email=email, full_name=full_name, organisation=organisation, user=user
        )
        email_changed = email != user.email
        before = _snapshot(user)
        user.email = email
        user.full_name = full_name
        user.job_title = job_title.strip()
        user.organisation = organisation
        changes = changes_between(before, _snapshot(user))
        if not changes:
            return user
        user.full_clean()
        user.save(update_fields=["email", "full_name", "job_title", "organisation"])
        record_event(
            actor=actor,
            action="user_updated",
            summary=f"Changed the details of user {user.email}",
            obj=user,
            changes=changes,
        )
        if email_changed:
            suspend_case_roles(actor=actor, user=user, because="email")
        return user


def user_deactivate(*, actor: User, user: User) -> User:
    """Stop the user signing in and end every session they have now."""
    require(actor, Action.MANAGE_USERS, user)
    with transaction.atomic():
        user = _locked(user)
        if actor.pk == user.pk:
            raise ValidationError(
                "You cannot deactivate your own account. Ask another administrator to do it"
            )
        if not user.is_active:
            raise ValidationError(f"{user.full_name} is already deactivated")
        user.is_active = False
        user.session_token = new_session_token()
        user.save(update_fields=["is_active", "session_token"])
        record_event(
            actor=actor,
            action="user_deactivated",
            summary=f"Deactivated user {user.email} and ended their sessions",
            obj=user,
            changes={"is_active": {"before": True, "after": False}},
        )
        return user


def user_reactivate(*, actor: User, user: User) -> User:
    require(actor, Action.MANAGE_USERS, user)
    with transaction.atomic():
        user = _locked(user)
        if user.is_active:
            raise ValidationError(f"{user.full_name} is already active")
        user.is_active = True
        user.save(update_fields=["is_active"])
        record_event(
            actor=actor,
            action="user_reactivated",
            summary=f"Reactivated user {user.email}",
            obj=user,
            changes={"is_active": {"before": False, "after": True}},
        )
        return user


def user_reset_second_factor(*, actor: User, user: User) -> User:
    """Remove the user's authenticator app and recovery codes so they must set
    up a new app at their next sign-in. Their current sessions end too, in
    case the old device is in someone else's hands. Roles that see case
    content stop until a second person approves them again (ADR 0007)."""
    require(actor, Action.MANAGE_USERS, user)
    with transaction.atomic():
        user = _locked(user)
        if actor.pk == user.pk:
            raise ValidationError(
                "You cannot reset your own second factor here. "
                "Use Your account to move to a new authenticator app"
            )
        totp_count, _ = TOTPDevice.objects.filter(user=user).delete()
        static_count, _ = StaticDevice.objects.filter(user=user).delete()
        passkey_count, _ = WebAuthnCredential.objects.filter(user=user).delete()
        user.session_token = new_session_token()
        user.save(update_fields=["session_token"])
        record_event(
            actor=actor,
            action="user_second_factor_reset",
            summary=f"Reset the second factor of user {user.email}; they must set up an authenticator app",
            obj=user,
            changes={
                "authenticator_apps": {"before": totp_count, "after": 0},
                "recovery_code_sets": {"before": static_count, "after": 0},
                "passkeys": {"before": passkey_count, "after": 0},
            },
        )
        suspend_case_roles(actor=actor, user=user, because="second_factor")
        return user


def user_resend_invitation(*, actor: User, user: User, base_url: str) -> User:
    """Send a new invitation to someone who has not chosen a password yet
    (the first link expired or was lost)."""
    require(actor, Action.MANAGE_USERS, user)
    with transaction.atomic():
        user = _locked(user)
        if not user.is_active:
            raise ValidationError("Reactivate the user before sending them an invitation")
        if user.has_usable_password():
            raise ValidationError(
                f"{user.full_name} has already chosen a password. "
                "They can use 'I have forgotten my password' on the sign-in page"
            )
        record_event(
            actor=actor,
            action="user_invitation_sent",
            summary=f"Sent a new invitation to user {user.email}",
            obj=user,
        )
        link = invitation_link(user=user, base_url=base_url)
        transaction.on_commit(
            partial(_send_invitation, user=user, link=link, invited_by=actor.full_name or actor.email),
            robust=True,
        )
        return user


# For commands (manage.py load_demo) only ------------------------------------


def user_bootstrap_administrator(*, email: str, full_name: str, actor_label: str) -> User:
    """The first Administrator, made by a command when nobody can act yet.

    The policy needs a signed-in actor, and a fresh database has none: like
    `createsuperuser`, this writes directly (with an audit event naming the
    command as actor) so that every later change can go through the services
    above with this user as actor. Returns the existing user unchanged when
    they are already an active Administrator."""
    email = email.strip().lower()
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email=email).first()
        if user is not None and user.is_active and Role.ADMINISTRATOR in user.roles:
            return user
        created = user is None
        if user is None:
            user = User(email=email, full_name=full_name)
            user.set_unusable_password()
            user.save()
        before: dict[str, Any] = (
            {} if created else {"is_active": user.is_active, "roles": _ordered_roles(user.roles)}
        )
        user.is_active = True
        user.save(update_fields=["is_active"])
        UserRole.objects.get_or_create(user=user, role=Role.ADMINISTRATOR)
        user.__dict__.pop("roles", None)
        after: dict[str, Any] = {"is_active": True, "roles": _ordered_roles(user.roles)}
        if created:
            after = {**_snapshot(user), **after}
        record_event(
            actor=None,
            actor_label=actor_label,
            action="user_created" if created else "user_roles_changed",
            summary=f"{actor_label} made {email} an administrator",
            obj=user,
            changes=changes_between(before, after),
        )
        return user


def demo_user_prepare(*, actor: User, user: User, password: str) -> User:
    """Mark a seeded account as a demo user with the shared demo password.

    For manage.py load_demo only. Does nothing when the account is already
    prepared, so re-running the command leaves passwords (and so sessions)
    alone. The password is never written to the audit log."""
    require(actor, Action.MANAGE_USERS, user)
    with transaction.atomic():
        user = _locked(user)
        if user.is_demo_user and user.check_password(password):
            return user
        was_demo = user.is_demo_user
        user.is_demo_user = True
        user.set_password(password)
        user.save(update_fields=["is_demo_user", "password"])
        record_event(
            actor=actor,
            action="demo_user_prepared",
            summary=f"Set the shared demo password for demo user {user.email}",
            obj=user,
            changes={
                "is_demo_user": {"before": was_demo, "after": True},
                "password": {"before": "(not recorded)", "after": "(shared demo password)"},
            },
        )
        return user
