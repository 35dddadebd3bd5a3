"""Serializers of the referrals API (API.md: referrals/). Sender organisation, dates and status come from the server."""

from rest_framework import serializers

from cohorts.api.serializers import ScopedJobSeekerField
from cohorts.enums import BarrierCategory
from cohorts.models import Barrier
from partners.models import Organisation

from ..enums import ReferralStatus
from ..models import Referral


class TerritoryOrganisationField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return Organisation.objects.for_user(self.context["request"].user).active()


class ScopedBarrierField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return Barrier.objects.for_user(self.context["request"].user)


class ReferralSerializer(serializers.ModelSerializer):
    job_seeker = ScopedJobSeekerField()
    to_organisation = TerritoryOrganisationField()
    barrier = ScopedBarrierField(required=False, allow_null=True)
    barrier_category = serializers.ChoiceField(choices=BarrierCategory.choices, required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=ReferralStatus.choices, read_only=True)
    consent_given_on = serializers.DateField(
        write_only=True,
        required=False,
        help_text="Date à laquelle la personne a consenti au partage de sa fiche avec l'organisation destinataire ; "
        "enregistrée avant l'envoi. Sans consentement déjà enregistré pour cette organisation, obligatoire.",
    )

    class Meta:
        model = Referral
        fields = [
            "id",
            "job_seeker",
            "from_organisation",
            "to_organisation",
            "reason",
            "barrier",
            "barrier_category",
            "status",
            "sent_at",
            "expires_at",
            "answered_at",
            "decline_reason",
            "consent_given_on",
        ]
        read_only_fields = ["from_organisation", "sent_at", "expires_at", "answered_at", "decline_reason"]


class DeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=2000,
        error_messages={"required": "Indiquez le motif du refus.", "blank": "Indiquez le motif du refus."},
    )
