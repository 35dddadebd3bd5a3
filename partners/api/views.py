from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from cite_emploi.api import FilterSet, api_error_from
from cite_emploi.throttling import ScopedRateThrottle

from .. import services
from ..models import Organisation
from ..selectors import organisations_for
from .permissions import ReadAllWriteStaff
from .serializers import MeSerializer, OrganisationSerializer


class TokenRequestSerializer(AuthTokenSerializer):
    otp = serializers.CharField(
        label="Code à usage unique",
        required=False,
        write_only=True,
        help_text="Obligatoire pour les comptes à double authentification (coordination, administration).",
    )

    def validate(self, attrs):
        from ..two_factor import has_code_device, match_code, two_factor_required

        attrs = super().validate(attrs)
        user = attrs["user"]
        if two_factor_required(user):
            if not has_code_device(user):
                raise serializers.ValidationError(
                    {"otp": ["Activez d'abord la double authentification en vous connectant à l'application."]}
                )
            code = (attrs.get("otp") or "").replace(" ", "")
            if not code or match_code(user, code) is None:
                raise serializers.ValidationError({"otp": ["Code à usage unique manquant ou invalide."]})
        return attrs


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


class TokenView(ObtainAuthToken):
    """Exchange a username and password (and a one-time code for two-factor accounts) for an API token."""

    serializer_class = TokenRequestSerializer
    # The credentials are in the body: no session (half signed-in or not) and no older token is looked at.
    authentication_classes = ()
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"

    @extend_schema(request=TokenRequestSerializer, responses=TokenResponseSerializer, summary="Obtenir un jeton d'API")
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token = services.api_token_issue(user=serializer.validated_data["user"])
        return Response({"token": token.key})


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer, summary="L'utilisateur connecté")
    def get(self, request):
        return Response(MeSerializer(request.user).data)


class OrganisationFilter(FilterSet):
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
