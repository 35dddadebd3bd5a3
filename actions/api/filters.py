from django_filters import rest_framework as filters

from cite_emploi.api import FilterSet, id_filter

from ..enums import BarrierCategory
from ..models import Action, Commitment, Envelope, Participation, ParticipationOutcome


class ActionFilter(FilterSet):
    barrier_category = filters.ChoiceFilter(
        choices=BarrierCategory.choices, method="filter_barrier_category", label="frein visé"
    )
    year = filters.NumberFilter(
        method="filter_year", label="année (action en cours cette année-là)", min_value=1900, max_value=2100
    )

    class Meta:
        model = Action
        fields = ["status", "barrier_category", "year"]

    def filter_barrier_category(self, queryset, name, value):
        return queryset.addressing(value)

    def filter_year(self, queryset, name, value):
        return queryset.active_in_year(int(value))


class ParticipationFilter(FilterSet):
    action = id_filter("action")
    job_seeker = id_filter("job_seeker")

    class Meta:
        model = Participation
        fields = ["action", "job_seeker"]


class ParticipationOutcomeFilter(FilterSet):
    participation = id_filter("participation")
    action = id_filter("participation__action", label="action")
    code = filters.CharFilter(field_name="outcome_type__code", label="code")

    class Meta:
        model = ParticipationOutcome
        fields = ["participation", "action", "code"]


class EnvelopeFilter(FilterSet):
    class Meta:
        model = Envelope
        fields = ["year"]


class CommitmentFilter(FilterSet):
    envelope = id_filter("envelope")
    action = id_filter("action")

    class Meta:
        model = Commitment
        fields = ["envelope", "action", "category", "status"]
