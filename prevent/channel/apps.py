from django.apps import AppConfig


class ChannelConfig(AppConfig):
    name = "prevent.channel"
    label = "channel"
    verbose_name = "Police gateway and Channel Panel"
