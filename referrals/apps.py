from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = "Orientations"

    def ready(self):
        # cohorts reads its registries, never imports referrals: the file's timeline, its buttons, the complete
        # file (RGPD art. 15), the anonymisation, and the rule that lets the receiving organisation join the team.
        from cohorts import retention, rights, selectors, services
        from cohorts.enums import TeamReason
        from partners import navigation
        from partners.navigation import NavItem

        from . import file, perms

        if file.referral_events not in selectors.TIMELINE_SOURCES:
            selectors.TIMELINE_SOURCES.append(file.referral_events)
        if file.referral_links not in selectors.FILE_LINKS:
            selectors.FILE_LINKS.append(file.referral_links)
        retention.register_anonymisation_hook(file.erase_referral_texts)
        rights.PERSONAL_FILE_SECTIONS["referrals"] = file.personal_file_referrals
        services.TEAM_JOIN_RULES[TeamReason.REFERRAL] = file.may_join_by_referral
        navigation.add(NavItem(35, "Orientations", "referrals:list", perms.can_view_referrals))
