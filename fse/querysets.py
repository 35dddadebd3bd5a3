"""Territory first, then role: every FSE+ read a user can reach goes through `for_user(user)`."""

from partners.querysets import TerritoryScopedQuerySet


class OperationQuerySet(TerritoryScopedQuerySet):
    """The operation itself (number, period, money) is read by everyone of the territory; the pages show the money
    only to the budget's readers (fse.perms.can_view_finance) and the participants to those who see them."""


class OperationChildQuerySet(TerritoryScopedQuerySet):
    territory_field = "operation__territory"


class ReportQuerySet(TerritoryScopedQuerySet):
    territory_field = "operation__territory"


class ParticipantQuerySet(TerritoryScopedQuerySet):
    """Personal data: the participants whose participation the user may see (actions.ParticipationQuerySet)."""

    territory_field = "operation__territory"

    def for_user(self, user):
        from actions.models import Participation

        return super().for_user(user).filter(participation__in=Participation.objects.for_user(user).values("pk"))
