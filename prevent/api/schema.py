"""The OpenAPI document: the token scheme, and the error answers every
operation may give (so a client, and schemathesis, know each status)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FIELD_ERRORS = {
    "type": "object",
    "description": "The messages for each field (or step) that was not valid",
    "additionalProperties": True,
}
ERRORS: dict[str, tuple[str, dict[str, Any]]] = {
    "400": ("The request was not valid", FIELD_ERRORS),
    "401": ("No valid token or signed-in session (the token may have expired or been revoked)", ERROR),
    "403": ("The caller's role, or the token's scopes, do not allow this", ERROR),
    "404": ("Not found, or not within the caller's scope (or an invalid cursor)", ERROR),
    "405": ("Method not allowed", ERROR),
    "406": ("Only JSON is offered", ERROR),
    "415": ("Send JSON", ERROR),
    "429": ("Too many requests: wait and try again (Retry-After)", ERROR),
}


class BearerTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "prevent.api.authentication.TokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token an administrator issued (ph_...), shown once when issued.",
        }


class VerifiedSessionScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "prevent.api.authentication.VerifiedSessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: every operation documents the
    error answers it may give."""
    for methods in result.get("paths", {}).values():
        for method, operation in methods.items():
            responses = operation.setdefault("responses", {})
            for code, (description, schema) in ERRORS.items():
                if code == "415" and method == "get":
                    continue
                responses.setdefault(
                    code, {"description": description, "content": {"application/json": {"schema": schema}}}
                )
    return result
