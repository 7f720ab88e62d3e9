from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "prevent.guidance"
    label = "guidance"
    verbose_name = "Practice guidance"
