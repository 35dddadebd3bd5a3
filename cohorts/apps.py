from django.apps import AppConfig


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = "Cohortes"

    def ready(self):
        # A follow-up group's decision may concern a person: partners shows and edits it through its registry.
        from partners import decision_links

        from .decision_links import JOB_SEEKER_LINK

        decision_links.register(JOB_SEEKER_LINK)

        from partners.services.audit import AUDIT_LISTENERS

        from .file_log import link_entry

        if link_entry not in AUDIT_LISTENERS:
            AUDIT_LISTENERS.append(link_entry)
