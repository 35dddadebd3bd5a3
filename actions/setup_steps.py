"""The actions app's step of the first-run checklist (see partners/setup.py)."""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from partners.setup import SetupStep, register

from .models import Envelope


def register_actions_steps() -> None:
    register(
        SetupStep(
            key="envelope",
            order=50,
            label="Ouvrir l'enveloppe de l'année",
            help="Le montant accordé par l'État (100 000 € par an en général), avant le premier engagement.",
            url_name="actions:budget",
            done_when=lambda: Exists(Envelope.objects.filter(territory=OuterRef("pk"), year=timezone.localdate().year)),
        )
    )
