"""Demo of the catalogue: Saumur Val de Loire (the second demo territory) publishes three sheets, Angers publishes
Par'Emploi, and Saumur copies it — so the catalogue, the provenance and « who copied it » all show in `make demo`.

Sheets are published through the real service (figures frozen, secrecy applied). Idempotent: an action already in
the catalogue is not published again, a sheet already copied by Saumur is not copied again.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from actions.enums import ActionStatus, BudgetCategory, ParticipationStatus
from actions.models import Action, CoFunding, Commitment, Envelope, OutcomeType, Participation, ParticipationOutcome
from partners.enums import OrganisationKind
from partners.models import Organisation, Territory, User

from . import services
from .models import PublishedSheet, SheetCopy

SAUMUR_ACTIONS = [
    {
        "title": "Garage solidaire du Saumurois",
        "barriers": ["mobility"],
        "description": "Réparation à prix coûtant et prêt de véhicules pour les personnes qui reprennent un emploi "
        "ou une formation loin des lignes de bus.",
        "objectives": "Qu'aucune reprise d'emploi n'échoue faute de moyen de transport.",
        "outcomes": [
            ("emploi_durable", "Emploi de 6 mois ou plus"),
            ("emploi_de_transition", "Emploi de moins de 6 mois"),
            ("vehicle_repaired", "Véhicule réparé ou prêté"),
        ],
        "results": [11, 6, 21],
        "participants": 24,
        "single_parents": 7,
        "budget": [(BudgetCategory.MOBILITY, "9000.00")],
        "cofunding": [("Département de Maine-et-Loire", "3000.00")],
        "public": ["all_qpv", "long_term_unemployed"],
        "public_text": "Habitants des QPV de Saumur sans véhicule, en reprise d'emploi ou de formation.",
        "duration": "Prêt de 3 mois renouvelable une fois.",
        "transfer": "Un garage associatif ou d'insertion partenaire, une convention avec le Département, un local "
        "pour 6 véhicules. Compter 4 mois de mise en place.",
    },
    {
        "title": "Cap sur les métiers du soin",
        "barriers": ["employer_link", "confidence"],
        "description": "Immersions en EHPAD et à l'hôpital, puis entrée en formation d'aide-soignant avec un parrain.",
        "objectives": "Faire découvrir les métiers du soin qui recrutent et sécuriser l'entrée en formation.",
        "outcomes": [
            ("qualifying_training", "Entrée en formation qualifiante"),
            ("emploi_durable", "Emploi de 6 mois ou plus"),
        ],
        "results": [9, 5],
        "participants": 16,
        "single_parents": 6,
        "budget": [(BudgetCategory.TRAINING, "7500.00"), (BudgetCategory.COMPANY_VISITS, "1200.00")],
        "cofunding": [],
        "public": ["women", "long_term_unemployed"],
        "public_text": "Demandeuses et demandeurs d'emploi intéressés par le soin, sans diplôme du secteur.",
        "duration": "3 semaines d'immersion, puis la formation (10 mois).",
        "transfer": "Deux établissements de santé partenaires, l'institut de formation d'aides-soignants, "
        "un financement de la Région pour la formation.",
    },
    {
        "title": "Jobs d'été des quartiers",
        "barriers": ["employer_link"],
        "description": "Premiers emplois d'été pour les 16-20 ans des quartiers, préparés en atelier.",
        "objectives": "Une première expérience professionnelle et un réseau.",
        "outcomes": [("emploi_de_transition", "Contrat d'été signé")],
        "results": [3],
        "participants": 4,
        "single_parents": 0,
        "budget": [(BudgetCategory.OTHER, "1500.00")],
        "cofunding": [],
        "public": ["young_people"],
        "public_text": "Jeunes de 16 à 20 ans des QPV de Saumur.",
        "duration": "Juillet et août.",
        "transfer": "Un réseau d'employeurs saisonniers, une Mission locale partenaire.",
    },
]


def _editorial(spec, organisation) -> dict:
    return {
        "public_categories": spec["public"],
        "public_description": spec["public_text"],
        "duration_description": spec["duration"],
        "transfer_conditions": spec["transfer"],
        "contact_organisation": organisation.name,
        "contact_role": "Chargée de mission Cité de l'emploi",
        "contact_email": "cite-emploi@saumur.example.org",
        "contact_phone": "02 41 00 00 00",
    }


def _saumur_action(saumur, lead, envelope, spec, start) -> Action:
    action, _ = Action.objects.update_or_create(
        territory=saumur,
        title=spec["title"],
        defaults={
            "lead_organisation": lead,
            "barrier_categories": spec["barriers"],
            "description": spec["description"],
            "objectives": spec["objectives"],
            "status": ActionStatus.RUNNING,
            "start_date": start,
        },
    )
    types = [
        OutcomeType.objects.update_or_create(action=action, code=code, defaults={"label": label, "position": i})[0]
        for i, (code, label) in enumerate(spec["outcomes"])
    ]
    if not action.participations.exists():
        participations = Participation.objects.bulk_create(
            Participation(
                action=action,
                participant_label=f"Participant {n + 1:02d}",
                single_parent=n < spec["single_parents"],
                enrolled_on=start + datetime.timedelta(days=7 * n),
                status=ParticipationStatus.ENROLLED,
                enrolled_by=lead,
            )
            for n in range(spec["participants"])
        )
        ParticipationOutcome.objects.bulk_create(
            ParticipationOutcome(
                participation=p, outcome_type=outcome_type, achieved_on=p.enrolled_on + datetime.timedelta(days=60)
            )
            for outcome_type, count in zip(types, spec["results"], strict=True)
            for p in participations[:count]
        )
        for category, amount in spec["budget"]:
            Commitment.objects.create(
                envelope=envelope,
                action=action,
                category=category,
                label=f"{spec['title']} — {dict(BudgetCategory.choices)[category]}",
                amount=Decimal(amount),
                committed_on=start,
            )
        for funder, amount in spec["cofunding"]:
            CoFunding.objects.update_or_create(action=action, funder=funder, defaults={"amount": Decimal(amount)})
    return action


def seed(stdout=None) -> dict:
    today = timezone.localdate()
    saumur = Territory.objects.get(slug="saumur-val-de-loire")
    angers = Territory.objects.get(slug="angers-loire-metropole")
    saumur_coordinator = User.objects.get(username="coordinatrice.saumur")
    angers_coordinator = User.objects.get(username="coordinatrice")
    lead = Organisation.objects.filter(territory=saumur, kind=OrganisationKind.COORDINATOR).first()
    envelope, _ = Envelope.objects.get_or_create(territory=saumur, year=today.year)
    published = 0
    for number, spec in enumerate(SAUMUR_ACTIONS):
        action = _saumur_action(saumur, lead, envelope, spec, datetime.date(today.year, 1 + 2 * number, 6))
        if not PublishedSheet.objects.filter(action=action).exists():
            services.sheet_publish(actor=saumur_coordinator, action=action, **_editorial(spec, lead))
            published += 1
    paremploi = Action.objects.filter(territory=angers, title="Par'Emploi").first()
    if paremploi is not None and not PublishedSheet.objects.filter(action=paremploi).exists():
        services.sheet_publish(
            actor=angers_coordinator,
            action=paremploi,
            public_categories=["single_parents", "parents"],
            public_description="Familles des QPV d'Angers et de Trélazé en parcours d'insertion, dont 3 sur 4 "
            "monoparentales.",
            duration_description="6 mois d'accompagnement par famille, entrées tout au long de l'année.",
            transfer_conditions="Une association spécialisée dans la garde (ici Passerelles), des places réservées "
            "en crèche et chez des assistantes maternelles, la CAF et le Département autour de la table ; "
            "cofinancement FSE+ à demander 6 mois avant le démarrage.",
            contact_organisation="Aldev",
            contact_role="Chargée de mission Cité de l'emploi",
            contact_email="cite-emploi@aldev.example.org",
            contact_phone="02 41 00 00 01",
        )
        published += 1
    sheet = PublishedSheet.objects.filter(action=paremploi).first() if paremploi else None
    copied = 0
    if sheet is not None and not SheetCopy.objects.filter(sheet=sheet, territory=saumur).exists():
        services.sheet_copy(actor=saumur_coordinator, sheet=sheet)
        copied = 1
    if stdout is not None:
        stdout.write(f"Catalogue : {published} fiche(s) publiée(s), {copied} copie(s).")
    return {"published": published, "copied": copied}
