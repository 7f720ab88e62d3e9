from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The pages that cut across the domains: "Your work", the navigation and
    a person's chronology. The one app that may import every domain; no
    domain imports it."""

    name = "prevent.home"
    label = "home"
    verbose_name = "Home"

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the rules with prevent.policy)
