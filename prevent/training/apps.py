from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "prevent.training"
    label = "training"
    verbose_name = "Training and awareness"

    def ready(self) -> None:
        from prevent.accounts.roles import Role
        from prevent.home.work import register_section

        from . import (
            rules,  # noqa: F401  (registers the rules with prevent.policy)
            work,
        )

        register_section(Role.PRACTITIONER, work.fill_practitioner)
        register_section(Role.SPOC, work.fill_spoc)
