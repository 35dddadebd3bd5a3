"""factory_boy factories shared by the tests of every app. Fake data only (Faker fr_FR)."""

import factory
from factory.django import DjangoModelFactory

from partners.enums import OrganisationKind, Role
from partners.models import Organisation, Territory, User

factory.Faker._DEFAULT_LOCALE = "fr_FR"

TEST_PASSWORD = "mot-de-passe-de-test-2026"


class TerritoryFactory(DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Territoire {n}")
    slug = factory.Sequence(lambda n: f"territoire-{n}")
    department = "49"


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    territory = factory.SubFactory(TerritoryFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    short_name = factory.LazyAttribute(lambda o: o.name[:60])
    kind = OrganisationKind.FRANCE_TRAVAIL
    technical_group_member = False

    class Params:
        coordinator = factory.Trait(kind=OrganisationKind.COORDINATOR, technical_group_member=True)
        prefecture = factory.Trait(kind=OrganisationKind.PREFECTURE, technical_group_member=True)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"utilisateur{n}")
    first_name = factory.Faker("first_name")
    # Professionals get names no job seeker fixture can have: a test that checks a person's name is
    # absent from a page must not fail because an advisor happens to share it.
    last_name = factory.Sequence(lambda n: f"Agentdetest{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.ADVISOR
    password = factory.django.Password(TEST_PASSWORD)

    class Params:
        coordinator = factory.Trait(role=Role.COORDINATOR, organisation__coordinator=True)
        advisor = factory.Trait(role=Role.ADVISOR)
        viewer = factory.Trait(role=Role.VIEWER, organisation__prefecture=True)
        admin = factory.Trait(role=Role.ADMIN, organisation__coordinator=True, is_staff=True, is_superuser=False)
