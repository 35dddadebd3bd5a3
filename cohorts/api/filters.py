from django_filters import rest_framework as filters

from cite_emploi.api import id_filter

from ..enums import BarrierCategory, JobSeekerStatus
from ..models import QPV, Barrier, Cohort, FollowUp, JobSeeker, Situation
from ..selectors import filter_job_seekers


class QPVFilter(filters.FilterSet):
    class Meta:
        model = QPV
        fields = ["commune"]


class CohortFilter(filters.FilterSet):
    class Meta:
        model = Cohort
        fields = ["year"]


class JobSeekerFilter(filters.FilterSet):
    cohort = id_filter("cohort")
    qpv = id_filter("qpv")
    referent_organisation = id_filter("referent_organisation")
    status = filters.ChoiceFilter(choices=JobSeekerStatus.choices, method="filter_status")
    barrier_category = filters.ChoiceFilter(choices=BarrierCategory.choices, method="filter_barrier_category")
    search = filters.CharFilter(method="filter_search", label="Nom ou prénom (sans tenir compte des accents)")

    class Meta:
        model = JobSeeker
        fields = ["cohort", "status", "qpv", "referent_organisation", "barrier_category", "search"]

    def filter_status(self, queryset, name, value):
        return filter_job_seekers(queryset, user=self.request.user, status=value)

    def filter_barrier_category(self, queryset, name, value):
        return filter_job_seekers(queryset, user=self.request.user, barrier_category=value)

    def filter_search(self, queryset, name, value):
        return filter_job_seekers(queryset, user=self.request.user, search=value)


class BarrierFilter(filters.FilterSet):
    job_seeker = id_filter("job_seeker")

    class Meta:
        model = Barrier
        fields = ["job_seeker", "category", "status"]


class FollowUpFilter(filters.FilterSet):
    job_seeker = id_filter("job_seeker")
    organisation = id_filter("organisation")
    date_after = filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = FollowUp
        fields = ["job_seeker", "kind", "organisation", "date_after", "date_before"]


class SituationFilter(filters.FilterSet):
    job_seeker = id_filter("job_seeker")

    class Meta:
        model = Situation
        fields = ["job_seeker", "situation"]
