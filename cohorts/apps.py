from django.apps import AppConfig


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = "Cohortes"

    def ready(self):
        from partners.services.audit import AUDIT_LISTENERS

        from .file_log import link_entry

        if link_entry not in AUDIT_LISTENERS:
            AUDIT_LISTENERS.append(link_entry)
