"""The path into the cohort and the reconnection to mainstream schemes, over the period (one query each).

- Path: per identifying organisation, the people identified, contacted, proposed, enrolled and not enrolled during
  the period (each stage counted on its own date; territory-wide: a person is in no cohort before she is enrolled).
- Schemes: per scheme, the people of the report reconnected to it during the period (distinct people).
"""

from django.db.models import Count, Q

from cohorts.enums import CandidateStage, Scheme
from cohorts.models import Candidate, SchemeConnection

from .types import PathwayFigures, PathwayRow, Period, Row

STAGES = ("identified", "contacted", "proposed", "enrolled", "not_enrolled")


def pathway_figures(territory_id: int, period: Period) -> PathwayFigures:
    start, end = period.start, period.end
    decided = Q(decided_on__gte=start, decided_on__lte=end)
    rows = (
        Candidate.objects.filter(territory_id=territory_id)
        .filter(
            Q(identified_on__gte=start, identified_on__lte=end)
            | Q(contacted_on__gte=start, contacted_on__lte=end)
            | Q(proposed_on__gte=start, proposed_on__lte=end)
            | decided
        )
        .order_by()
        .values("identified_by__short_name", "identified_by__name")
        .annotate(
            identified=Count("pk", filter=Q(identified_on__gte=start, identified_on__lte=end)),
            contacted=Count("pk", filter=Q(contacted_on__gte=start, contacted_on__lte=end)),
            proposed=Count("pk", filter=Q(proposed_on__gte=start, proposed_on__lte=end)),
            enrolled=Count("pk", filter=decided & Q(stage=CandidateStage.ENROLLED)),
            not_enrolled=Count("pk", filter=decided & Q(stage=CandidateStage.NOT_ENROLLED)),
        )
    )
    result = tuple(
        sorted(
            (
                PathwayRow(
                    organisation=row["identified_by__short_name"] or row["identified_by__name"],
                    **{name: row[name] for name in STAGES},
                )
                for row in rows
            ),
            key=lambda row: (-row.identified, row.organisation),
        )
    )
    total = PathwayRow("Total", **{name: sum(getattr(r, name) for r in result) for name in STAGES})
    return PathwayFigures(rows=result, total=total)


def scheme_figures(people, period: Period) -> tuple[Row, ...]:
    counts = dict(
        SchemeConnection.objects.filter(
            job_seeker__in=people.values("pk"), date__gte=period.start, date__lte=period.end
        )
        .order_by()
        .values_list("scheme")
        .annotate(n=Count("job_seeker", distinct=True))
    )
    return tuple(Row(code, label, counts.get(code, 0)) for code, label in Scheme.choices)
