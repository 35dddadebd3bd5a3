"""The demo's FSE+ operation: Par'Emploi, co-funded by the FSE+ (its « FSE+ » co-funding line is the operation's),
with a cost plan, a flat rate, expenses, a paid claim and the Annex I data of some participants. Idempotent."""

import datetime
from decimal import Decimal

from django.utils import timezone

from actions.models import Action
from partners.enums import Role
from partners.models import Territory, User

from . import services
from .enums import CostCategory, FlatRateBase
from .models import Operation
from .selectors import operation_participations

NUMBER = "202400815"


def seed(stdout=None) -> Operation | None:
    territory = Territory.objects.filter(slug="angers-loire-metropole").first()
    action = Action.objects.filter(territory=territory, title="Par'Emploi").first() if territory else None
    coordinator = User.objects.filter(organisation__territory=territory, role=Role.COORDINATOR).order_by("pk").first()
    if action is None or coordinator is None:
        return None
    existing = Operation.objects.filter(territory=territory, number=NUMBER).first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    operation = services.operation_create(
        actor=coordinator,
        actions=[action],
        number=NUMBER,
        title="Par'Emploi — garde d'enfants et insertion professionnelle",
        period_start=action.start_date,
        period_end=datetime.date(action.start_date.year + 2, 12, 31),
        cofunding_rate=Decimal("60.00"),
        requested_on=action.start_date - datetime.timedelta(days=90),
        amount_requested=Decimal("24000.00"),
        programmed_on=action.start_date - datetime.timedelta(days=30),
        amount_programmed=Decimal("24000.00"),
    )
    for category, label, amount in [
        (CostCategory.DIRECT_STAFF, "Conseillère famille (0,8 ETP)", "28000.00"),
        (CostCategory.PARTICIPANTS, "Places de garde temporaires", "9000.00"),
        (CostCategory.EXTERNAL_SERVICES, "Ateliers de parentalité", "3000.00"),
    ]:
        services.cost_line_add(
            actor=coordinator, operation=operation, category=category, label=label, amount=Decimal(amount)
        )
    services.flat_rate_set(
        actor=coordinator,
        operation=operation,
        covers=CostCategory.INDIRECT,
        base=FlatRateBase.DIRECT_STAFF,
        rate=Decimal("15.00"),
    )
    spent_on = min(today, action.start_date + datetime.timedelta(days=180))
    services.expense_add(
        actor=coordinator,
        operation=operation,
        category=CostCategory.DIRECT_STAFF,
        label="Salaires du premier semestre",
        amount=Decimal("14000.00"),
        incurred_on=spent_on,
    )
    claim = services.claim_create(
        actor=coordinator, operation=operation, amount_claimed=Decimal("9660.00"), submitted_on=spent_on
    )
    services.claim_record_payment(
        actor=coordinator,
        claim=claim,
        paid_on=min(today, spent_on + datetime.timedelta(days=60)),
        amount_received=Decimal("9660.00"),
    )
    answers = ["no", "no", "yes", "refused"]
    for index, participation in enumerate(operation_participations(operation).order_by("enrolled_on", "pk")[:20]):
        data = {
            "third_country_national": answers[index % 4],
            "foreign_background": answers[(index + 1) % 4],
            "minority": "refused" if index % 5 == 0 else "no",
            "homeless": "yes" if index % 7 == 0 else "no",
            "rural_area": "no",
        }
        if participation.job_seeker_id is None and index % 3:
            data |= {
                "last_name": f"Famille{index}",
                "first_name": "Participante",
                "birth_date": datetime.date(1988, 1 + index % 12, 1 + index),
                "sex": "F",
                "labour_market_status": "inactive" if index % 2 else "unemployed",
                "education_level": "isced_0_2",
            }
        services.participant_save(actor=coordinator, operation=operation, participation=participation, **data)
    if stdout is not None:
        stdout.write(f"FSE+ : {operation} pour « {action.title} ».")
    return operation
