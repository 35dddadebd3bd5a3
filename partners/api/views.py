from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from cite_emploi.api import api_error_from

from .. import services
from ..models import Organisation
from ..selectors import organisations_for
from .permissions import ReadAllWriteStaff
from .serializers import MeSerializer, OrganisationSerializer


class TokenView(ObtainAuthToken):
    """Exchange a username and password for an API token (`Authorization: Token <token>`)."""


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer, summary="L'utilisateur connecté")
    def get(self, request):
        return Response(MeSerializer(request.user).data)


class OrganisationFilter(filters.FilterSet):
    class Meta:
        model = Organisation
        fields = ["kind", "technical_group_member"]


class OrganisationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = OrganisationSerializer
    permission_classes = [ReadAllWriteStaff]
    filterset_class = OrganisationFilter
    search_fields = ["name", "short_name"]
    ordering_fields = ["name", "kind"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return organisations_for(self.request.user)

    def perform_create(self, serializer):
        try:
            serializer.instance = services.organisation_create(actor=self.request.user, **serializer.validated_data)
        except (DjangoValidationError, IntegrityError) as exc:
            raise api_error_from(exc) from exc

    def perform_update(self, serializer):
        try:
            serializer.instance = services.organisation_update(
                actor=self.request.user, organisation=serializer.instance, **serializer.validated_data
            )
        except (DjangoValidationError, IntegrityError) as exc:
            raise api_error_from(exc) from exc
