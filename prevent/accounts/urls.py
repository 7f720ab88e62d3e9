from django.urls import path

from . import views

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
    path("password-reset/", views.password_reset, name="password-reset"),
    path("password-reset/sent/", views.password_reset_done, name="password-reset-done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path("password-reset/complete/", views.password_reset_complete, name="password-reset-complete"),
]
