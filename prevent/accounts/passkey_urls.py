"""The JSON endpoints of the passkey ceremonies, under the namespace the
package's template tags reverse ("otp_webauthn")."""

from django.urls import path
from django.views.i18n import JavaScriptCatalog

from . import passkeys

app_name = "otp_webauthn"

urlpatterns = [
    path("registration/begin/", passkeys.begin_registration, name="credential-registration-begin"),
    path("registration/complete/", passkeys.complete_registration, name="credential-registration-complete"),
    path("authentication/begin/", passkeys.begin_authentication, name="credential-authentication-begin"),
    path(
        "authentication/complete/",
        passkeys.complete_authentication,
        name="credential-authentication-complete",
    ),
    path(
        "jsi18n/",
        passkeys.second_factor_not_required(JavaScriptCatalog.as_view(packages=["django_otp_webauthn"])),
        name="js-i18n-catalog",
    ),
]
