from django.apps import AppConfig


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = "Cohortes"

    def ready(self):
        # A follow-up group's decision may concern a person: partners shows and edits it through its registry.
        from partners import decision_links, navigation
        from partners.navigation import NavItem

        from . import perms
        from .decision_links import JOB_SEEKER_LINK

        decision_links.register(JOB_SEEKER_LINK)
        navigation.add(
            NavItem(20, "Cohorte", "cohorts:job_seeker_list", perms.can_view_personal_data),
            NavItem(30, "Mes personnes", "cohorts:my_people", perms.is_advisor),
            NavItem(35, "Repérage", "cohorts:candidate_list", perms.can_identify),
            NavItem(70, "Dossiers à anonymiser", "cohorts:retention_due", perms.can_view_retention),
        )

        from partners.services.audit import AUDIT_LINKERS

        from .file_log import entry_links

        if entry_links not in AUDIT_LINKERS:
            AUDIT_LINKERS.append(entry_links)

        from .setup_steps import register_cohorts_steps

        register_cohorts_steps()
