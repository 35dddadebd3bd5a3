from django_filters import rest_framework as filters

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


def _id(field_name):
    """An id filter that never validates against the whole table (no hint that an id exists elsewhere)."""
    return filters.NumberFilter(field_name=f"{field_name}_id")


class JobSeekerFilter(filters.FilterSet):
    cohort = _id("cohort")
    qpv = _id("qpv")
    referent_organisation = _id("referent_organisation")
    status = filters.ChoiceFilter(choices=JobSeekerStatus.choices, method="filter_status")
    barrier_category = filters.ChoiceFilter(choices=BarrierCategory.choices, method="filter_barrier_category")
    search = filters.CharFilter(method="filter_search", label="Nom ou prénom (sans tenir compte des accents)")

    class Meta:
        model = JobSeeker
        fields = ["cohort", "status", "qpv", "referent_organisation", "barrier_category", "search"]

    def filter_status(self, queryset, name, value):
        return filter_job_seekers(queryset, status=value)

    def filter_barrier_category(self, queryset, name, value):
        return filter_job_seekers(queryset, barrier_category=value)

    def filter_search(self, queryset, name, value):
        return filter_job_seekers(queryset, search=value)


class BarrierFilter(filters.FilterSet):
    job_seeker = _id("job_seeker")

    class Meta:
        model = Barrier
        fields = ["job_seeker", "category", "status"]


class FollowUpFilter(filters.FilterSet):
    job_seeker = _id("job_seeker")
    organisation = _id("organisation")
    date_after = filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = FollowUp
        fields = ["job_seeker", "kind", "organisation", "date_after", "date_before"]


class SituationFilter(filters.FilterSet):
    job_seeker = _id("job_seeker")

    class Meta:
        model = Situation
        fields = ["job_seeker", "situation"]
