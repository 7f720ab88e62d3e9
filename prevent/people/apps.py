from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "prevent.people"
    label = "people"
    verbose_name = "People"

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the rules with prevent.policy)
