from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "prevent.concerns"
    label = "concerns"
    verbose_name = "Concerns and referrals"
