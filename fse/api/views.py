from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, renderers, serializers, viewsets
from rest_framework.decorators import action as route
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from actions.models import Participation
from cite_emploi import tabular
from cite_emploi.api import Pagination, api_error_from
from partners.api.permissions import InTerritory
from partners.enums import AuditAction
from partners.services import audit_record

from .. import perms, services
from ..exports import INDICATOR_HEADER, PARTICIPANT_HEADER, indicator_rows, participant_rows_for
from ..models import Operation
from ..selectors import indicator_table, participant_rows, protected_indicators
from .filters import OperationFilter
from .serializers import (
    IndicatorTableSerializer,
    OperationSerializer,
    ParticipantRowSerializer,
    indicator_data,
    participant_data,
)


class _FileRenderer(renderers.BaseRenderer):
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else b""


class CSVRenderer(_FileRenderer):
    media_type = "text/csv"
    format = "csv"


class XLSXRenderer(_FileRenderer):
    media_type = tabular.CONTENT_TYPES["xlsx"]
    format = "xlsx"


FILE_RENDERERS = [renderers.JSONRenderer, CSVRenderer, XLSXRenderer]


class OperationsPermission(InTerritory):
    """Everyone of the territory reads the operations (money fields for the budget's readers); the coordinator
    writes."""

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        if request.method in SAFE_METHODS:
            return perms.can_view_operations(request.user)
        self.message = "Seule la coordination crée et modifie les opérations FSE+."
        return perms.can_manage_operations(request.user)


class PeriodSerializer(serializers.Serializer):
    period_start = serializers.DateField(required=False)
    period_end = serializers.DateField(required=False)

    def validate(self, attrs):
        start, end = attrs.get("period_start"), attrs.get("period_end")
        if start and end and end < start:
            raise serializers.ValidationError({"period_end": "La fin de la période ne peut pas précéder son début."})
        return attrs


class OperationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = OperationSerializer
    permission_classes = [OperationsPermission]
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_class = OperationFilter
    search_fields = ["number", "title"]
    ordering_fields = ["period_start", "number"]

    def get_queryset(self):
        return (
            Operation.objects.for_user(self.request.user)
            .prefetch_related("actions")
            .order_by("-period_start", "number")
        )

    def _call(self, service, **kwargs):
        try:
            return service(actor=self.request.user, **kwargs)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        except (DjangoValidationError, IntegrityError) as exc:
            raise api_error_from(exc) from exc

    def perform_create(self, serializer):
        serializer.instance = self._call(services.operation_create, **serializer.validated_data)

    def perform_update(self, serializer):
        operation = self._call(services.operation_update, operation=serializer.instance, **serializer.validated_data)
        serializer.instance = self.get_queryset().get(pk=operation.pk)

    def _operation(self, pk) -> Operation:
        return get_object_or_404(Operation.objects.for_user(self.request.user), pk=pk)

    @extend_schema(
        summary="Participants de l'opération et leurs valeurs de l'annexe I (export ?format=csv ou xlsx)",
        parameters=[
            OpenApiParameter("complete", OpenApiTypes.BOOL, description="true : rien ne manque ; false : il manque"),
        ],
        responses={200: ParticipantRowSerializer(many=True), (200, "text/csv"): OpenApiTypes.BINARY},
    )
    @route(
        detail=True,
        methods=["get"],
        filter_backends=[],
        pagination_class=Pagination,
        renderer_classes=FILE_RENDERERS,
        url_path="participants",
        url_name="participants",
    )
    def participants(self, request, pk=None):
        if not perms.can_view_participants(request.user):
            raise PermissionDenied("Votre rôle ne donne pas accès aux données personnelles des participants.")
        operation = self._operation(pk)
        rows = participant_rows(operation, participations=Participation.objects.for_user(request.user))
        complete = request.query_params.get("complete")
        if complete not in (None, "", "true", "false"):
            raise ValidationError({"complete": ["Indiquez true ou false."]})
        if complete:
            rows = [r for r in rows if (not r.missing) == (complete == "true")]
        sensitive = {r.participation.pk: perms.can_view_sensitive(request.user, r.participation) for r in rows}
        fmt = request.accepted_renderer.format
        if fmt in ("csv", "xlsx"):
            audit_record(
                actor=request.user,
                action=AuditAction.EXPORT,
                obj=operation,
                detail=f"participants FSE+ ({fmt})",
                about=[r.participation.job_seeker_id for r in rows if r.participation.job_seeker_id],
            )
            lines = participant_rows_for(rows, lambda p: sensitive[p.pk])
            content = tabular.table_bytes(fmt, PARTICIPANT_HEADER, lines, title="Participants FSE+")
            response = Response(content, content_type=tabular.CONTENT_TYPES[fmt])
            response["Content-Disposition"] = f'attachment; filename="fse-{operation.pk}-participants.{fmt}"'
            return response
        page = self.paginate_queryset(rows)
        audit_record(
            actor=request.user,
            action=AuditAction.VIEW,
            obj=operation,
            detail="participants FSE+ (API)",
            about=[r.participation.job_seeker_id for r in page if r.participation.job_seeker_id],
        )
        data = [participant_data(r, sensitive=sensitive[r.participation.pk]) for r in page]
        return self.get_paginated_response(ParticipantRowSerializer(data, many=True).data)

    @extend_schema(
        summary="Indicateurs communs de l'annexe I de l'opération pour une période (export ?format=csv ou xlsx)",
        parameters=[PeriodSerializer],
        responses={200: IndicatorTableSerializer, (200, "text/csv"): OpenApiTypes.BINARY},
    )
    @route(
        detail=True,
        methods=["get"],
        filter_backends=[],
        pagination_class=None,
        renderer_classes=FILE_RENDERERS,
        url_path="indicators",
        url_name="indicators",
    )
    def indicators(self, request, pk=None):
        operation = self._operation(pk)
        period = PeriodSerializer(data=request.query_params)
        period.is_valid(raise_exception=True)
        start = period.validated_data.get("period_start") or operation.period_start
        end = period.validated_data.get("period_end") or operation.period_end
        table = indicator_table(participant_rows(operation), start, end)
        if not perms.sees_exact_counts(request.user):
            table = protected_indicators(table)
        fmt = request.accepted_renderer.format
        if fmt in ("csv", "xlsx"):
            audit_record(
                actor=request.user, action=AuditAction.EXPORT, obj=operation, detail=f"indicateurs FSE+ ({fmt})"
            )
            content = tabular.table_bytes(fmt, INDICATOR_HEADER, indicator_rows(table), title="Indicateurs annexe I")
            response = Response(content, content_type=tabular.CONTENT_TYPES[fmt])
            response["Content-Disposition"] = f'attachment; filename="fse-{operation.pk}-indicateurs.{fmt}"'
            return response
        return Response(IndicatorTableSerializer(indicator_data(table)).data)
