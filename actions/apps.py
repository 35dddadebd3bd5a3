from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = "Actions et enveloppe"

    def ready(self):
        from .setup_steps import register_actions_steps

        register_actions_steps()
