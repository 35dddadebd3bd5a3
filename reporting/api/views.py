from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action as route
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from cite_emploi.api import api_error_from
from partners.api.permissions import InTerritory

from .. import perms, services
from ..selectors import packs_for
from .filters import MeetingPackFilter
from .national import BenchmarksView, QuarterlyReportViewSet
from .serializers import MeetingPackSerializer

__all__ = ["BenchmarksView", "MeetingPackViewSet", "QuarterlyReportViewSet"]


class PacksPermission(InTerritory):
    """Every role of the territory lists and downloads packs; only the coordinator requests one. The national viewer
    reads every territory's packs (anonymised aggregates)."""

    def has_permission(self, request, view):
        if perms.can_read_national_figures(request.user):
            self.message = "L'observatoire national lit les dossiers de séance, il n'en demande pas."
            return request.method in SAFE_METHODS
        if not super().has_permission(request, view):
            return False
        if request.method in SAFE_METHODS:
            return perms.can_view_packs(request.user)
        self.message = "Seule la coordination demande un dossier de séance."
        return perms.can_request_pack(request.user)


class MeetingPackViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = MeetingPackSerializer
    permission_classes = [PacksPermission]
    filterset_class = MeetingPackFilter
    ordering_fields = ["created_at", "period_end"]

    def get_queryset(self):
        return packs_for(self.request.user).order_by("-created_at", "-id")

    @extend_schema(responses={202: MeetingPackSerializer})
    def create(self, request, *args, **kwargs):
        """Request a pack: 202 with the pending pack; a Celery worker builds it, poll until `done` or `failed`."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            pack = services.meeting_pack_request(actor=request.user, **serializer.validated_data)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        except DjangoValidationError as exc:
            raise api_error_from(exc) from exc
        return Response(self.get_serializer(pack).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="Le PDF du dossier.")}
    )
    @route(detail=True, methods=["get"], url_path="download", url_name="download")
    def download(self, request, pk=None):
        """The PDF; each download is recorded (who, when) and written to the audit trail."""
        pack = self.get_object()
        if pack.status != "done" or not pack.file:
            raise Http404("Ce dossier n'est pas encore prêt.")
        services.meeting_pack_record_download(actor=request.user, pack=pack)
        return FileResponse(
            pack.file.open("rb"), as_attachment=True, filename=pack.filename(), content_type="application/pdf"
        )
