"""Scoping of the reporting app: every pack a user reaches goes through `for_user(user)`."""

from partners.querysets import TerritoryScopedQuerySet


class MeetingPackQuerySet(TerritoryScopedQuerySet):
    """Packs are anonymised aggregates: every role of the territory reads them (viewers included)."""


class MeetingPackDownloadQuerySet(TerritoryScopedQuerySet):
    territory_field = "pack__territory"
