"""First-run checklist of a territory: what the coordinator sets up before the first person is enrolled.

Partners cannot import the apps above it, so each app registers its own steps at `ready()` (cohorts: QPVs and
the cohort; actions: the envelope). A step says what to do, where it is done, and how to tell it is done (an `Exists` over the territory, so the whole checklist is one query).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.urls import reverse

from cite_emploi import figures_cache

from .enums import OrganisationKind, Role
from .models import Organisation, Territory, User


@dataclass(frozen=True)
class SetupStep:
    key: str
    order: int
    label: str
    help: str
    url_name: str
    done_when: Callable  # () -> an Exists(...) expression over OuterRef("pk"), the territory

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_STEPS: dict[str, SetupStep] = {}


def register(step: SetupStep) -> None:
    """Called by each app's `ready()`; registering the same key again replaces the step."""
    _STEPS[step.key] = step


@dataclass(frozen=True)
class ChecklistItem:
    step: SetupStep
    done: bool


def checklist(territory) -> list[ChecklistItem]:
    """The steps in order, each ticked or not for this territory: one query whatever the number of steps, and none
    once every step is done (until the territory's next write, cite_emploi.figures_cache)."""
    steps = sorted(_STEPS.values(), key=lambda s: s.order)
    if not steps:
        return []
    key = ("all-done", *(s.key for s in steps))
    if figures_cache.get(territory.pk, "setup-checklist", key):
        return [ChecklistItem(step=step, done=True) for step in steps]
    done = Territory.objects.filter(pk=territory.pk).values(**{f"step_{s.key}": s.done_when() for s in steps}).get()
    if all(done.values()):
        # A territory set up stays set up: remembered per data version, so the home page no longer asks.
        figures_cache.store(territory.pk, "setup-checklist", key, True)
    return [ChecklistItem(step=step, done=bool(done[f"step_{step.key}"])) for step in steps]


def _has_partner_organisation():
    not_partners = {OrganisationKind.COORDINATOR, OrganisationKind.PREFECTURE, OrganisationKind.DREETS}
    return Exists(Organisation.objects.filter(territory=OuterRef("pk"), is_active=True).exclude(kind__in=not_partners))


def _has_advisor():
    return Exists(User.objects.filter(organisation__territory=OuterRef("pk"), role=Role.ADVISOR, is_active=True))


def register_partners_steps() -> None:
    register(
        SetupStep(
            key="organisations",
            order=30,
            label="Ajouter les organisations partenaires",
            help="France Travail, Mission locale, Cap emploi, Département… : l'annuaire du territoire.",
            url_name="partners:organisation_list",
            done_when=_has_partner_organisation,
        )
    )
    register(
        SetupStep(
            key="advisors",
            order=40,
            label="Inviter les conseillers des partenaires",
            help="Chaque conseiller reçoit un lien d'invitation et choisit son mot de passe.",
            url_name="partners:user_invite",
            done_when=_has_advisor,
        )
    )
