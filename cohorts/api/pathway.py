"""API of the path into the cohort (`candidates/`) and of the reconnection to mainstream schemes
(`scheme-connections/`). Scoped like the pages; every write goes through the services."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action as route
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.response import Response

from cite_emploi.api import FilterSet, api_error_from, id_filter
from partners.models import Meeting, Organisation

from .. import pathway, perms, selectors, services
from ..enums import CandidateStage, NotEnrolledReason, SituationKind
from ..forms import ENTRY_SITUATION_CHOICES
from ..models import QPV, Candidate, Cohort, SchemeConnection
from .audit import AuditedReadsMixin
from .permissions import PersonalData
from .serializers import JobSeekerSerializer, ScopedJobSeekerField


class StageConflict(APIException):
    status_code = 409
    default_detail = "Cette étape ne suit pas l'étape actuelle de la personne."
    default_code = "conflict"


class _Calls:
    http_method_names = ["get", "post", "patch", "head", "options"]

    def call(self, service, **kwargs):
        try:
            return service(actor=self.request.user, **kwargs)
        except pathway.StageConflict as exc:
            raise StageConflict(" ".join(exc.messages)) from exc
        except (DjangoValidationError, IntegrityError) as exc:
            raise api_error_from(exc) from exc


@extend_schema_field(OpenApiTypes.INT)
class _TerritoryField(serializers.PrimaryKeyRelatedField):
    """An object of the caller's territory (others are 'not found')."""

    def __init__(self, model, **kwargs):
        self.model = model
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.model.objects.for_territory(self.context["request"].user.territory_id)


# --- candidates ---------------------------------------------------------------------------------------------------
class CandidateSerializer(serializers.ModelSerializer):
    qpv = _TerritoryField(QPV, required=False, allow_null=True)
    stage = serializers.ChoiceField(choices=CandidateStage.choices, read_only=True)
    not_enrolled_reason = serializers.ChoiceField(
        choices=NotEnrolledReason.choices,
        allow_blank=True,
        read_only=True,
        help_text="Vide sauf pour une personne non inscrite (renseigné par `not-enrol/`).",
    )

    class Meta:
        model = Candidate
        fields = [
            "id",
            "first_name",
            "last_name",
            "birth_date",
            "qpv",
            "phone",
            "email",
            "identified_by",
            "identified_on",
            "consent_recorded_on",
            "consent_recorded_by",
            "stage",
            "contacted_on",
            "proposed_on",
            "decided_on",
            "not_enrolled_reason",
            "decision_meeting",
            "job_seeker",
        ]
        read_only_fields = [
            "identified_by",
            "consent_recorded_by",
            "contacted_on",
            "proposed_on",
            "decided_on",
            "decision_meeting",
            "job_seeker",
        ]
        extra_kwargs = {"identified_on": {"required": False}}

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and hasattr(self.instance, "pk"):
            fields["identified_on"].read_only = True
        return fields


class StepSerializer(serializers.Serializer):
    on = serializers.DateField(required=False, help_text="Date de l'étape ; aujourd'hui par défaut.")


class NotEnrolSerializer(StepSerializer):
    reason = serializers.ChoiceField(choices=NotEnrolledReason.choices)
    meeting = _TerritoryField(
        Meeting, required=False, allow_null=True, help_text="Réunion du groupe de suivi, quand il décide."
    )


class EnrolSerializer(serializers.Serializer):
    """What the enrolment needs beyond what was recorded at identification (which may be overridden)."""

    meeting = _TerritoryField(
        Meeting, required=False, allow_null=True, help_text="Réunion du groupe de suivi, quand il décide."
    )
    cohort = _TerritoryField(Cohort)
    sex = serializers.ChoiceField(choices=JobSeekerSerializer.Meta.model._meta.get_field("sex").choices)
    entry_date = serializers.DateField()
    consent_recorded_on = serializers.DateField(help_text="Consentement au partage du dossier entre partenaires.")
    entry_situation = serializers.ChoiceField(choices=ENTRY_SITUATION_CHOICES, default=SituationKind.JOB_SEEKING)
    referent_organisation = _TerritoryField(Organisation, required=False)
    birth_date = serializers.DateField(required=False)
    address = serializers.CharField(required=False, allow_blank=True)
    commune = serializers.CharField(required=False, allow_blank=True)
    france_travail_id = serializers.CharField(required=False, allow_blank=True)


