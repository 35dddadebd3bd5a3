"""Invite a territory's first coordinator, as a superuser (after `createsuperuser`): the one bootstrap path.

    python manage.py invite_first_coordinator --by SUPERUSER --territory SLUG --organisation "Aldev" \
        --email prenom.nom@example.org --first-name Prénom --last-name Nom

The organisation (kind « structure coordinatrice ») is created if the territory has none of that name. The
invitation link is e-mailed and printed; the grant is in the territory's audit trail. Refused once the territory
has an active coordinator (she invites the others). Running it again replaces the pending invitation.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from partners.models import Organisation, Territory, User
from partners.services import coordinating_organisation_get_or_create, first_coordinator_invite


class Command(BaseCommand):
    help = "Invite la première coordinatrice (ou le premier coordinateur) d'un territoire (super-utilisateur)."

    def add_arguments(self, parser):
        parser.add_argument("--by", required=True, help="identifiant du super-utilisateur qui invite")
        parser.add_argument("--territory", required=True, help="identifiant (slug) du territoire")
        parser.add_argument("--organisation", required=True, help="nom de la structure coordinatrice")
        parser.add_argument("--email", required=True)
        parser.add_argument("--first-name", required=True)
        parser.add_argument("--last-name", required=True)

    @transaction.atomic
    def handle(self, *args, **options):
        actor = User.objects.filter(username=options["by"], is_superuser=True, is_active=True).first()
        if actor is None:
            raise CommandError(f"Aucun super-utilisateur actif « {options['by']} » (créez-le avec createsuperuser).")
        territory = Territory.objects.filter(slug=options["territory"]).first()
        if territory is None:
            raise CommandError(
                f"Territoire inconnu : {options['territory']} (créez-le dans /admin/ ou depuis « Territoires » de l'administration nationale)."
            )
        existed = Organisation.objects.filter(territory=territory, name__iexact=options["organisation"]).exists()
        organisation = coordinating_organisation_get_or_create(
            actor=actor, territory=territory, name=options["organisation"]
        )
        if not existed:
            self.stdout.write(f"Organisation créée : {organisation.name}")
        try:
            invitation, link = first_coordinator_invite(
                actor=actor,
                email=options["email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                organisation=organisation,
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"Invitation n° {invitation.pk} envoyée (valable {invitation.VALIDITY_DAYS} jours) : {link}")
