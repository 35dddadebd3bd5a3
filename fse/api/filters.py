from django_filters import rest_framework as filters

from cite_emploi.api import FilterSet

from ..enums import CofundingStatus
from ..models import Operation


class OperationFilter(FilterSet):
    status = filters.ChoiceFilter(choices=CofundingStatus.choices, label="état du cofinancement")

    class Meta:
        model = Operation
        fields = ["status"]
