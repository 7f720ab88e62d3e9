from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "prevent.training"
    label = "training"
    verbose_name = "Training and awareness"

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the rules with prevent.policy)
