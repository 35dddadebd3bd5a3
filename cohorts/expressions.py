"""Portable date arithmetic (PostgreSQL and SQLite) for the milestones, computed in SQL.

`AddMonths` follows `cite_emploi.dates.add_months`: the same day N months later, clamped to the end of a shorter
month (31 August + 6 months = 28/29 February), so that the SQL and the person's file agree on every milestone.
"""

from django.db.models import DateField, Func
from django.db.models.functions import Coalesce

from .dates import MILESTONE_WINDOW_AFTER, MILESTONE_WINDOW_BEFORE


class AddMonths(Func):
    output_field = DateField()

    def __init__(self, expression, months: int, **extra):
        self.months = int(months)
        super().__init__(expression, **extra)

    def as_sql(self, compiler, connection, **extra_context):  # PostgreSQL (and the default)
        sql, params = compiler.compile(self.source_expressions[0])
        return f"CAST(({sql} + make_interval(months => {self.months})) AS date)", params

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        # SQLite rolls 31 Aug + 6 months over to 3 March: take the last day of the target month when shorter.
        return (
            f"min(date({sql}, '{self.months:+d} months'), "
            f"date({sql}, 'start of month', '{self.months + 1:+d} months', '-1 day'))",
            params * 2,
        )


class AddDays(Func):
    output_field = DateField()

    def __init__(self, expression, days: int, **extra):
        self.days = int(days)
        super().__init__(expression, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"CAST(({sql} + {self.days}) AS date)", params

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"date({sql}, '{self.days:+d} days')", params


def exit_date():
    """Early exit date, else the end of the year of follow-up (the 12-month milestone moves with an early exit)."""
    return Coalesce("left_early_on", "follow_up_end_date", output_field=DateField())


def window_start(expression):
    return AddDays(expression, -MILESTONE_WINDOW_BEFORE.days)


def window_end(expression):
    return AddDays(expression, MILESTONE_WINDOW_AFTER.days)
