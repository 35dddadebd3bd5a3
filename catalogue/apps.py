from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = "Catalogue national des actions"

    def ready(self):
        # The menu (partners) and the action page (actions) read registries: they never import the catalogue.
        from actions import panels
        from partners import navigation
        from partners.navigation import NavItem

        from . import perms
        from .panels import action_catalogue_panel

        navigation.add(NavItem(95, "Catalogue national", "catalogue:list", perms.can_read_catalogue))
        if action_catalogue_panel not in panels.ACTION_PANELS:
            panels.ACTION_PANELS.append(action_catalogue_panel)
