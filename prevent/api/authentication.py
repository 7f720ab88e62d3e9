"""Who is calling: a partner system with a token, or a signed-in browser.

- `TokenAuthentication`: `Authorization: Bearer ph_...`. The token acts as
  its user; it is refused (401) when unknown, revoked or expired, when the
  user is inactive, or when the user is no longer in the organisation the
  token was issued for. `request.auth` is the ApiToken, whose scopes
  `permissions.TokenScopes` checks.
- `VerifiedSessionAuthentication`: the browser's session, with DRF's CSRF
  check on every unsafe method, and only once the session has passed the
  second factor (as every page requires)."""

from __future__ import annotations

from typing import Any

from rest_framework.authentication import BaseAuthentication, SessionAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from prevent.accounts.two_factor import is_verified, second_factor_required

from .models import ApiToken
from .services import find_token, token_used

REFUSED = "The token is not valid: it is unknown, has expired or has been revoked"


class TokenAuthentication(BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = get_authorization_header(request).decode("latin-1")
        parts = header.split()
        if not parts or parts[0].lower() != self.keyword.lower():
            return None
        if len(parts) != 2:
            raise AuthenticationFailed("Send the token as: Authorization: Bearer <token>")
        token = find_token(parts[1])
        if token is None or not token.is_usable():
            raise AuthenticationFailed(REFUSED)
        user = token.user
        if not user.is_active or user.organisation_id != token.organisation_id:
            raise AuthenticationFailed(REFUSED)
        token_used(token)
        return user, token

    def authenticate_header(self, request: Request) -> str:
        return f'{self.keyword} realm="api"'


class VerifiedSessionAuthentication(SessionAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        result = super().authenticate(request)
        if result is None:
            return None
        user = result[0]
        if second_factor_required(user) and not is_verified(user):
            return None
        return result
