"""URL map. Every route needs a signed-in, second-factor-verified user
unless its view is marked login_not_required (tests/test_url_access.py
holds the allow-list).

There is no Django admin: administrators use the service's own pages, and
superusers the management commands."""

from django.urls import include, path

from prevent.core import views as core_views

urlpatterns = [
    path("", include("prevent.home.urls")),  # first: "/" is home:home
    path("", include("prevent.core.urls")),
    path("", include("prevent.accounts.urls")),
    path("account/passkeys/webauthn/", include("prevent.accounts.passkey_urls")),
    path("manage/users/", include("prevent.accounts.user_admin_urls")),
    path("manage/organisations/", include("prevent.core.organisation_urls")),
    path("manage/local-area/", include("prevent.core.local_area_urls")),
    path("audit/", include("prevent.audit.urls")),
    path("guidance/", include("prevent.guidance.urls")),
    path("concerns/", include("prevent.concerns.urls")),
    path("people/", include("prevent.people.urls")),
    path("channel/", include("prevent.channel.urls")),
    path("self-assessment/", include("prevent.self_assessment.urls")),
    path("notifications/", include("prevent.notifications.urls")),
    path("training/", include("prevent.training.urls")),
    path("statistics/", include("prevent.reporting.urls")),
    path("api/", include("prevent.api.urls")),
    path("data-protection/", include("prevent.privacy.urls")),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
