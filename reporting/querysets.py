"""Scoping of the reporting app: every pack a user reaches goes through `for_user(user)`."""

from django.db import models

from partners import perms
from partners.querysets import TerritoryScopedQuerySet


class MeetingPackQuerySet(TerritoryScopedQuerySet):
    """Packs are anonymised aggregates: every role of the territory reads them (viewers included), and the national
    viewer reads every territory's (ANCT, DGEFP: the issue 16 national layer)."""

    def for_user(self, user):
        if perms.can_read_national_figures(user):
            return self.all()
        return super().for_user(user)


class QuarterlyReportQuerySet(models.QuerySet):
    """National reports: anonymised figures of every territory, for the national viewer only."""

    def for_user(self, user):
        if perms.can_read_national_figures(user):
            return self.all()
        return self.none()


class MeetingPackDownloadQuerySet(TerritoryScopedQuerySet):
    territory_field = "pack__territory"
