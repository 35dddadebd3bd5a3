"""Panels that higher apps add to an action's page, filled in their AppConfig.ready() (actions never imports them).

A panel is ``panel(request, action) -> str``: safe HTML (a rendered template) or "" when it has nothing to show.
The catalogue adds the action's publication and, for a copied action, where it comes from.
"""

from collections.abc import Callable

from django.http import HttpRequest

ACTION_PANELS: list[Callable[[HttpRequest, object], str]] = []


def panels_for(request, action) -> list[str]:
    return [html for panel in ACTION_PANELS if (html := panel(request, action))]
