from rest_framework import serializers

from cite_emploi.api import BuiltFieldsOnce

from ..models import Organisation, Territory, User


class TerritorySerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    class Meta:
        model = Territory
        fields = ["id", "name", "slug"]


class OrganisationSerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "short_name",
            "kind",
            "technical_group_member",
            "contact_email",
            "contact_phone",
            "address",
            "website",
            "siret",
            "is_active",
        ]


class OrganisationSummarySerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "short_name", "kind"]


class MeSerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    organisation = OrganisationSummarySerializer(read_only=True, allow_null=True)
    territory = TerritorySerializer(read_only=True, allow_null=True)

    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name", "email", "role", "organisation", "territory"]
        read_only_fields = fields
