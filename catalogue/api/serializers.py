from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actions.api.serializers import ActionSerializer
from actions.enums import BarrierCategory

from ..enums import SheetOrigin, TargetPublic
from ..models import PublishedSheet


@extend_schema_field(
    {
        "type": "object",
        "description": "Un objet de la fiche au schéma v1 (docs/action-sheet.md, /catalogue/schema-v1.json).",
        "additionalProperties": True,
    }
)
class SheetPartField(serializers.Field):
    def to_representation(self, value):
        return value


@extend_schema_field(
    {
        "type": "array",
        "items": {"type": "object", "additionalProperties": True},
        "description": "Une liste de la fiche au schéma v1 (docs/action-sheet.md, /catalogue/schema-v1.json).",
    }
)
class SheetListField(SheetPartField):
    pass


def _part(name: str, help_text: str) -> SheetPartField:
    return SheetPartField(source=f"data.{name}", read_only=True, help_text=help_text)


def _list(name: str, help_text: str) -> SheetListField:
    return SheetListField(source=f"data.{name}", read_only=True, help_text=help_text)


class SheetSerializer(serializers.ModelSerializer):
    """A published sheet: its current version as published (figures frozen, statistical secrecy applied)."""

    version = serializers.IntegerField(source="current_version", read_only=True)
    territory = serializers.CharField(source="origin_territory", read_only=True, help_text="La Cité qui la publie.")
    origin = serializers.ChoiceField(choices=SheetOrigin.choices, read_only=True)
    published_at = serializers.DateTimeField(read_only=True)
    public = serializers.ListField(
        child=serializers.ChoiceField(choices=TargetPublic.choices), source="public_categories", read_only=True
    )
    barrier_categories = serializers.ListField(
        child=serializers.ChoiceField(choices=BarrierCategory.choices), read_only=True
    )
    description = serializers.CharField(source="data.description", read_only=True)
    objectives = serializers.CharField(source="data.objectives", read_only=True)
    public_description = serializers.CharField(source="data.public.description", read_only=True)
    lead_organisation = _part("lead_organisation", "Structure porteuse : {name, kind}.")
    partners = _list("partners", "Partenaires : [{name, kind}].")
    cost = _part("cost", "Coût total, part de l'enveloppe, cofinancements, coût par participant, par poste.")
    cofunding = _list("cost.cofunding", "Cofinancements : [{funder, amount}].")
    results = _part("results", "Résultats au jour de la publication, par classe nationale et propres à l'action.")
    duration = _part("duration", "Dates, durée en mois, description.")
    transfer_conditions = serializers.CharField(source="data.transfer_conditions", read_only=True)
    contact = _part("contact", "Contact professionnel : {organisation, role, email, phone}.")
    copied_count = serializers.IntegerField(source="copy_count", read_only=True, help_text="Cités qui l'ont copiée.")

    class Meta:
        model = PublishedSheet
        fields = [
            "id",
            "uid",
            "version",
            "territory",
            "origin",
            "is_published",
            "published_at",
            "title",
            "description",
            "objectives",
            "public",
            "public_description",
            "barrier_categories",
            "lead_organisation",
            "partners",
            "cost",
            "cofunding",
            "results",
            "duration",
            "transfer_conditions",
            "contact",
            "copied_count",
        ]
        read_only_fields = fields


class PublishSerializer(serializers.Serializer):
    public_categories = serializers.ListField(
        child=serializers.ChoiceField(choices=TargetPublic.choices), allow_empty=False, help_text="Publics visés."
    )
    public_description = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    duration_description = serializers.CharField(required=False, allow_blank=True, max_length=500)
    transfer_conditions = serializers.CharField(max_length=5000)
    contact_organisation = serializers.CharField(required=False, allow_blank=True, max_length=200)
    contact_role = serializers.CharField(required=False, allow_blank=True, max_length=200)
    contact_email = serializers.EmailField(max_length=254)
    contact_phone = serializers.CharField(required=False, allow_blank=True, max_length=30)


class ProvenanceSerializer(serializers.Serializer):
    sheet = serializers.IntegerField(source="sheet_id")
    version = serializers.IntegerField()
    territory = serializers.CharField(source="source_territory")
    copied_at = serializers.DateTimeField()


class CopiedActionSerializer(ActionSerializer):
    """The new action of the caller's territory, with where it comes from."""

    provenance = ProvenanceSerializer(source="catalogue_copy", read_only=True)

    class Meta(ActionSerializer.Meta):
        fields = [*ActionSerializer.Meta.fields, "provenance"]


class ImportResultSerializer(serializers.Serializer):
    imported = serializers.ListField(child=serializers.IntegerField(), help_text="Les fiches importées (ids).")
