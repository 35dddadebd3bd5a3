"""Territory scoping: every queryset a user can reach goes through `for_user(user)`.

The pattern later apps follow (see docs/architecture.md):

    class JobSeekerQuerySet(models.QuerySet):
        def for_user(self, user):
            qs = self.filter(cohort__territory_id=user.territory_id)
            ...  # then narrow by role and organisation
            return qs

A user without a territory (e.g. a superuser created from the shell) reaches nothing.
"""

from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models

from . import perms
from .enums import GOVERNANCE_KINDS, Role
from .perms import STATE_SERVICE_KINDS


class TerritoryScopedQuerySet(models.QuerySet):
    territory_field = "territory"

    def for_territory(self, territory_id):
        if territory_id is None:
            return self.none()
        return self.filter(**{f"{self.territory_field}_id": territory_id})

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.for_territory(user.territory_id)


class TerritoryQuerySet(models.QuerySet):
    def for_user(self, user):
        """Her own territory; every territory for a national account (a territory's name is no personal data)."""
        if perms.is_national(user):
            return self.all()
        if not user.is_authenticated or user.territory_id is None:
            return self.none()
        return self.filter(pk=user.territory_id)


class OrganisationQuerySet(TerritoryScopedQuerySet):
    def active(self):
        return self.filter(is_active=True)

    def field_partners(self):
        """Organisations that follow people or run actions: never the préfecture or the DREETS (State services
        that read aggregates), so they are never offered as referent, team member or action partner."""
        return self.exclude(kind__in=STATE_SERVICE_KINDS)


class UserQuerySet(TerritoryScopedQuerySet):
    territory_field = "organisation__territory"

    def for_territory(self, territory_id):
        if territory_id is None:
            return self.none()
        return self.filter(organisation__territory_id=territory_id)

    def national(self):
        """The national accounts: no organisation (hence no territory), a national role (partners.perms.is_national)."""
        return self.filter(organisation__isnull=True, role__in=perms.NATIONAL_ROLES)


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):
    pass


class AuditEntryQuerySet(TerritoryScopedQuerySet):
    pass


class InvitationQuerySet(TerritoryScopedQuerySet):
    territory_field = "organisation__territory"

    def pending(self):
        from django.utils import timezone

        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


def _sees_every_meeting(user) -> bool:

    return perms.has_role(user, Role.COORDINATOR, Role.ADMIN)


class WorkingGroupQuerySet(TerritoryScopedQuerySet):
    def for_user(self, user):

        qs = super().for_user(user)
        if perms.is_viewer(user):
            return qs.filter(kind__in=GOVERNANCE_KINDS)
        return qs


class MeetingQuerySet(TerritoryScopedQuerySet):
    """Coordinator and admin: every meeting of the territory. Viewer: technical group and strategic committee.

    Advisor: those two, plus the follow-up group meetings of her groups or where she is invited.
    """

    def for_user(self, user):

        qs = super().for_user(user)
        if not user.is_authenticated or _sees_every_meeting(user):
            return qs
        governance = models.Q(kind__in=GOVERNANCE_KINDS)
        if perms.is_advisor(user):
            from .models import Attendee, WorkingGroup

            in_group = models.Exists(
                WorkingGroup.members.through.objects.filter(
                    workinggroup_id=models.OuterRef("group_id"), user_id=user.pk
                )
            )
            invited = models.Exists(Attendee.objects.filter(meeting_id=models.OuterRef("pk"), user_id=user.pk))
            return qs.filter(governance | in_group | invited)
        return qs.filter(governance)

    def upcoming(self, on):
        return self.filter(date__gte=on).order_by("date", "start_time", "id")

    def past(self, on):
        return self.filter(date__lt=on).order_by("-date", "-start_time", "-id")

    def inviting(self, user):
        """Meetings where this person is on the list of attendees (her calendar, her reminders)."""
        from .models import Attendee

        return self.filter(models.Exists(Attendee.objects.filter(meeting_id=models.OuterRef("pk"), user_id=user.pk)))


class DecisionQuerySet(models.QuerySet):
    def for_user(self, user):
        from .models import Meeting

        return self.filter(meeting__in=Meeting.objects.for_user(user))

    def open(self):
        from .enums import DecisionStatus

        return self.filter(status=DecisionStatus.OPEN)
