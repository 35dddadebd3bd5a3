from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = "Pilotage et dossiers de séance"

    def ready(self):
        from partners import navigation
        from partners.navigation import NavItem

        from . import perms

        navigation.add(
            NavItem(110, "Tableau de bord", "reporting:dashboard", perms.can_view_dashboard),
            NavItem(120, "Dossiers de séance", "reporting:pack_list", perms.can_view_packs),
            NavItem(112, "Comparaisons entre Cités", "reporting:benchmarks", perms.can_view_benchmarks),
            NavItem(114, "Rapports nationaux", "reporting:quarterly_list", perms.can_read_national_figures),
        )
