from django_filters import rest_framework as filters

from cite_emploi.api import FilterSet, id_filter

from ..enums import Direction, ReferralStatus
from ..models import Referral


class ReferralFilter(FilterSet):
    job_seeker = id_filter("job_seeker")
    status = filters.ChoiceFilter(choices=ReferralStatus.choices)
    direction = filters.ChoiceFilter(
        choices=Direction.choices,
        method="filter_direction",
        label="received : reçues par l'organisation de l'appelant ; sent : envoyées par elle",
    )

    class Meta:
        model = Referral
        fields = ["status", "direction", "job_seeker"]

    def filter_direction(self, queryset, name, value):
        return queryset.direction(value, self.request.user.organisation_id)
