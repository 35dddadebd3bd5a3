"""`meetings/`: read by everyone of the territory within her visibility (viewers: governance bodies only);
created and edited by the coordinator. Agenda, attendees and decisions are read-only nested lists."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import SAFE_METHODS

from cite_emploi.api import FilterSet, api_error_from

from .. import perms, services
from ..decision_links import visible_link_ids
from ..enums import MeetingKind
from ..models import AgendaItem, Attendee, Decision, Meeting, WorkingGroup
from ..selectors import meeting_detail_queryset
from .permissions import InTerritory


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["position", "title"]
        read_only_fields = fields


class AttendeeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attendee
        fields = ["id", "user", "organisation", "status"]
        read_only_fields = fields


class DecisionSerializer(serializers.ModelSerializer):
    job_seeker = serializers.SerializerMethodField(
        help_text="Personne concernée (groupes de suivi) ; null si l'appelant ne peut pas voir cette personne."
    )

    class Meta:
        model = Decision
        fields = ["id", "text", "owner", "due_date", "status", "job_seeker"]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_job_seeker(self, decision):
        return self.context.get("decision_links", {}).get("job_seeker", {}).get(decision.pk)


@extend_schema_field({"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$", "example": "14:30", "nullable": True})
class HourMinuteField(serializers.TimeField):
    """`HH:MM` (API.md), documented as such rather than as an RFC 3339 time with seconds."""


class MeetingSerializer(serializers.ModelSerializer):
    start_time = HourMinuteField(format="%H:%M", input_formats=["%H:%M", "%H:%M:%S"], required=False, allow_null=True)
    group = serializers.PrimaryKeyRelatedField(
        queryset=WorkingGroup.objects.none(),
        required=False,
        allow_null=True,
        help_text="Obligatoire pour un groupe de suivi.",
    )
    agenda = AgendaItemSerializer(source="agenda_items", many=True, read_only=True)
    attendees = AttendeeSerializer(many=True, read_only=True)
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "kind",
            "date",
            "start_time",
            "title",
            "location",
            "video_link",
            "group",
            "agenda",
            "minutes",
            "attendees",
            "decisions",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "group" in self.fields:
            self.fields["group"].queryset = WorkingGroup.objects.for_user(request.user)

    def to_representation(self, instance):
        """A follow-up group's decisions and minutes talk about people: hidden from who may not read them."""
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and not perms.can_read_case_review(request.user, instance):
            data["decisions"] = []
            data["minutes"] = ""
        return data

    def validate_kind(self, value):
        if self.instance is not None and value != self.instance.kind:
            raise serializers.ValidationError("Le type d'une réunion ne se modifie pas.")
        return value


class MeetingFilter(FilterSet):
    kind = filters.ChoiceFilter(choices=MeetingKind.choices)
    date = filters.DateFromToRangeFilter(label="date (date_after, date_before)")

    class Meta:
        model = Meeting
        fields = ["kind", "date"]


class CoordinatorWrites(InTerritory):
    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        if request.method in SAFE_METHODS:
            return True
        self.message = "Seule la coordination crée et modifie les réunions."
        return perms.can_manage_meetings(request.user)


class MeetingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = MeetingSerializer
    permission_classes = [CoordinatorWrites]
    filterset_class = MeetingFilter
    search_fields = ["title", "location"]
    ordering_fields = ["date", "kind"]
    ordering = ["date", "start_time", "id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return meeting_detail_queryset(self.request.user).order_by("date", "start_time", "id")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.request is not None and self.request.user.is_authenticated:
            context["decision_links"] = visible_link_ids(self.request.user)
        return context

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        try:
            meeting = services.meeting_create(actor=self.request.user, **data)
        except (DjangoValidationError, IntegrityError) as exc:
            raise api_error_from(exc) from exc
        serializer.instance = self.get_queryset().get(pk=meeting.pk)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("kind", None)
        try:
            meeting = services.meeting_update(actor=self.request.user, meeting=serializer.instance, **data)
        except (DjangoValidationError, IntegrityError) as exc:
            raise api_error_from(exc) from exc
        serializer.instance = self.get_queryset().get(pk=meeting.pk)
