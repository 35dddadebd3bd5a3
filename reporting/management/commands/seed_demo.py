from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from actions import demo as actions_demo
from catalogue import demo as catalogue_demo
from cohorts import demo as cohorts_demo
from partners import demo as partners_demo
from partners import two_factor
from referrals import demo as referrals_demo
from reporting import demo as reporting_demo

# The demo of every app, in dependency order (reporting is the top layer: it may import them all); every
# step is idempotent.
STEPS = [
    partners_demo.seed,
    cohorts_demo.seed,
    referrals_demo.seed,
    actions_demo.seed,
    catalogue_demo.seed,
    cohorts_demo.link_decisions_to_job_seekers,
    cohorts_demo.seed_pathway,
    two_factor.seed_demo_devices,
    reporting_demo.seed,
]
# Apps above reporting (fse) add their demo step here at their ready(): reporting never imports them.
LATER_STEPS: list = []


class Command(BaseCommand):
    help = "Crée (ou complète) le territoire de démonstration d'Angers Loire Métropole. Sans effet la deuxième fois."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refusé : DEBUG est désactivé. Les comptes de démonstration ne se créent que sur une instance "
                "de développement (make demo)."
            )
        self.stdout.write("Chargement du territoire de démonstration (données fictives)…")
        with transaction.atomic():
            for step in [*STEPS, *LATER_STEPS]:
                step(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"Terminé. Mot de passe des comptes de démonstration : {partners_demo.DEMO_PASSWORD}")
        )
        for account in partners_demo.DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<22} {account.role:<12} {account.organisation_short_name}")
        self.stdout.write(
            "La coordination et l'administration ont la double authentification : après le mot de passe, saisissez "
            "le code donné par « .venv/bin/python manage.py demo_otp <identifiant> » (ou make demo-code ACCOUNT=…)."
        )
