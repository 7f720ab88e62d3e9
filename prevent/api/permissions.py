"""A token never exceeds its user: the view asks the user's own rules and
scopes; a token only narrows them to the scopes it was issued with."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from .models import ApiToken


class TokenScopes(BasePermission):
    message = "This token may not be used for this"

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        token = request.auth
        if not isinstance(token, ApiToken):
            return True  # the browser's session: the user's own rights
        needed = view.read_scope if request.method in SAFE_METHODS else getattr(view, "write_scope", "")
        return bool(needed) and needed in token.scopes
