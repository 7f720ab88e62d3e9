from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "prevent.accounts"
    label = "accounts"
    verbose_name = "Accounts"
