from django.apps import AppConfig


class SelfAssessmentConfig(AppConfig):
    name = "prevent.self_assessment"
    label = "self_assessment"
    verbose_name = "Prevent self-assessment"

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the rules with prevent.policy)
