"""manage.py grant_role EMAIL ROLE [ROLE ...]: give a user roles directly.

For an operator at the shell only (for example the first Prevent
Coordinator of a new installation, who has nobody to approve them). In the
service, roles that see case content need a second person's approval
(docs/decisions/0007-two-person-role-approval.md); this command is the one
way round that, and its audit event names the command and the operator's
OS user."""

from __future__ import annotations

import getpass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prevent.accounts.models import User
from prevent.accounts.roles import Role
from prevent.accounts.services.roles import user_set_roles_by_operator


class Command(BaseCommand):
    help = "Give a user roles directly, without a second person's approval. Operators only."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("roles", nargs="+", choices=Role.values, metavar="ROLE")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["email"].strip()).first()
        if user is None:
            raise CommandError(f"There is no user with the email address {options['email']}")
        try:
            operator = getpass.getuser()
        except (KeyError, OSError):
            operator = "unknown"
        user = user_set_roles_by_operator(
            user=user,
            roles=[*user.roles, *options["roles"]],
            actor_label=f"manage.py grant_role (OS user {operator})",
        )
        labels = ", ".join(user.role_labels)
        self.stdout.write(self.style.SUCCESS(f"{user.email} now has the roles: {labels}"))
