"""Choices of the catalogue: English codes, French labels (the JSON Schema lists the same codes)."""

from django.db import models

from cohorts.enums import OutcomeClass  # noqa: F401  (the national outcome classes: one list, DOMAIN.md)


class TargetPublic(models.TextChoices):
    ALL_QPV = "all_qpv", "Habitants des QPV en recherche d'emploi"
    YOUNG_PEOPLE = "young_people", "Jeunes de 16 à 25 ans"
    SINGLE_PARENTS = "single_parents", "Familles monoparentales"
    PARENTS = "parents", "Parents de jeunes enfants"
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", "Demandeurs d'emploi de longue durée"
    RSA = "rsa", "Allocataires du RSA"
    SENIORS = "seniors", "Personnes de 50 ans et plus"
    WOMEN = "women", "Femmes"
    DISABILITY = "disability", "Personnes en situation de handicap"
    ALLOPHONE = "allophone", "Personnes allophones"
    OTHER = "other", "Autre public"


class SheetOrigin(models.TextChoices):
    LOCAL = "local", "Publiée sur ce déploiement"
    IMPORTED = "imported", "Importée d'un autre déploiement"
