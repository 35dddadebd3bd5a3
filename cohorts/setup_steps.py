"""The cohorts app's steps of the first-run checklist (see partners/setup.py)."""

from django.db.models import Exists, OuterRef

from partners.setup import SetupStep, register

from .models import QPV, Cohort


def register_cohorts_steps() -> None:
    register(
        SetupStep(
            key="qpvs",
            order=10,
            label="Charger la liste des QPV du territoire",
            help="L'administration technique ou nationale dépose le fichier national des quartiers prioritaires.",
            url_name="cohorts:qpv_list",
            done_when=lambda: Exists(QPV.objects.filter(territory=OuterRef("pk"))),
        )
    )
    register(
        SetupStep(
            key="cohort",
            order=20,
            label="Créer la cohorte de l'année",
            help="Libellé, année, date de début et nombre de places (90 par défaut).",
            url_name="cohorts:cohort_create",
            done_when=lambda: Exists(Cohort.objects.filter(territory=OuterRef("pk"))),
        )
    )
