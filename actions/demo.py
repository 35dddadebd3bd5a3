"""Demo actions for Angers Loire Métropole: Par'Emploi as DOMAIN.md tells it, three more actions, and this year's
envelope with about €80,000 committed.

Par'Emploi's figures come out of recorded participations and outcomes (not typed in): 63 families, 48 single-parent
(76.2 %), 15 temporary / 14 permanent childcare solutions, 2 childminder placements, 17 returns to employment or
training. Some families are cohort members, the others are recorded under a pseudonym ("Famille 01"…).
Idempotent: an action's participants are written only when the action has none.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from cohorts.enums import OutcomeClass
from cohorts.models import JobSeeker
from partners.models import Organisation, Territory

from .enums import ActionStatus, BudgetCategory, CommitmentStatus, ParticipationStatus
from .models import Action, CoFunding, Commitment, Envelope, OutcomeType, Participation, ParticipationOutcome, Workshop

PAREMPLOI_OUTCOMES = [
    ("temporary_childcare", "Solution de garde temporaire", 15),
    ("permanent_childcare", "Solution de garde pérenne", 14),
    ("childminder", "Accueil chez une assistante maternelle", 2),
    ("employment_or_training", "Retour à l'emploi ou en formation", 17),
]
# The national class each demo result counts as (item 5 of issue 14): a return to employment *or training* of
# unknown duration is counted as a positive exit, never as a lasting job.
NATIONAL_CLASSES = {
    "employment_or_training": OutcomeClass.SORTIE_POSITIVE,
    "training_entry": OutcomeClass.SORTIE_POSITIVE,
}
PAREMPLOI_FAMILIES = 63
PAREMPLOI_SINGLE_PARENTS = 48
PAREMPLOI_FROM_COHORT = 12

OTHER_ACTIONS = [
    {
        "title": "Mobilité vers l'emploi",
        "lead": "Mobilité Solidaire",
        "partners": ["France Travail", "Mission locale"],
        "barriers": ["mobility"],
        "description": "Location solidaire de scooters et vélos électriques, aide au permis de conduire.",
        "objectives": "Permettre de se rendre en entretien, en formation et au travail sans dépendre des horaires des bus.",
        "status": ActionStatus.RUNNING,
        "capacity": 20,
        "outcomes": [("vehicle_loan", "Véhicule prêté"), ("driving_licence", "Permis de conduire obtenu")],
        "participants": 14,
    },
    {
        "title": "Français à visée professionnelle",
        "lead": "Mission locale",
        "partners": ["France Travail", "Aldev"],
        "barriers": ["language"],
        "description": "Ateliers de français orientés vers les métiers qui recrutent (logistique, aide à domicile).",
        "objectives": "Atteindre le niveau A2 à l'oral pour accéder à une formation qualifiante.",
        "status": ActionStatus.RUNNING,
        "capacity": 12,
        "outcomes": [("level_a2", "Niveau A2 atteint"), ("training_entry", "Entrée en formation")],
        "participants": 9,
    },
    {
        "title": "Visites d'entreprises",
        "lead": "Aldev",
        "partners": ["France Travail", "Mission emploi Trélazé"],
        "barriers": ["employer_link", "confidence"],
        "description": "Visites de sites qui recrutent dans les zones d'activité d'Angers et de Trélazé.",
        "objectives": "Faire découvrir les métiers et rencontrer des recruteurs.",
        "status": ActionStatus.PLANNED,
        "capacity": None,
        "outcomes": [("interview", "Entretien d'embauche obtenu")],
        "participants": 0,
    },
]

# (label, category, action title or None, amount, paid)
COMMITMENTS = [
    (
        "Par'Emploi — accompagnement des familles (1er semestre)",
        BudgetCategory.CHILDCARE,
        "Par'Emploi",
        "14000.00",
        True,
    ),
    (
        "Par'Emploi — accompagnement des familles (2nd semestre)",
        BudgetCategory.CHILDCARE,
        "Par'Emploi",
        "14000.00",
        False,
    ),
    ("Location solidaire de scooters", BudgetCategory.MOBILITY, "Mobilité vers l'emploi", "15000.00", True),
    (
        "Ateliers de français (2 sessions)",
        BudgetCategory.TRAINING,
        "Français à visée professionnelle",
        "12000.00",
        False,
    ),
    ("Transport en car pour les visites", BudgetCategory.COMPANY_VISITS, "Visites d'entreprises", "6500.00", False),
    ("Coordination et animation du réseau", BudgetCategory.COORDINATION, None, "14000.00", True),
    ("Plateforme d'accès aux droits", BudgetCategory.TECHNICAL_PLATFORM, None, "5000.00", False),
]


def _action(
    territory, orgs, *, title, lead, partners, barriers, description, objectives, status, start, capacity, outcomes, fse
):
    action, _ = Action.objects.update_or_create(
        territory=territory,
        title=title,
        defaults={
            "lead_organisation": orgs[lead],
            "barrier_categories": barriers,
            "description": description,
            "objectives": objectives,
            "status": status,
            "start_date": start,
            "capacity": capacity,
            "fse_plus_cofunded": fse,
            "shared_nationally": fse,
        },
    )
    action.partner_organisations.set([orgs[name] for name in partners])
    for position, (code, label, *_) in enumerate(outcomes):
        OutcomeType.objects.update_or_create(
            action=action,
            code=code,
            defaults={
                "label": label,
                "position": position,
                "national_class": NATIONAL_CLASSES.get(code, OutcomeClass.AUTRE),
            },
        )
    return action


def _paremploi_participants(action, cohort_people, rng, today):
    start = action.start_date
    types = {ot.code: ot for ot in action.outcome_types.all()}
    participations = []
    for index in range(PAREMPLOI_FAMILIES):
        person = cohort_people[index] if index < len(cohort_people) else None
        enrolled_on = start + datetime.timedelta(days=int(index * 180 / PAREMPLOI_FAMILIES))
        if person is not None:
            enrolled_on = min(max(person.entry_date, start), today)
        participations.append(
            Participation(
                action=action,
                job_seeker=person,
                participant_label="" if person else f"Famille {index + 1:02d}",
                single_parent=index < PAREMPLOI_SINGLE_PARENTS,
                children_count=rng.randint(1, 4),
                enrolled_on=enrolled_on,
                status=ParticipationStatus.ENROLLED,
                enrolled_by=action.lead_organisation,
            )
        )
    Participation.objects.bulk_create(participations)
    outcomes = []
    offset = 0
    for code, _label, count in PAREMPLOI_OUTCOMES:
        chosen = participations[offset : offset + count] if code != "employment_or_training" else participations[:count]
        if code != "employment_or_training":
            offset += count
        for participation in chosen:
            achieved_on = min(participation.enrolled_on + datetime.timedelta(days=rng.randint(20, 150)), today)
            outcomes.append(
                ParticipationOutcome(participation=participation, outcome_type=types[code], achieved_on=achieved_on)
            )
    ParticipationOutcome.objects.bulk_create(outcomes)
    for number, topic in enumerate(
        [
            "Concilier vie familiale et emploi",
            "Les modes de garde à Angers",
            "Préparer l'entrée en crèche",
            "Parentalité et reprise d'activité",
            "Droits CAF et aides à la garde",
            "Bilan collectif",
        ]
    ):
        workshop = Workshop.objects.create(
            action=action, date=start + datetime.timedelta(days=20 + 28 * number), topic=topic
        )
        workshop.attendees.set(rng.sample(participations, rng.randint(6, 14)))


def seed(stdout=None) -> dict:
    today = timezone.localdate()
    rng = random.Random(2024)
    angers = Territory.objects.get(slug="angers-loire-metropole")
    orgs = {o.short_name: o for o in Organisation.objects.filter(territory=angers)}
    cohort_people = list(
        JobSeeker.objects.filter(territory=angers, single_parent=True).order_by("france_travail_id")[
            :PAREMPLOI_FROM_COHORT
        ]
    )
    paremploi = _action(
        angers,
        orgs,
        title="Par'Emploi",
        lead="Passerelles",
        partners=["Aldev", "France Travail", "Département", "Mission locale"],
        barriers=["childcare"],
        description="Accompagnement des familles en insertion professionnelle dans la recherche d'une solution de "
        "garde, complété par des ateliers collectifs de parentalité.",
        objectives="Lever le frein de la garde d'enfants pour permettre l'accès à l'emploi ou à la formation.",
        status=ActionStatus.RUNNING,
        start=datetime.date(2024, 3, 4),
        capacity=None,
        outcomes=PAREMPLOI_OUTCOMES,
        fse=True,
    )
    if not paremploi.participations.exists():
        _paremploi_participants(paremploi, cohort_people, rng, today)
    for funder, amount in [("FSE+", "24000.00"), ("CAF de Maine-et-Loire", "6000.00")]:
        CoFunding.objects.update_or_create(action=paremploi, funder=funder, defaults={"amount": Decimal(amount)})

    actions = {"Par'Emploi": paremploi}
    others = list(JobSeeker.objects.filter(territory=angers, cohort__year=today.year).order_by("france_travail_id"))
    for number, spec in enumerate(OTHER_ACTIONS):
        action = _action(
            angers,
            orgs,
            title=spec["title"],
            lead=spec["lead"],
            partners=spec["partners"],
            barriers=spec["barriers"],
            description=spec["description"],
            objectives=spec["objectives"],
            status=spec["status"],
            start=datetime.date(today.year, 2 + number * 2, 1),
            capacity=spec["capacity"],
            outcomes=spec["outcomes"],
            fse=False,
        )
        actions[spec["title"]] = action
        if spec["participants"] and not action.participations.exists():
            people = others[number * 20 : number * 20 + spec["participants"]]
            Participation.objects.bulk_create(
                Participation(
                    action=action,
                    job_seeker=person,
                    single_parent=person.single_parent,
                    enrolled_on=min(max(person.entry_date, action.start_date), today),
                    enrolled_by=action.lead_organisation,
                )
                for person in people
            )
            first_type = action.outcome_types.first()
            ParticipationOutcome.objects.bulk_create(
                ParticipationOutcome(participation=p, outcome_type=first_type, achieved_on=today)
                for p in action.participations.all()[: len(people) // 2]
            )

    envelope, _ = Envelope.objects.get_or_create(territory=angers, year=today.year)
    for number, (label, category, title, amount, paid) in enumerate(COMMITMENTS):
        committed_on = datetime.date(today.year, 1, 15) + datetime.timedelta(days=20 * number)
        committed_on = min(committed_on, today)
        Commitment.objects.get_or_create(
            envelope=envelope,
            label=label,
            defaults={
                "category": category,
                "action": actions.get(title),
                "amount": Decimal(amount),
                "committed_on": committed_on,
                "status": CommitmentStatus.PAID if paid else CommitmentStatus.COMMITTED,
                "paid_on": min(committed_on + datetime.timedelta(days=30), today) if paid else None,
                "cofunding_source": "FSE+" if title == "Par'Emploi" else None,
            },
        )
    if stdout is not None:
        stdout.write(
            f"Actions : {len(actions)} actions, Par'Emploi {paremploi.participations.count()} familles, "
            f"enveloppe {envelope.year} avec {envelope.commitments.count()} engagements."
        )
    return {"actions": actions, "envelope": envelope}
