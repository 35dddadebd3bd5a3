from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from partners.models import Territory

from ...qpv_import import decode_qpv_file, qpv_import, read_qpv_rows


class Command(BaseCommand):
    help = (
        "Importe la liste nationale des QPV (CSV : code, nom, commune) pour un territoire. "
        "Les lignes en erreur sont signalées avec leur numéro et rien n'est écrit ; sans effet la deuxième fois."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="fichier CSV (UTF-8, séparateur « ; » ou « , »)")
        parser.add_argument("--territory", default="angers-loire-metropole", help="identifiant du territoire")
        parser.add_argument(
            "--commune",
            action="append",
            dest="communes",
            help="commune à retenir (répétable) ; par défaut celles où le territoire a déjà des QPV",
        )
        parser.add_argument("--dry-run", action="store_true", help="vérifier et afficher sans rien écrire")

    def handle(self, *args, file, territory, communes, dry_run, **options):
        try:
            territory_obj = Territory.objects.get(slug=territory)
        except Territory.DoesNotExist as exc:
            raise CommandError(f"Territoire inconnu : {territory}") from exc
        path = Path(file)
        if not path.exists():
            raise CommandError(f"Fichier introuvable : {file}")
        text = decode_qpv_file(path.read_bytes())
        try:
            report = qpv_import(territory=territory_obj, rows=read_qpv_rows(text), communes=communes, dry_run=dry_run)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        for line, reason in report.errors:
            self.stderr.write(f"Ligne {line} : {reason}")
        if report.errors:
            raise CommandError(f"{len(report.errors)} ligne(s) en erreur : rien n'a été importé.")
        prefix = "[essai, rien n'est écrit] " if dry_run else ""
        self.stdout.write(
            f"{prefix}{territory_obj.name} : {len(report.created)} QPV créé(s), {len(report.updated)} mis à jour, "
            f"{report.unchanged} inchangé(s), {report.skipped_other_area} ligne(s) hors territoire ignorée(s)."
        )
