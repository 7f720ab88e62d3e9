from django.urls import path

from . import user_admin_views as views
from .lockout_views import user_unlock_page

app_name = "users"

urlpatterns = [
    path("", views.user_list, name="list"),
    path("add/", views.user_add, name="add"),
    path("<int:pk>/", views.user_detail, name="detail"),
    path("<int:pk>/change/", views.user_change, name="change"),
    path("<int:pk>/roles/", views.user_roles, name="roles"),
    path("<int:pk>/deactivate/", views.user_deactivate, name="deactivate"),
    path("<int:pk>/reactivate/", views.user_reactivate, name="reactivate"),
    path("<int:pk>/resend-invitation/", views.user_resend_invitation, name="resend-invitation"),
    path("<int:pk>/reset-second-factor/", views.user_reset_second_factor, name="reset-second-factor"),
    path("<int:pk>/unlock/", user_unlock_page, name="unlock"),
]
