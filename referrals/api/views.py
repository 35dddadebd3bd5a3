"""referrals/ (GET, POST), referrals/{id}/accept/ and referrals/{id}/decline/ (POST, 409 once answered)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action as route
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.response import Response

from cite_emploi.api import api_error_from
from cohorts.api.audit import AuditedReadsMixin
from cohorts.api.permissions import PersonalData
from cohorts.services import consent_record

from .. import perms, selectors, services
from .filters import ReferralFilter
from .serializers import DeclineSerializer, ReferralSerializer


class Conflict(APIException):
    status_code = 409
    default_detail = "Cette orientation a déjà reçu sa réponse."
    default_code = "conflict"


class ReferralViewSet(
    AuditedReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """An organisation sees the referrals it sent or received; the coordinator, her territory's; a viewer none (403)."""

    serializer_class = ReferralSerializer
    permission_classes = [PersonalData]
    filterset_class = ReferralFilter
    ordering_fields = ["sent_at", "answered_at"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return selectors.referrals_for(self.request.user)

    def call(self, service, **kwargs):
        try:
            return service(actor=self.request.user, **kwargs)
        except services.ReferralAlreadyAnswered as exc:
            raise Conflict(str(exc)) from exc
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        except (DjangoValidationError, IntegrityError) as exc:
            raise api_error_from(exc) from exc

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        given_on = data.pop("consent_given_on", None)
        with transaction.atomic():
            if given_on is not None:
                try:
                    self.call(
                        consent_record,
                        job_seeker=data["job_seeker"],
                        organisation=data["to_organisation"],
                        given_on=given_on,
                    )
                except Exception as exc:
                    detail = getattr(exc, "detail", None)
                    if isinstance(detail, dict) and "given_on" in detail:
                        detail["consent_given_on"] = detail.pop("given_on")
                    raise
            serializer.instance = self.call(services.referral_send, **data)

    @extend_schema(
        request=None,
        responses={200: ReferralSerializer},
        summary="Accepter une orientation reçue (409 si déjà répondue)",
    )
    @route(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        referral = self.call(services.referral_accept, referral=self.get_object())
        return Response(ReferralSerializer(referral, context=self.get_serializer_context()).data)

    @extend_schema(
        request=DeclineSerializer,
        responses={200: ReferralSerializer},
        summary="Décliner une orientation reçue, avec un motif (409 si déjà répondue)",
    )
    @route(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        referral = self.get_object()
        body = DeclineSerializer(data=request.data)
        if not perms.can_answer_referral(request.user, referral):
            raise PermissionDenied("Seule l'organisation qui reçoit l'orientation, ou la coordination, y répond.")
        body.is_valid(raise_exception=True)
        referral = self.call(services.referral_decline, referral=referral, reason=body.validated_data["reason"])
        return Response(ReferralSerializer(referral, context=self.get_serializer_context()).data)
