from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "prevent.concerns"
    label = "concerns"
    verbose_name = "Concerns and referrals"

    def ready(self) -> None:
        from prevent.people.services import linkable
        from prevent.policy import Action

        from . import rules  # noqa: F401  (registers the rules with prevent.policy)

        linkable("concerns.Concern", Action.LINK_CONCERN_PERSON)
