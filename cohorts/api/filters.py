from django_filters import rest_framework as filters

from cite_emploi.api import FilterSet, id_filter

from ..enums import BarrierCategory, JobSeekerStatus
from ..models import QPV, Barrier, Cohort, Consent, FollowUp, FollowUpTeamMember, JobSeeker, Situation
from ..selectors import DUE_CHOICES, filter_job_seekers


class QPVFilter(FilterSet):
    class Meta:
        model = QPV
        fields = ["commune"]


class CohortFilter(FilterSet):
    class Meta:
        model = Cohort
        fields = ["year"]


class JobSeekerFilter(FilterSet):
    cohort = id_filter("cohort")
    qpv = id_filter("qpv")
    referent_organisation = id_filter("referent_organisation")
    status = filters.ChoiceFilter(choices=JobSeekerStatus.choices, method="filter_status")
    barrier_category = filters.ChoiceFilter(choices=BarrierCategory.choices, method="filter_barrier_category")
    search = filters.CharFilter(method="filter_search", label="Nom ou prénom (sans tenir compte des accents)")
    due = filters.ChoiceFilter(
        choices=DUE_CHOICES,
        method="filter_due",
        label="À faire aujourd'hui : prochaine étape en retard (next_step_late), situation de jalon à saisir "
        "(milestone_to_record), sans contact depuis 30 jours (no_recent_contact) — les personnes que comptent les "
        "chiffres « À faire » du tableau de bord de la coordination.",
    )

    class Meta:
        model = JobSeeker
        fields = ["cohort", "status", "qpv", "referent_organisation", "barrier_category", "search", "due"]

    def filter_status(self, queryset, name, value):
        return filter_job_seekers(queryset, user=self.request.user, status=value)

    def filter_barrier_category(self, queryset, name, value):
        return filter_job_seekers(queryset, user=self.request.user, barrier_category=value)

    def filter_due(self, queryset, name, value):
        return filter_job_seekers(queryset, user=self.request.user, due=value)

    def filter_search(self, queryset, name, value):
        return filter_job_seekers(queryset, user=self.request.user, search=value)


class BarrierFilter(FilterSet):
    job_seeker = id_filter("job_seeker")

    class Meta:
        model = Barrier
        fields = ["job_seeker", "category", "status"]


class FollowUpFilter(FilterSet):
    job_seeker = id_filter("job_seeker")
    organisation = id_filter("organisation")
    date_after = filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = FollowUp
        fields = ["job_seeker", "kind", "organisation", "date_after", "date_before"]


class SituationFilter(FilterSet):
    job_seeker = id_filter("job_seeker")

    class Meta:
        model = Situation
        fields = ["job_seeker", "situation"]


class TeamMembershipFilter(FilterSet):
    job_seeker = id_filter("job_seeker")
    organisation = id_filter("organisation")
    active = filters.BooleanFilter(method="filter_active", label="En cours aujourd'hui (true) ou terminée (false)")

    class Meta:
        model = FollowUpTeamMember
        fields = ["job_seeker", "organisation", "active"]

    def filter_active(self, queryset, name, value):
        active = FollowUpTeamMember.objects.active().values("pk")
        return queryset.filter(pk__in=active) if value else queryset.exclude(pk__in=active)


class ConsentFilter(FilterSet):
    job_seeker = id_filter("job_seeker")
    organisation = id_filter("organisation")
    in_force = filters.BooleanFilter(
        field_name="withdrawn_on", lookup_expr="isnull", label="En vigueur (true) ou retiré (false)"
    )

    class Meta:
        model = Consent
        fields = ["job_seeker", "organisation", "in_force"]
