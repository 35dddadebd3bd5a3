from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action as route
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from actions.models import Action
from cite_emploi.api import api_error_from
from partners.api.permissions import InTerritory
from partners.enums import AuditAction
from partners.services import audit_record

from .. import perms, schema, selectors, services
from ..sheet import exchange_file
from .filters import CatalogueFilter
from .serializers import CopiedActionSerializer, ImportResultSerializer, PublishSerializer, SheetSerializer


class CataloguePermission(BasePermission):
    """Reading (list, detail, search, export) is `can_read_catalogue`: every role of a territory and the national
    viewer, who sees the published sheets only (`PublishedSheet.objects.for_user`). Writing (copy, import, withdraw)
    needs a territory and a coordinator's right (catalogue/perms.py): never a national account."""

    message = InTerritory.message

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            if perms.can_read_catalogue(request.user):
                return True
            self.message = "Votre compte ne lit pas le catalogue des fiches action."
            return False
        if not InTerritory().has_permission(request, view):
            self.message = "Seule la coordination d'un territoire reprend, importe ou retire une fiche du catalogue."
            return False
        self.message = "Seule la coordination reprend une action du catalogue ou retire une fiche."
        return perms.can_copy(request.user)


def _call(service, **kwargs):
    try:
        return service(**kwargs)
    except DjangoPermissionDenied as exc:
        raise PermissionDenied(str(exc)) from exc
    except DjangoValidationError as exc:
        raise api_error_from(exc) from exc


class CatalogueViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Published action sheets of every Cité (and the caller's own withdrawn ones, in the detail)."""

    serializer_class = SheetSerializer
    permission_classes = [CataloguePermission]
    filterset_class = CatalogueFilter
    ordering_fields = ["published_at", "title", "total_cost"]

    def get_queryset(self):
        return selectors.catalogue_for(self.request.user)

    def get_object(self):
        sheet = selectors.sheet_for(self.request.user, self.kwargs["pk"])
        if sheet is None:
            raise Http404
        return sheet

    @extend_schema(
        request=None,
        responses={201: CopiedActionSerializer},
        summary="Copier la fiche dans mon territoire (nouvelle action en préparation, provenance gardée)",
    )
    @route(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def copy(self, request, pk=None):
        sheet = self.get_object()
        copy = _call(services.sheet_copy, actor=request.user, sheet=sheet)
        action = Action.objects.prefetch_related("partner_organisations", "outcome_types").get(pk=copy.action_id)
        return Response(CopiedActionSerializer(action).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses={200: OpenApiTypes.OBJECT},
        summary="Exporter les fiches publiées (filtres de la liste) en un fichier d'échange au schéma v1",
    )
    @route(detail=False, methods=["get"], url_path="export", pagination_class=None)
    def export(self, request):
        sheets = list(self.filter_queryset(self.get_queryset()).filter(is_published=True)[:500])
        document = schema.check(exchange_file([sheet.data for sheet in sheets]) if sheets else _empty_file())
        audit_record(actor=request.user, action=AuditAction.EXPORT, detail=f"catalogue : {len(sheets)} fiche(s) (api)")
        return Response(document)

    @extend_schema(
        request=OpenApiTypes.OBJECT,
        responses={201: ImportResultSerializer},
        summary="Importer un fichier d'échange (schéma v1) : toutes les fiches, ou aucune (400 avec les erreurs)",
    )
    @route(
        detail=False, methods=["post"], url_path="import", url_name="import", filter_backends=[], pagination_class=None
    )
    def import_file(self, request):
        if not perms.can_import(request.user):
            raise PermissionDenied("Seule la coordination importe des fiches dans le catalogue.")
        imported = _call(services.sheets_import, actor=request.user, document=request.data)
        return Response({"imported": [sheet.pk for sheet in imported]}, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: SheetSerializer}, summary="Retirer la fiche du catalogue")
    @route(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def unpublish(self, request, pk=None):
        sheet = self.get_object()
        if not perms.can_manage_sheet(request.user, sheet):
            raise PermissionDenied("Seule la coordination du territoire qui a publié la fiche peut la retirer.")
        _call(services.sheet_unpublish, actor=request.user, sheet=sheet)
        return Response(SheetSerializer(selectors.sheet_for(request.user, sheet.pk)).data)


def _empty_file() -> dict:
    """An exchange file needs one sheet at least: an empty export says so without a file."""
    raise NotFound("Aucune fiche publiée ne correspond à ces filtres : rien à exporter.")


class ActionPublishView(APIView):
    """`POST /api/v1/actions/{id}/publish/`: publish (again) the sheet of an action of the caller's territory."""

    permission_classes = [InTerritory]

    @extend_schema(
        request=PublishSerializer,
        responses={201: SheetSerializer},
        summary="Publier la fiche de l'action dans le catalogue national (chiffres figés, secret statistique)",
    )
    def post(self, request, pk):
        action = get_object_or_404(Action.objects.for_user(request.user), pk=pk)
        if not perms.can_publish(request.user, action):
            raise PermissionDenied("Seule la coordination du territoire de l'action publie sa fiche.")
        serializer = PublishSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = _call(services.sheet_publish, actor=request.user, action=action, **serializer.validated_data)
        sheet = selectors.sheet_for(request.user, version.sheet_id)
        return Response(SheetSerializer(sheet).data, status=status.HTTP_201_CREATED)
