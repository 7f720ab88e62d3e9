"""Users sign in by email, belong to one organisation and hold roles."""

from __future__ import annotations

import secrets
from functools import cached_property

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils.crypto import salted_hmac

from prevent.core import clock

from .roles import Role


def new_session_token() -> str:
    return secrets.token_hex(16)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        if not email:
            raise ValueError("Users must have an email address")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("full_name", "Superuser")
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
    )
    is_active = models.BooleanField(default=True)
    # Django admin access only (superusers); not a role in the service.
    is_staff = models.BooleanField(default=False)
    # Seeded demo accounts may skip the second factor, in demo mode only.
    is_demo_user = models.BooleanField(default=False)
    # Part of the session hash: rotating it signs the user out everywhere.
    session_token = models.CharField(max_length=32, default=new_session_token)
    date_joined = models.DateTimeField(default=clock.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def get_session_auth_hash(self) -> str:
        """Django checks this on every request: a changed password or a new
        session_token ends every existing session of the user."""
        key_salt = "prevent.accounts.models.User.get_session_auth_hash"
        return salted_hmac(key_salt, f"{self.password}:{self.session_token}", algorithm="sha256").hexdigest()

    @cached_property
    def roles(self) -> frozenset[str]:
        """The user's roles. Uses the prefetch cache when one exists."""
        return frozenset(r.role for r in self.role_assignments.all())

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def role_labels(self) -> list[str]:
        return [Role(r).label for r in sorted(self.roles, key=lambda r: list(Role).index(Role(r)))]


class UserRole(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=32, choices=Role.choices)
    granted_at = models.DateTimeField(default=clock.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_user_role")]

    def __str__(self) -> str:
        return f"{self.user} - {self.get_role_display()}"


class RoleGrantRequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"
    WITHDRAWN = "withdrawn", "Withdrawn"


class RoleGrantRequest(models.Model):
    """An administrator's request to give a user a role that sees case
    content. A second person decides it (see the policy's
    DECIDE_ROLE_GRANT_REQUEST rule); only an approval grants the role."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grant_requests")
    role = models.CharField(max_length=32, choices=Role.choices)
    requested_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="role_grant_requests_made", null=True, blank=True
    )
    requested_at = models.DateTimeField(default=clock.now)
    status = models.CharField(
        max_length=16, choices=RoleGrantRequestStatus.choices, default=RoleGrantRequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="role_grant_requests_decided", null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # Why it was refused or withdrawn, or who granted it outside the service.
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(status="pending"),
                name="one_pending_request_per_user_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.get_role_display()} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status == RoleGrantRequestStatus.PENDING
