"""Anonymise the files whose retention delay is over. Dry run by default; `--wet-run` acts. Safe to run twice."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cohorts import retention


class Command(BaseCommand):
    help = (
        "Anonymise les fiches dont la durée de conservation est échue "
        f"({settings.RETENTION_YEARS_AFTER_LAST_CONTACT} ans après le dernier contact). "
        "Par défaut, n'affiche que ce qui serait fait ; --wet-run pour agir."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wet-run", action="store_true", help="Anonymiser pour de bon.")
        parser.add_argument("--date", help="Date de référence AAAA-MM-JJ (défaut : aujourd'hui).")

    def handle(self, *args, wet_run=False, date=None, **options):
        try:
            on = datetime.date.fromisoformat(date) if date else None
        except ValueError as exc:
            raise CommandError("Date invalide : utilisez le format AAAA-MM-JJ.") from exc
        due = retention.anonymise_due(on=on, wet_run=wet_run)
        verb = "anonymisée(s)" if wet_run else "à anonymiser (simulation, rien n'est modifié)"
        self.stdout.write(f"{len(due)} fiche(s) {verb}.")
        by_territory: dict[int, list] = {}
        for territory_id, pk, due_on in due:
            by_territory.setdefault(territory_id, []).append(f"n° {pk} (échéance {due_on:%d/%m/%Y})")
        for territory_id, files in by_territory.items():
            self.stdout.write(f"  territoire {territory_id} : {', '.join(files)}")
        candidates = retention.anonymise_candidates_due(on=on, wet_run=wet_run)
        self.stdout.write(f"{len(candidates)} personne(s) repérée(s) jamais inscrite(s) {verb}.")
        if not wet_run and (due or candidates):
            self.stdout.write("Relancez avec --wet-run pour anonymiser.")
