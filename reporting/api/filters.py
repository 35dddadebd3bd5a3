import django_filters

from cite_emploi.api import FilterSet

from ..enums import PackStatus
from ..models import MeetingPack, QuarterlyReport


class MeetingPackFilter(FilterSet):
    meeting = django_filters.NumberFilter(field_name="meeting_id")
    status = django_filters.ChoiceFilter(choices=PackStatus.choices)

    class Meta:
        model = MeetingPack
        fields = ["meeting", "status"]


class QuarterlyReportFilter(FilterSet):
    year = django_filters.NumberFilter()
    quarter = django_filters.ChoiceFilter(choices=[(q, str(q)) for q in (1, 2, 3, 4)])
    status = django_filters.ChoiceFilter(choices=PackStatus.choices)

    class Meta:
        model = QuarterlyReport
        fields = ["year", "quarter", "status"]
