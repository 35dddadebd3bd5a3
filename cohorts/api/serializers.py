"""Serializers of the cohorts API (fields as in API.md). Author, organisation and territory come from the caller."""

from rest_framework import serializers

from cite_emploi.api import BuiltFieldsOnce
from partners.models import Organisation, User

from .. import perms
from ..enums import (
    LEGACY_SITUATIONS,
    TEAM_END_REASONS,
    TEAM_JOIN_REASONS,
    BarrierStatus,
    JobSeekerStatus,
    OutcomeClass,
    SituationKind,
    from_legacy_situation,
)
from ..models import QPV, Barrier, Cohort, Consent, FollowUp, FollowUpTeamMember, JobSeeker, Situation


def _user(serializer):
    return serializer.context["request"].user


class ScopedJobSeekerField(serializers.PrimaryKeyRelatedField):
    """A person the caller may see (others are 'not found', as a 404 would say)."""

    def get_queryset(self):
        return JobSeeker.objects.for_user(self.context["request"].user)


class QPVSerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    class Meta:
        model = QPV
        fields = ["id", "code", "name", "commune"]


class CohortSerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Cohort
        fields = ["id", "label", "year", "start_date", "target_size", "member_count"]


class JobSeekerSerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=JobSeekerStatus.choices, read_only=True, source="current_status")
    current_situation = serializers.ChoiceField(choices=SituationKind.choices, read_only=True, allow_null=True)
    disability_recognised = serializers.BooleanField(
        required=False,
        help_text="RQTH : donnée de santé, absente de la réponse sauf pour l'organisation référente et la coordination.",
    )

    class Meta:
        model = JobSeeker
        fields = [
            "id",
            "cohort",
            "first_name",
            "last_name",
            "birth_date",
            "sex",
            "address",
            "commune",
            "qpv",
            "qpv_exception_reason",
            "phone",
            "email",
            "france_travail_id",
            "referent_organisation",
            "referent",
            "entry_date",
            "follow_up_end_date",
            "status",
            "left_early_on",
            "left_early_reason",
            "consent_recorded_on",
            "current_situation",
            "labour_market_status",
            "education_level",
            "rsa_beneficiary",
            "single_parent",
            "disability_recognised",
        ]
        read_only_fields = ["follow_up_end_date"]
        extra_kwargs = {"referent_organisation": {"required": False}}

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            territory_id = request.user.territory_id
            fields["cohort"].queryset = Cohort.objects.for_territory(territory_id)
            fields["qpv"].queryset = QPV.objects.for_territory(territory_id)
            fields["referent_organisation"].queryset = Organisation.objects.for_territory(territory_id)
            fields["referent"].queryset = User.objects.for_territory(territory_id)
        return fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not perms.can_view_health_data(_user(self), instance):
            data.pop("disability_recognised", None)
        return data


class BarrierSerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    """`action` (optional): the action of the Cité that addresses the barrier, in the caller's territory."""

    job_seeker = ScopedJobSeekerField()
    status = serializers.ChoiceField(choices=BarrierStatus.choices, required=False)

    class Meta:
        model = Barrier
        fields = ["id", "job_seeker", "category", "status", "identified_on", "lifted_on", "action", "comment"]
        extra_kwargs = {"lifted_on": {"required": False}, "action": {"required": False}}

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        action_model = Barrier._meta.get_field("action").related_model  # the actions app's model: no import upward
        fields["action"].queryset = (
            action_model.objects.for_user(request.user) if request else action_model.objects.none()
        )
        if self.instance is not None and not isinstance(self.instance, list | tuple) and hasattr(self.instance, "pk"):
            fields["job_seeker"].read_only = True
        return fields


class FollowUpSerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    job_seeker = ScopedJobSeekerField()
    confidential_note = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Absente de la réponse pour les autres organisations que celle de l'auteur.",
    )

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "job_seeker",
            "date",
            "kind",
            "author",
            "organisation",
            "summary",
            "confidential_note",
            "next_step",
            "next_step_due",
        ]
        read_only_fields = ["author", "organisation"]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and hasattr(self.instance, "pk"):
            fields["job_seeker"].read_only = True
        return fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not perms.can_view_confidential_note(_user(self), instance):
            data.pop("confidential_note", None)
        return data


class SituationSerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    job_seeker = ScopedJobSeekerField()
    situation = serializers.ChoiceField(
        choices=[*SituationKind.choices, *((code, f"{code} (ancien code)") for code in LEGACY_SITUATIONS)],
        help_text="Les anciens codes par durée (cdd_6m_plus, cdd_under_6m, temp_6m_plus, temp_under_6m) sont encore "
        "acceptés : ils deviennent un CDD ou une mission d'intérim aux dates estimées (docs/cohorts.md). Envoyez "
        "plutôt cdd ou temp avec contract_start et contract_end.",
    )
    outcome_class = serializers.ChoiceField(
        choices=OutcomeClass.choices,
        read_only=True,
        help_text="Dérivée de la situation et, pour un contrat à durée limitée, de ses dates (6 mois ou plus : "
        "emploi durable).",
    )

    class Meta:
        model = Situation
        fields = [
            "id",
            "job_seeker",
            "date",
            "situation",
            "contract_start",
            "contract_end",
            "weekly_hours",
            "outcome_class",
            "employer",
            "comment",
        ]

    def validate(self, attrs):
        if attrs.get("situation") in LEGACY_SITUATIONS and attrs.get("date") and not attrs.get("contract_end"):
            attrs = {**attrs, **from_legacy_situation(attrs["situation"], attrs["date"])}
        elif attrs.get("situation") in LEGACY_SITUATIONS:
            attrs = {**attrs, "situation": LEGACY_SITUATIONS[attrs["situation"]][0]}
        return attrs


class TeamMembershipSerializer(serializers.ModelSerializer):
    """A membership of a person's follow-up team. POST: the coordinator adds an organisation (reason group_decision or
    enrolment; `referral` memberships are made by accepting a referral). PATCH: only `ended_on` and `end_reason`
    (left or group_decision) — the end of the membership; from that day the organisation no longer reads the file."""

    job_seeker = ScopedJobSeekerField()
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.none())
    reason = serializers.ChoiceField(choices=[(r.value, r.label) for r in TEAM_JOIN_REASONS], required=False)
    end_reason = serializers.ChoiceField(
        choices=[(r.value, r.label) for r in TEAM_END_REASONS], required=False, allow_blank=True
    )
    active = serializers.SerializerMethodField()

    class Meta:
        model = FollowUpTeamMember
        fields = ["id", "job_seeker", "organisation", "started_on", "ended_on", "reason", "end_reason", "active"]
        read_only_fields = ["started_on"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["organisation"].queryset = Organisation.objects.for_user(request.user)
        if self.instance is not None:  # an update ends the membership: nothing else changes
            for name in ("job_seeker", "organisation", "reason"):
                fields[name].read_only = True
        else:
            for name in ("ended_on", "end_reason"):
                fields[name].read_only = True
        return fields

    def get_active(self, obj) -> bool:
        return obj.is_active


class ConsentSerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    """A person's consent to the sharing of her file with a partner organisation, read-only: recorded when a referral
    is sent (`referrals/`), withdrawn by `consents/{id}/withdraw/`. `recorded_by` is a user id (null once the account
    is gone); `in_force` is true until `withdrawn_on`."""

    in_force = serializers.BooleanField(read_only=True, help_text="Vrai tant que le consentement n'est pas retiré.")

    class Meta:
        model = Consent
        fields = ["id", "job_seeker", "purpose", "organisation", "given_on", "recorded_by", "withdrawn_on", "in_force"]
        read_only_fields = fields


class ConsentWithdrawSerializer(serializers.Serializer):
    withdrawn_on = serializers.DateField(
        required=False,
        help_text="Jour du retrait (AAAA-MM-JJ) : aujourd'hui si absent ; ni dans le futur, ni avant le recueil.",
        error_messages={"invalid": "Saisissez une date au format AAAA-MM-JJ."},
    )
