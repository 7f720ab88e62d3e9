"""URL map. Every route needs a signed-in, second-factor-verified user
unless its view is marked login_not_required (see tests/test_url_access.py
for the allow-list)."""

from django.contrib import admin
from django.urls import include, path

from prevent.core import views as core_views

urlpatterns = [
    path("", include("prevent.core.urls")),
    path("", include("prevent.accounts.urls")),
    path("manage/users/", include("prevent.accounts.user_admin_urls")),
    path("manage/organisations/", include("prevent.core.organisation_urls")),
    path("manage/local-area/", include("prevent.core.local_area_urls")),
    path("audit/", include("prevent.audit.urls")),
    # The Django admin is for superusers only (is_staff); the service's own
    # pages are how administrators manage users and organisations.
    path("django-admin/", admin.site.urls),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error


def _superusers_only(request) -> bool:  # type: ignore[no-untyped-def]
    return bool(request.user.is_active and request.user.is_superuser)


admin.site.has_permission = _superusers_only  # type: ignore[method-assign]