class CandidateFilter(FilterSet):
    identified_by = id_filter("identified_by")

    class Meta:
        model = Candidate
        fields = ["stage", "identified_by"]


class CandidateViewSet(
    AuditedReadsMixin, _Calls, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
    mixins.UpdateModelMixin, viewsets.GenericViewSet,
):  # fmt: skip
    """People identified by partners, before enrolment. Coordinator: the territory; advisor: those her organisation
    identified; viewers and admins: 403 (the dashboard and the pack count them)."""

    serializer_class = CandidateSerializer
    permission_classes = [PersonalData]
    filterset_class = CandidateFilter
    ordering_fields = ["identified_on", "last_name", "stage"]

    def get_queryset(self):
        return pathway.candidates_for(self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = self.call(pathway.candidate_identify, **data)

    def perform_update(self, serializer):
        serializer.instance = self.call(
            pathway.candidate_update, candidate=serializer.instance, **serializer.validated_data
        )

    def _answer(self, candidate, status=200):
        candidate = self.get_queryset().get(pk=candidate.pk)
        return Response(CandidateSerializer(candidate, context=self.get_serializer_context()).data, status=status)

    def _require(self, rule: bool):
        """The right is checked before the body is read (403 before 400), as the pages do; the service checks again."""
        if not rule:
            raise PermissionDenied("Votre rôle ne permet pas cette étape pour cette personne.")

    def _step(self, request, service, serializer_class=StepSerializer):
        candidate = self.get_object()
        if service is pathway.candidate_not_enrol and candidate.stage == CandidateStage.PROPOSED:
            self._require(perms.can_decide_enrolment(request.user, candidate))
        else:
            self._require(perms.can_advance_candidate(request.user, candidate))
        body = serializer_class(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        return self._answer(self.call(service, candidate=candidate, **body.validated_data))

    @extend_schema(request=StepSerializer, responses=CandidateSerializer, summary="La personne a été contactée")
    @route(detail=True, methods=["post"])
    def contact(self, request, pk=None):
        return self._step(request, pathway.candidate_contact)

    @extend_schema(request=StepSerializer, responses=CandidateSerializer, summary="Proposer la personne à la cohorte")
    @route(detail=True, methods=["post"])
    def propose(self, request, pk=None):
        return self._step(request, pathway.candidate_propose)

    @extend_schema(request=NotEnrolSerializer, responses=CandidateSerializer, summary="Ne pas inscrire (motif)")
    @route(detail=True, methods=["post"], url_path="not-enrol")
    def not_enrol(self, request, pk=None):
        return self._step(request, pathway.candidate_not_enrol, NotEnrolSerializer)

    @extend_schema(
        request=EnrolSerializer,
        responses={201: CandidateSerializer},
        summary="Inscrire une personne proposée (coordination) : sa fiche de la cohorte est créée",
    )
    @route(detail=True, methods=["post"])
    def enrol(self, request, pk=None):
        candidate = self.get_object()
        self._require(perms.can_decide_enrolment(request.user, candidate))
        body = EnrolSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        self.call(pathway.candidate_enrol, candidate=candidate, **body.validated_data)
        return self._answer(candidate, status=201)


# --- scheme connections -------------------------------------------------------------------------------------------
class SchemeConnectionSerializer(serializers.ModelSerializer):
    job_seeker = ScopedJobSeekerField()
    organisation = _TerritoryField(Organisation)

    class Meta:
        model = SchemeConnection
        fields = ["id", "job_seeker", "scheme", "date", "organisation", "comment", "recorded_by"]
        read_only_fields = ["recorded_by"]


class SchemeConnectionFilter(FilterSet):
    job_seeker = id_filter("job_seeker")
    date_after = filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = SchemeConnection
        fields = ["job_seeker", "scheme", "date_after", "date_before"]


class SchemeConnectionViewSet(
    AuditedReadsMixin, _Calls, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):  # fmt: skip
    """Reconnections to mainstream schemes (France Travail, CEJ, PLIE, PASS IAE, Mission locale, RSA), as results."""

    serializer_class = SchemeConnectionSerializer
    permission_classes = [PersonalData]
    filterset_class = SchemeConnectionFilter
    ordering_fields = ["date"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return selectors.scheme_connections_for(self.request.user).order_by("date", "id")

    def perform_create(self, serializer):
        serializer.instance = self.call(services.scheme_connection_create, **serializer.validated_data)
