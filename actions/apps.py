from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = "Actions et enveloppe"

    def ready(self):
        # The person's file (cohorts) shows her participations: cohorts reads its registries, never imports actions.
        from cohorts import rights, selectors
        from partners import navigation
        from partners.navigation import NavItem

        from . import perms
        from .person_file import participation_events, personal_file_participations

        if participation_events not in selectors.TIMELINE_SOURCES:
            selectors.TIMELINE_SOURCES.append(participation_events)
        rights.PERSONAL_FILE_SECTIONS["participations"] = personal_file_participations
        navigation.add(
            NavItem(90, "Actions", "actions:list", perms.can_view_actions),
            NavItem(100, "Budget", "actions:budget", perms.can_view_budget),
        )

        from .setup_steps import register_actions_steps

        register_actions_steps()
