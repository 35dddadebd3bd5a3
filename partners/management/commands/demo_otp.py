from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from partners.models import User
from partners.two_factor import current_code


class Command(BaseCommand):
    help = "Démonstration uniquement : affiche le code à usage unique du moment d'un compte de démonstration."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError("Refusé : DEBUG est désactivé. Cette commande ne sert qu'à la démonstration.")
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Aucun compte « {username} ».")
        code = current_code(user)
        if code is None:
            raise CommandError("Ce compte n'a pas d'application d'authentification enregistrée.")
        self.stdout.write(code)
