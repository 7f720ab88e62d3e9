"""Second factor (django-otp): TOTP apps, with single-use recovery codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import qrcode
import qrcode.image.svg
from django.conf import settings
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

if TYPE_CHECKING:
    from .models import User

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def second_factor_required(user: User) -> bool:
    """Everyone needs a second factor, except seeded demo users in demo mode."""
    return not (settings.PREVENT_DEMO_MODE and user.is_demo_user)


def is_verified(user: object) -> bool:
    """True once the user has passed the second factor in this session
    (django-otp's OTPMiddleware adds is_verified to request.user)."""
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False


def has_confirmed_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def qr_code_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    svg = image.to_string(encoding="unicode")
    return svg.replace("<svg ", '<svg role="img" aria-label="QR code for your authenticator app" ', 1)


def totp_secret_for_display(device: TOTPDevice) -> str:
    import base64

    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


__all__ = [
    "RECOVERY_CODE_COUNT",
    "RECOVERY_DEVICE_NAME",
    "TOTP_DEVICE_NAME",
    "StaticDevice",
    "TOTPDevice",
    "WebAuthnCredential",
    "has_confirmed_device",
    "qr_code_svg",
    "second_factor_required",
    "totp_secret_for_display",
]
