from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partenaires"

    def ready(self):
        from . import signals  # noqa: F401 — connect the authentication event receivers
        from .setup import register_partners_steps

        register_partners_steps()
        from .admin_fr import translate_third_party_admin

        translate_third_party_admin()
