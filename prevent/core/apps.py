from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "prevent.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from . import (
            checks,  # noqa: F401  (registers system checks)
            rules,  # noqa: F401  (registers the rules with prevent.policy)
        )
