from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "prevent.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the rules with prevent.policy)
