from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "prevent.guidance"
    label = "guidance"
    verbose_name = "Practice guidance"

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the rules with prevent.policy)
