from decimal import Decimal

from actions import demo as actions_demo
from actions.models import Action, Participation
from actions.selectors import action_indicators, envelope_for_year
from cohorts import demo as cohorts_demo
from partners import demo as partners_demo
from partners.models import User


def test_demo_paremploi_reads_as_domain_md_and_is_idempotent(db):
    partners_demo.seed()
    cohorts_demo.seed()
    first = actions_demo.seed()
    actions_demo.seed()
    paremploi = Action.objects.get(title="Par'Emploi")
    ind = action_indicators(paremploi)
    assert ind.participant_count == 63
    assert ind.single_parent_count == 48
    assert ind.single_parent_rate == Decimal("76.2")
    assert ind.outcomes == {
        "temporary_childcare": 15,
        "permanent_childcare": 14,
        "childminder": 2,
        "employment_or_training": 17,
    }
    assert paremploi.fse_plus_cofunded
    from_cohort = Participation.objects.filter(action=paremploi, job_seeker__isnull=False).count()
    assert 0 < from_cohort < 63
    assert Action.objects.filter(territory=paremploi.territory).count() == 4
    coordinator = User.objects.get(username="coordinatrice")
    envelope = envelope_for_year(coordinator, first["envelope"].year)
    assert envelope.amount == Decimal("100000.00")
    assert Decimal("75000") <= envelope.committed <= Decimal("85000")
