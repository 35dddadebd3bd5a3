from django.apps import AppConfig


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = "Cohortes"

    def ready(self):
        from .setup_steps import register_cohorts_steps

        register_cohorts_steps()
