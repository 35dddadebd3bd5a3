"""First-run checklist of a territory: what the coordinator sets up before the first person is enrolled.

Partners cannot import the apps above it, so each app registers its own steps at `ready()` (cohorts: QPVs and
the cohort; actions: the envelope). A step says what to do, where it is done, and how to tell it is done (an `Exists` over the territory, so the whole checklist is one query).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.urls import reverse

from cite_emploi import figures_cache

from .enums import GroupKind, MeetingKind, OrganisationKind, Role
from .models import Meeting, Organisation, Territory, User, WorkingGroup


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


def steps() -> list[SetupStep]:
    return sorted(_STEPS.values(), key=lambda s: s.order)


def checklist_key() -> tuple[str, tuple]:
    return "setup-checklist", ("all-done", *(s.key for s in steps()))


def checklist(territory) -> list[ChecklistItem]:
    """The steps in order, each ticked or not for this territory: one query whatever the number of steps, and none
    once every step is done (until the territory's next write, cite_emploi.figures_cache)."""
    ordered = steps()
    if not ordered:
        return []
    name, key = checklist_key()
    if figures_cache.get(territory.pk, name, key):
        return [ChecklistItem(step=step, done=True) for step in ordered]
    items = checklists(Territory.objects.filter(pk=territory.pk)).get(territory.pk, [])
    if items and all(item.done for item in items):
        # A territory set up stays set up: remembered per data version, so the home page no longer asks.
        figures_cache.store(territory.pk, name, key, True)
    return items


def checklists(territories) -> dict[int, list[ChecklistItem]]:
    """The checklist of every territory of a queryset (the national administrator's list of territories): one query
    whatever the number of territories and steps."""
    ordered = steps()
    if not ordered:
        return {}
    rows = territories.order_by().values("pk", **{f"step_{s.key}": s.done_when() for s in ordered})
    return {row["pk"]: [ChecklistItem(step=s, done=bool(row[f"step_{s.key}"])) for s in ordered] for row in rows}


@dataclass(frozen=True)
class Progress:
    """Where a territory stands in its start: what is done, what comes next (the guided onboarding)."""

    items: list[ChecklistItem]

    @property
    def done(self) -> int:
        return sum(item.done for item in self.items)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def complete(self) -> bool:
        return self.done == self.total

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100

    @property
    def next_step(self) -> SetupStep | None:
        return next((item.step for item in self.items if not item.done), None)


def _has_partner_organisation():
    not_partners = {OrganisationKind.COORDINATOR, OrganisationKind.PREFECTURE, OrganisationKind.DREETS}
    return Exists(Organisation.objects.filter(territory=OuterRef("pk"), is_active=True).exclude(kind__in=not_partners))


def _has_advisor():
    return Exists(User.objects.filter(organisation__territory=OuterRef("pk"), role=Role.ADVISOR, is_active=True))


def _has_technical_group():
    return Exists(WorkingGroup.objects.filter(territory=OuterRef("pk"), kind=GroupKind.TECHNICAL_GROUP))


def _has_technical_group_meeting():
    return Exists(Meeting.objects.filter(territory=OuterRef("pk"), kind=MeetingKind.TECHNICAL_GROUP))


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
    register(
        SetupStep(
            key="technical_group",
            order=45,
            label="Composer le groupe technique",
            help="Préfecture, DREETS, France Travail, Mission locale, Département, Cap emploi… : ses membres.",
            url_name="partners:group_create",
            done_when=_has_technical_group,
        )
    )
    register(
        SetupStep(
            key="meetings",
            order=60,
            label="Planifier les réunions du groupe technique",
            help="Une réunion tous les deux mois : les dossiers de séance se fabriquent avant chacune.",
            url_name="partners:meeting_plan",
            done_when=_has_technical_group_meeting,
        )
    )
