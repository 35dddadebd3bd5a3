"""Viewsets of the cohorts API: qpvs/, cohorts/, job-seekers/, barriers/, follow-ups/, situations/,
team-memberships/, consents/."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action as route
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.response import Response

from cite_emploi.api import api_error_from

from .. import perms, selectors, services
from ..enums import TeamReason
from . import filters, serializers
from .audit import AuditedReadsMixin
from .permissions import PersonalData, ReadAllWriteCoordinator

READ = [mixins.ListModelMixin, mixins.RetrieveModelMixin]
WRITE = [mixins.CreateModelMixin, mixins.UpdateModelMixin]


class ServiceMixin:
    """Call the app's services; their ValidationError becomes a 400 with French field errors."""

    http_method_names = ["get", "post", "patch", "head", "options"]

    def call(self, service, **kwargs):
        try:
            return service(actor=self.request.user, **kwargs)
        except (DjangoValidationError, IntegrityError) as exc:
            raise api_error_from(exc) from exc

    def reload(self, instance):
        """The saved object as the list serves it (annotations included)."""
        return self.get_queryset().get(pk=instance.pk)


class QPVViewSet(*READ, viewsets.GenericViewSet):
    serializer_class = serializers.QPVSerializer
    filterset_class = filters.QPVFilter
    search_fields = ["name", "code"]
    ordering_fields = ["name", "commune", "code"]

    def get_queryset(self):
        return selectors.qpvs_for(self.request.user)


