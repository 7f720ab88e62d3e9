from django.apps import AppConfig


class ChannelConfig(AppConfig):
    name = "prevent.channel"
    label = "channel"
    verbose_name = "Police gateway and Channel Panel"

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the rules with prevent.policy)
