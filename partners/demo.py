"""Demo territory: Angers Loire Métropole's partnership, one account per role, and a second territory.

Idempotent: run it twice, nothing is duplicated. Names of people come from Faker (fr_FR): no real person.
"""

from dataclasses import dataclass

from faker import Faker

from . import demo_meetings

__all__ = ["DEMO_ACCOUNTS", "DEMO_PASSWORD", "seed"]
from .enums import OrganisationKind, Role
from .models import Organisation, Territory, User

DEMO_PASSWORD = "demo-cite-emploi"

ANGERS_ORGANISATIONS = [
    # (name, short name, kind, technical group member)
    ("Préfecture de Maine-et-Loire", "Préfecture", OrganisationKind.PREFECTURE, True),
    (
        "Aldev — Agence de développement économique d'Angers Loire Métropole",
        "Aldev",
        OrganisationKind.COORDINATOR,
        True,
    ),
    ("DREETS Pays de la Loire", "DREETS", OrganisationKind.DREETS, True),
    ("France Travail", "France Travail", OrganisationKind.FRANCE_TRAVAIL, True),
    ("Mission locale angevine", "Mission locale", OrganisationKind.MISSION_LOCALE, True),
    ("Département de Maine-et-Loire", "Département", OrganisationKind.DEPARTEMENT, True),
    ("Cap emploi Maine-et-Loire", "Cap emploi", OrganisationKind.CAP_EMPLOI, True),
    ("Mission emploi de Trélazé", "Mission emploi Trélazé", OrganisationKind.MUNICIPAL_EMPLOYMENT, True),
    ("Association Passerelles Parentalité", "Passerelles", OrganisationKind.ASSOCIATION, False),
    ("Association Mobilité Solidaire Angers", "Mobilité Solidaire", OrganisationKind.ASSOCIATION, False),
]

# Made-up SIRETs (as every demo datum): a ProConnect sign-in to these organisations must come from this establishment.
# `make demo-sso`'s provider gives the same one to conseillere.ft (tests/oidc_provider.py).
DEMO_SIRETS = {"France Travail": "12345678900017"}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    organisation_short_name: str
    territory_slug: str = "angers-loire-metropole"


DEMO_ACCOUNTS = [
    DemoAccount("coordinatrice", Role.COORDINATOR, "Aldev"),
    DemoAccount("conseillere.ft", Role.ADVISOR, "France Travail"),
    DemoAccount("conseiller.ml", Role.ADVISOR, "Mission locale"),
    DemoAccount("conseillere.cap", Role.ADVISOR, "Cap emploi"),
    DemoAccount("prefecture", Role.VIEWER, "Préfecture"),
    DemoAccount("dreets", Role.VIEWER, "DREETS"),
    DemoAccount("admin", Role.ADMIN, "Aldev"),
    DemoAccount("coordinatrice.saumur", Role.COORDINATOR, "Mission emploi Saumur", "saumur-val-de-loire"),
    # representatives of the two other technical-group organisations (added last: earlier fake names stay stable)
    DemoAccount("representante.departement", Role.ADVISOR, "Département"),
    DemoAccount("representante.trelaze", Role.ADVISOR, "Mission emploi Trélazé"),
]


NATIONAL_DEMO_ACCOUNTS = [
    ("observatoire.national", Role.NATIONAL_VIEWER),
    ("admin.national", Role.NATIONAL_ADMIN),
]


def seed(stdout=None) -> dict:
    fake = Faker("fr_FR")
    Faker.seed(2020)
    angers, _ = Territory.objects.update_or_create(
        slug="angers-loire-metropole", defaults={"name": "Angers Loire Métropole", "department": "49"}
    )
    saumur, _ = Territory.objects.update_or_create(
        slug="saumur-val-de-loire", defaults={"name": "Saumur Val de Loire", "department": "49"}
    )
    organisations = {}
    for name, short_name, kind, member in ANGERS_ORGANISATIONS:
        organisations[(angers.slug, short_name)], _ = Organisation.objects.update_or_create(
            territory=angers,
            short_name=short_name,
            defaults={
                "name": name,
                "kind": kind,
                "technical_group_member": member,
                **({"siret": DEMO_SIRETS[short_name]} if short_name in DEMO_SIRETS else {}),
            },
        )
    organisations[(saumur.slug, "Mission emploi Saumur")], _ = Organisation.objects.update_or_create(
        territory=saumur,
        short_name="Mission emploi Saumur",
        defaults={
            "name": "Mission emploi de Saumur Val de Loire",
            "kind": OrganisationKind.COORDINATOR,
            "technical_group_member": True,
        },
    )
    created = 0
    for account in DEMO_ACCOUNTS:
        first_name, last_name = fake.first_name_female(), fake.last_name()
        user, was_created = User.objects.get_or_create(
            username=account.username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{account.username}@demo.cite-emploi.localhost",
                "organisation": organisations[(account.territory_slug, account.organisation_short_name)],
                "role": account.role,
                "is_staff": account.role == Role.ADMIN,
                "is_superuser": False,  # the technical admin is staff, never superuser: no personal data
            },
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            created += 1
    # The national layer (issue 16): no territory, no organisation.
    for username, role in NATIONAL_DEMO_ACCOUNTS:
        first_name, last_name = fake.first_name_female(), fake.last_name()
        user, was_created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@demo.cite-emploi.localhost",
                "organisation": None,
                "role": role,
            },
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            created += 1
    # A demo created before this version made the technical admin a superuser: she never is.
    User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS], role=Role.ADMIN).update(is_superuser=False)
    if stdout is not None:
        stdout.write(
            f"Partenaires : 2 territoires, {len(organisations)} organisations, "
            f"{created} compte(s) de démonstration créé(s) sur {len(DEMO_ACCOUNTS) + len(NATIONAL_DEMO_ACCOUNTS)}."
        )
    governance = demo_meetings.seed(angers=angers, stdout=stdout)
    return {"angers": angers, "saumur": saumur, "organisations": organisations, **governance}
