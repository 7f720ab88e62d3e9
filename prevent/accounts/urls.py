from django.urls import path

from . import passkeys, role_request_views, views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-in/two-factor/", views.two_factor_verify, name="two-factor-verify"),
    path("account/two-factor/set-up/", views.two_factor_setup, name="two-factor-setup"),
    path("account/two-factor/recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("sign-out/everywhere/", views.sign_out_everywhere, name="sign-out-everywhere"),
    path("signed-out/", views.signed_out, name="signed-out"),
    path("account/", views.account, name="account"),
    path("account/passkeys/", passkeys.passkeys, name="passkeys"),
    path("password-reset/", views.password_reset, name="password-reset"),
    path("password-reset/sent/", views.password_reset_done, name="password-reset-done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path("password-reset/complete/", views.password_reset_complete, name="password-reset-complete"),
    # Requests to give a role that sees case content (ADR 0007).
    path("manage/role-requests/", role_request_views.role_request_list, name="role-request-list"),
    path(
        "manage/role-requests/<int:pk>/", role_request_views.role_request_detail, name="role-request-detail"
    ),
    path(
        "manage/role-requests/<int:pk>/approve/",
        role_request_views.role_request_approve,
        name="role-request-approve",
    ),
    path(
        "manage/role-requests/<int:pk>/refuse/",
        role_request_views.role_request_refuse,
        name="role-request-refuse",
    ),
    path(
        "manage/role-requests/<int:pk>/withdraw/",
        role_request_views.role_request_withdraw,
        name="role-request-withdraw",
    ),
]
