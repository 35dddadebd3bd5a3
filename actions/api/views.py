from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action as route
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from cite_emploi.api import api_error_from
from cohorts.api.audit import AuditedReadsMixin

from .. import perms, services
from ..enums import CommitmentStatus
from ..exceptions import CommitmentFrozen, EnvelopeOverCommitted
from ..models import Action, Commitment, Envelope, Participation, ParticipationOutcome
from ..selectors import indicators_for_actions, protected_indicators
from .filters import ActionFilter, CommitmentFilter, EnvelopeFilter, ParticipationFilter, ParticipationOutcomeFilter
from .permissions import ActionsPermission, BudgetPermission, Conflict, ParticipationsPermission
from .serializers import (
    ActionSerializer,
    CommitmentCorrectionSerializer,
    CommitmentSerializer,
    EnvelopeSerializer,
    IndicatorsSerializer,
    ParticipationOutcomeSerializer,
    ParticipationSerializer,
)

PROTECTED_FIELDS = (
    "outcomes_by_class",
    "participant_count",
    "single_parent_count",
    "single_parent_rate",
    "outcomes",
    "cost_per_participant",
)


class _ServiceCalls:
    """Run a service, turning its errors into API answers (400 field errors, 403, 409 for the envelope)."""

    def call(self, service, **kwargs):
        try:
            return service(actor=self.request.user, **kwargs)
        except (EnvelopeOverCommitted, CommitmentFrozen) as exc:
            raise Conflict(exc.message) from exc
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        except (DjangoValidationError, IntegrityError) as exc:
            raise api_error_from(exc) from exc


class _ReadCreateUpdate(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    http_method_names = ["get", "post", "patch", "head", "options"]


class ActionViewSet(_ServiceCalls, _ReadCreateUpdate):
    serializer_class = ActionSerializer
    permission_classes = [ActionsPermission]
    filterset_class = ActionFilter
    search_fields = ["title", "description"]
    ordering_fields = ["start_date", "title", "status"]

    def get_queryset(self):
        return (
            Action.objects.for_user(self.request.user)
            .prefetch_related("partner_organisations", "outcome_types")
            .order_by("-start_date", "title")
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("status", None)
        serializer.instance = self.call(services.action_create, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        to_status = data.pop("status", None)
        action = self.call(services.action_update, action=serializer.instance, **data)
        if to_status is not None and to_status != action.status:
            action = self.call(services.action_transition, action=action, to_status=to_status)
        serializer.instance = self.get_queryset().get(pk=action.pk)

    @extend_schema(responses=IndicatorsSerializer, summary="Indicateurs de l'action (agrégés, sans donnée personnelle)")
    @route(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def indicators(self, request, pk=None):
        action = get_object_or_404(Action.objects.for_user(request.user), pk=pk)
        indicators = indicators_for_actions([action.pk])[action.pk]
        data = {
            name: getattr(indicators, name)
            for name in IndicatorsSerializer().fields  # the same figures as the page and the action sheet
        }
        if not perms.can_view_participations(request.user):  # statistical secrecy, the one function
            public = protected_indicators(indicators)
            data |= {name: getattr(public, name) for name in PROTECTED_FIELDS}
        return Response(IndicatorsSerializer(data).data)


class ParticipationViewSet(AuditedReadsMixin, _ServiceCalls, _ReadCreateUpdate):
    serializer_class = ParticipationSerializer
    permission_classes = [ParticipationsPermission]
    filterset_class = ParticipationFilter

    def get_queryset(self):
        return Participation.objects.for_user(self.request.user).order_by("action_id", "enrolled_on", "id")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = self.call(services.participation_enrol, **data)

    def perform_update(self, serializer):
        serializer.instance = self.call(
            services.participation_update, participation=serializer.instance, **serializer.validated_data
        )


class ParticipationOutcomeViewSet(
    AuditedReadsMixin,
    _ServiceCalls,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ParticipationOutcomeSerializer
    permission_classes = [ParticipationsPermission]
    filterset_class = ParticipationOutcomeFilter

    def get_queryset(self):
        return (
            ParticipationOutcome.objects.for_user(self.request.user)
            .select_related("outcome_type", "participation")
            .order_by("achieved_on", "id")
        )

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = self.call(
            services.participation_outcome_record,
            participation=data["participation"],
            code=data["outcome_type"]["code"],
            achieved_on=data.get("achieved_on"),
        )


class EnvelopeViewSet(
    _ServiceCalls, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = EnvelopeSerializer
    permission_classes = [BudgetPermission]
    filterset_class = EnvelopeFilter
    ordering_fields = ["year"]

    def get_queryset(self):
        return Envelope.objects.for_user(self.request.user).with_totals().order_by("-year")

    def perform_create(self, serializer):
        envelope = self.call(services.envelope_create, **serializer.validated_data)
        serializer.instance = self.get_queryset().get(pk=envelope.pk)


class CommitmentViewSet(_ServiceCalls, _ReadCreateUpdate):
    serializer_class = CommitmentSerializer
    permission_classes = [BudgetPermission]
    filterset_class = CommitmentFilter
    search_fields = ["label"]
    ordering_fields = ["committed_on", "amount"]

    def get_queryset(self):
        return Commitment.objects.for_user(self.request.user).order_by("-committed_on", "-id")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("status", None)
        data.pop("paid_on", None)
        serializer.instance = self.call(services.commitment_create, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        to_status = data.pop("status", None)
        paid_on = data.pop("paid_on", None)
        reason = data.pop("cancellation_reason", "")
        commitment = serializer.instance
        if commitment.is_frozen and (
            any(getattr(commitment, name) != value for name, value in data.items())
            or (paid_on is not None and paid_on != commitment.paid_on)
        ):
            raise Conflict(CommitmentFrozen().message)  # a paid commitment only changes status (cancel, with a reason)
        if data:
            commitment = self.call(services.commitment_update, commitment=commitment, **data)
        if to_status is not None and to_status != commitment.status:
            if to_status == CommitmentStatus.PAID:
                commitment = self.call(services.commitment_pay, commitment=commitment, paid_on=paid_on)
            elif to_status == CommitmentStatus.CANCELLED:
                commitment = self.call(services.commitment_cancel, commitment=commitment, reason=reason)
            else:
                commitment = self.call(services.commitment_reactivate, commitment=commitment)
        serializer.instance = commitment

    @extend_schema(
        request=CommitmentCorrectionSerializer,
        responses={201: CommitmentSerializer},
        summary="Corriger un engagement payé : annulation motivée et nouvel engagement",
    )
    @route(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        commitment = self.get_object()
        correction = CommitmentCorrectionSerializer(data=request.data, context=self.get_serializer_context())
        correction.is_valid(raise_exception=True)
        data = dict(correction.validated_data)
        reason = data.pop("reason")
        if "cofunding_source" in data:
            data["cofunding_source"] = data["cofunding_source"] or None
        replacement = self.call(services.commitment_correct, commitment=commitment, reason=reason, **data)
        return Response(CommitmentSerializer(replacement, context=self.get_serializer_context()).data, status=201)
