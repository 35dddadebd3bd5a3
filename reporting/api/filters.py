import django_filters

from ..enums import PackStatus
from ..models import MeetingPack


class MeetingPackFilter(django_filters.FilterSet):
    meeting = django_filters.NumberFilter(field_name="meeting_id")
    status = django_filters.ChoiceFilter(choices=PackStatus.choices)

    class Meta:
        model = MeetingPack
        fields = ["meeting", "status"]
