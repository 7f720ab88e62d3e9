from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "prevent.privacy"
    label = "privacy"
    verbose_name = "Data protection"

    def ready(self) -> None:
        from . import panels, rules  # noqa: F401  (registers the rules and the concern page's panel)
