from django_filters import rest_framework as filters

from actions.enums import BarrierCategory
from cite_emploi.api import FilterSet

from ..enums import OutcomeClass, TargetPublic
from ..models import PublishedSheet


class CatalogueFilter(FilterSet):
    barrier_category = filters.ChoiceFilter(
        choices=BarrierCategory.choices, method="filter_barrier_category", label="frein visé"
    )
    public = filters.ChoiceFilter(choices=TargetPublic.choices, method="filter_public", label="public visé")
    result_class = filters.ChoiceFilter(
        choices=OutcomeClass.choices, method="filter_result_class", label="avec des résultats dans cette classe"
    )
    cost_min = filters.NumberFilter(field_name="total_cost", lookup_expr="gte", label="coût total minimal (€)")
    cost_max = filters.NumberFilter(field_name="total_cost", lookup_expr="lte", label="coût total maximal (€)")
    search = filters.CharFilter(method="filter_search", label="recherche (sans accents ni majuscules)")

    class Meta:
        model = PublishedSheet
        fields = ["barrier_category", "public", "result_class", "cost_min", "cost_max", "search"]

    def filter_barrier_category(self, queryset, name, value):
        return queryset.addressing(value)

    def filter_public(self, queryset, name, value):
        return queryset.for_public(value)

    def filter_result_class(self, queryset, name, value):
        return queryset.with_result(value)

    def filter_search(self, queryset, name, value):
        return queryset.matching(value)
