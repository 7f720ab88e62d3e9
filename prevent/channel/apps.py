from django.apps import AppConfig


class ChannelConfig(AppConfig):
    name = "prevent.channel"
    label = "channel"
    verbose_name = "Police gateway and Channel Panel"

    def ready(self) -> None:
        from prevent.concerns.panels import register_panel

        from . import rules  # noqa: F401  (registers the rules with prevent.policy)
        from .panels import gateway_outcomes_panel, referral_history_panel

        register_panel(
            "gateway-outcomes",
            template="channel/panels/gateway_outcomes.html",
            context=gateway_outcomes_panel,
        )
        register_panel(
            "referral-history",
            template="channel/panels/referral_history.html",
            context=referral_history_panel,
        )
