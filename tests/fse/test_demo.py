from actions import demo as actions_demo
from actions.models import CoFunding
from cohorts import demo as cohorts_demo
from fse import demo as fse_demo
from fse.selectors import indicator_table, operation_finance, participant_rows
from partners import demo as partners_demo
from reporting.management.commands.seed_demo import LATER_STEPS


def test_the_demo_has_an_fse_operation_for_paremploi_and_is_idempotent(db):
    partners_demo.seed()
    cohorts_demo.seed()
    actions_demo.seed()
    operation = fse_demo.seed()
    assert fse_demo.seed().pk == operation.pk
    assert fse_demo.seed in LATER_STEPS  # seed_demo runs it (registered at fse's ready())
    assert operation.actions.get().title == "Par'Emploi"
    # the action keeps its funders: the FSE+ line is the operation's, the CAF stays
    assert operation.cofunding.funder == "FSE+"
    assert set(CoFunding.objects.filter(action=operation.actions.get()).values_list("funder", flat=True)) == {
        "FSE+",
        "CAF de Maine-et-Loire",
    }
    finance = operation_finance(operation)
    assert finance.received > 0 and finance.evidence_until is not None
    table = indicator_table(participant_rows(operation), operation.period_start, operation.period_end)
    assert table.participants == 63 and table.pseudonymous > 0
    assert table.line("EECO11").counts["total"] > 0