class CohortViewSet(ServiceMixin, *READ, *WRITE, viewsets.GenericViewSet):
    serializer_class = serializers.CohortSerializer
    permission_classes = [ReadAllWriteCoordinator]
    filterset_class = filters.CohortFilter
    ordering_fields = ["year", "label"]

    def get_queryset(self):
        return selectors.cohorts_for(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = self.reload(self.call(services.cohort_create, **serializer.validated_data))

    def perform_update(self, serializer):
        cohort = self.call(services.cohort_update, cohort=serializer.instance, **serializer.validated_data)
        serializer.instance = self.reload(cohort)


class JobSeekerViewSet(AuditedReadsMixin, ServiceMixin, *READ, *WRITE, viewsets.GenericViewSet):
    serializer_class = serializers.JobSeekerSerializer
    permission_classes = [PersonalData]
    filterset_class = filters.JobSeekerFilter
    ordering_fields = ["last_name", "entry_date", "follow_up_end_date"]

    def get_queryset(self):
        return selectors.job_seekers_for(self.request.user, on=timezone.localdate())

    def perform_create(self, serializer):
        serializer.instance = self.reload(self.call(services.job_seeker_enrol, **serializer.validated_data))

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        job_seeker = serializer.instance
        exit_fields = {key: data.pop(key) for key in ("left_early_on", "left_early_reason") if key in data}
        if data or not exit_fields:  # an empty PATCH still goes through the service's right check
            job_seeker = self.call(services.job_seeker_update, job_seeker=job_seeker, **data)
        if exit_fields:
            job_seeker = self.call(
                services.job_seeker_record_early_exit,
                job_seeker=job_seeker,
                left_early_on=exit_fields.get("left_early_on", job_seeker.left_early_on),
                left_early_reason=exit_fields.get("left_early_reason", job_seeker.left_early_reason),
            )
        serializer.instance = self.reload(job_seeker)


class BarrierViewSet(AuditedReadsMixin, ServiceMixin, *READ, *WRITE, viewsets.GenericViewSet):
    serializer_class = serializers.BarrierSerializer
    permission_classes = [PersonalData]
    filterset_class = filters.BarrierFilter
    ordering_fields = ["identified_on", "category", "status"]

    def get_queryset(self):
        return selectors.barriers_for(self.request.user).order_by("identified_on", "id")

    def perform_create(self, serializer):
        serializer.instance = self.call(services.barrier_create, **serializer.validated_data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("job_seeker", None)
        serializer.instance = self.call(services.barrier_update, barrier=serializer.instance, **data)


class FollowUpViewSet(AuditedReadsMixin, ServiceMixin, *READ, *WRITE, viewsets.GenericViewSet):
    """PATCH: the author only (403 for anyone else who sees the follow-up)."""

    serializer_class = serializers.FollowUpSerializer
    permission_classes = [PersonalData]
    filterset_class = filters.FollowUpFilter
    ordering_fields = ["date"]

    def get_queryset(self):
        return selectors.follow_ups_for(self.request.user).order_by("-date", "-id")

    def perform_create(self, serializer):
        serializer.instance = self.call(services.follow_up_create, **serializer.validated_data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("job_seeker", None)
        serializer.instance = self.call(services.follow_up_update, follow_up=serializer.instance, **data)


class SituationViewSet(AuditedReadsMixin, ServiceMixin, *READ, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.SituationSerializer
    permission_classes = [PersonalData]
    filterset_class = filters.SituationFilter
    ordering_fields = ["date"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return selectors.situations_for(self.request.user).order_by("date", "id")

    def perform_create(self, serializer):
        serializer.instance = self.call(services.situation_create, **serializer.validated_data)


class TeamMembershipViewSet(AuditedReadsMixin, ServiceMixin, *READ, *WRITE, viewsets.GenericViewSet):
    """team-memberships/: the follow-up team with its history. POST by the coordinator; PATCH ends a membership
    (the coordinator, or an advisor for her own organisation)."""

    serializer_class = serializers.TeamMembershipSerializer
    permission_classes = [PersonalData]
    filterset_class = filters.TeamMembershipFilter
    ordering_fields = ["started_on", "ended_on"]

    def get_queryset(self):
        return selectors.team_memberships_for(self.request.user)

    def call(self, service, **kwargs):
        try:
            return super().call(service, **kwargs)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.setdefault("reason", TeamReason.GROUP_DECISION)
        serializer.instance = self.call(services.team_member_add, **data)

    def perform_update(self, serializer):
        data = serializer.validated_data
        serializer.instance = self.call(
            services.team_member_end,
            member=serializer.instance,
            ended_on=data.get("ended_on"),
            end_reason=data.get("end_reason") or TeamReason.LEFT,
        )


class ConsentConflict(APIException):
    status_code = 409
    default_detail = "Ce consentement est déjà retiré."
    default_code = "conflict"


class ConsentViewSet(AuditedReadsMixin, *READ, viewsets.GenericViewSet):
    """consents/: the consents to sharing of the people the caller sees (exactly the files she may open); viewers,
    administrators and national roles get 403. POST consents/{id}/withdraw/ records the person's withdrawal."""

    serializer_class = serializers.ConsentSerializer
    permission_classes = [PersonalData]
    filterset_class = filters.ConsentFilter
    ordering_fields = ["given_on", "withdrawn_on"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return selectors.consents_for(self.request.user)

    @extend_schema(
        request=serializers.ConsentWithdrawSerializer,
        responses={
            200: serializers.ConsentSerializer,
            400: OpenApiResponse(description="Date invalide, dans le futur ou avant le recueil (erreurs par champ)."),
            403: OpenApiResponse(description="Le rôle ou l'organisation de l'appelante ne permet pas ce retrait."),
            404: OpenApiResponse(description="Consentement d'une personne que l'appelante ne voit pas."),
            409: OpenApiResponse(description="Ce consentement est déjà retiré."),
        },
        summary="Enregistrer le retrait d'un consentement au partage (409 si déjà retiré)",
    )
    @route(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        consent = self.get_object()
        if not perms.can_withdraw_consent(request.user, consent):
            raise PermissionDenied(services.CONSENT_WITHDRAW_DENIED)
        body = serializers.ConsentWithdrawSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            consent = services.consent_withdraw(
                actor=request.user, consent=consent, withdrawn_on=body.validated_data.get("withdrawn_on")
            )
        except services.ConsentAlreadyWithdrawn as exc:
            raise ConsentConflict(" ".join(exc.messages)) from exc
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        except (DjangoValidationError, IntegrityError) as exc:
            raise api_error_from(exc) from exc
        return Response(serializers.ConsentSerializer(self.get_queryset().get(pk=consent.pk)).data)
