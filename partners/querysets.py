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
        if not user.is_authenticated or user.territory_id is None:
            return self.none()
        return self.filter(pk=user.territory_id)


class OrganisationQuerySet(TerritoryScopedQuerySet):
    def active(self):
        return self.filter(is_active=True)


class UserQuerySet(TerritoryScopedQuerySet):
    territory_field = "organisation__territory"

    def for_territory(self, territory_id):
        if territory_id is None:
            return self.none()
        return self.filter(organisation__territory_id=territory_id)


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):
    pass


class AuditEntryQuerySet(TerritoryScopedQuerySet):
    pass
