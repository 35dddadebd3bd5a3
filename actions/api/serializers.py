from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cite_emploi.api import BuiltFieldsOnce
from cohorts.enums import OutcomeClass
from cohorts.models import JobSeeker
from partners.models import Organisation

from ..enums import ActionStatus, BarrierCategory, CommitmentStatus
from ..models import Action, Commitment, Envelope, OutcomeType, Participation, ParticipationOutcome


def _user(serializer):
    return serializer.context["request"].user


class OutcomeTypeSerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    code = serializers.SlugField(max_length=60, required=False, help_text="Déduit du libellé s'il est omis.")

    national_class = serializers.ChoiceField(
        choices=OutcomeClass.choices,
        required=False,
        help_text="La classe nationale des sorties où ce résultat compte (emploi durable : 6 mois ou plus) ; "
        "« autre » par défaut.",
    )

    class Meta:
        model = OutcomeType
        fields = ["code", "label", "national_class"]


class ActionSerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    barrier_categories = serializers.ListField(
        child=serializers.ChoiceField(choices=BarrierCategory.choices), required=False, allow_empty=True
    )
    outcome_types = OutcomeTypeSerializer(many=True, required=False)
    status = serializers.ChoiceField(
        choices=ActionStatus.choices,
        required=False,
        help_text="En écriture : planned → running → closed seulement. Une création est toujours « planned ».",
    )

    class Meta:
        model = Action
        fields = [
            "id",
            "title",
            "description",
            "objectives",
            "lead_organisation",
            "partner_organisations",
            "barrier_categories",
            "status",
            "start_date",
            "end_date",
            "capacity",
            "fse_plus_cofunded",
            "shared_nationally",
            "outcome_types",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "request" in self.context:
            organisations = Organisation.objects.for_user(_user(self))
            self.fields["lead_organisation"].queryset = organisations
            self.fields["partner_organisations"].child_relation.queryset = organisations


@extend_schema_field(
    {
        "oneOf": [{"type": "integer"}, {"type": "string", "enum": ["< 5", "s"]}],
        "description": "Un effectif ; pour les observateurs, « < 5 » de 1 à 4 et « s » quand il permettrait de "
        "retrouver un effectif masqué par soustraction (secret statistique).",
    }
)
class SecretCountField(serializers.Field):
    """A count as `actions.selectors.protected_indicators` printed it: an integer, « < 5 » or « s »."""

    def to_representation(self, value):
        return value


class IndicatorsSerializer(serializers.Serializer):
    participant_count = SecretCountField(help_text="Participants inscrits (hors liste d'attente).")
    single_parent_count = SecretCountField()
    single_parent_rate = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        allow_null=True,
        help_text="En pourcentage, une décimale ; null pour les observateurs quand un des deux effectifs est masqué.",
    )
    outcomes = serializers.DictField(
        child=SecretCountField(),
        help_text="Nombre de résultats par code ; « < 5 » ou « s » pour les observateurs (secret statistique).",
    )
    committed = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="Engagé sur l'enveloppe.")
    paid = serializers.DecimalField(max_digits=12, decimal_places=2)
    cofunded = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="Cofinancements de l'action.")
    total_cost = serializers.DecimalField(max_digits=12, decimal_places=2)
    cost_per_participant = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        allow_null=True,
        help_text="null pour les observateurs quand le nombre de participants est masqué (il s'en déduirait).",
    )
    waiting_count = serializers.IntegerField()
    outcomes_by_class = serializers.DictField(
        child=SecretCountField(),
        help_text="Résultats additionnés par classe nationale (emploi_durable, emploi_de_transition, sortie_positive, "
        "autre), comme les sorties de la cohorte ; secret statistique pour les observateurs.",
    )


class ParticipationSerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    status = serializers.ChoiceField(
        choices=Participation._meta.get_field("status").choices,
        read_only=True,
        help_text="« waiting » quand l'action est complète à l'inscription.",
    )

    class Meta:
        model = Participation
        fields = [
            "id",
            "action",
            "job_seeker",
            "participant_label",
            "single_parent",
            "children_count",
            "enrolled_on",
            "left_on",
            "status",
        ]
        extra_kwargs = {"enrolled_on": {"required": False}, "participant_label": {"required": False}}
        validators = []  # the service and the database check uniqueness, with French messages

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "request" in self.context:
            user = _user(self)
            self.fields["action"].queryset = Action.objects.for_user(user)
            self.fields["job_seeker"].queryset = JobSeeker.objects.for_user(user)
        if self.instance is not None and not isinstance(self.instance, list | tuple) and hasattr(self.instance, "pk"):
            self.fields["action"].read_only = True
            self.fields["job_seeker"].read_only = True


class ParticipationOutcomeSerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    code = serializers.SlugField(source="outcome_type.code", help_text="Un des codes des outcome_types de l'action.")

    class Meta:
        model = ParticipationOutcome
        fields = ["id", "participation", "code", "achieved_on"]
        extra_kwargs = {"achieved_on": {"required": False}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "request" in self.context:
            self.fields["participation"].queryset = Participation.objects.for_user(_user(self))


class EnvelopeSerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    committed = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    paid = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    remaining = serializers.SerializerMethodField()

    class Meta:
        model = Envelope
        fields = ["id", "year", "amount", "funder", "committed", "paid", "remaining"]
        extra_kwargs = {"amount": {"required": False}, "funder": {"required": False}}
        validators = []

    @extend_schema_field(serializers.DecimalField(max_digits=12, decimal_places=2))
    def get_remaining(self, envelope) -> str:
        return f"{envelope.amount - envelope.committed:.2f}"


class CommitmentSerializer(BuiltFieldsOnce, serializers.ModelSerializer):
    status = serializers.ChoiceField(
        choices=CommitmentStatus.choices,
        required=False,
        help_text="En écriture : committed → paid (avec paid_on, par défaut aujourd'hui) ou cancelled ; "
        "cancelled → committed si l'enveloppe le permet et s'il n'a jamais été payé. Un engagement payé est figé "
        "(409 à toute modification) : il ne passe qu'à cancelled, avec cancellation_reason, ou se corrige par "
        "POST commitments/{id}/correct/.",
    )
    cancellation_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Motif de l'annulation ; obligatoire pour annuler un engagement payé.",
    )

    class Meta:
        model = Commitment
        fields = [
            "id",
            "envelope",
            "action",
            "category",
            "label",
            "amount",
            "committed_on",
            "status",
            "paid_on",
            "cofunding_source",
            "cancellation_reason",
            "replaces",
        ]
        read_only_fields = ["replaces"]
        extra_kwargs = {"committed_on": {"required": False}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "request" in self.context:
            user = _user(self)
            self.fields["envelope"].queryset = Envelope.objects.for_user(user)
            self.fields["action"].queryset = Action.objects.for_user(user)
        if self.instance is not None and hasattr(self.instance, "pk"):
            self.fields["envelope"].read_only = True


class CommitmentCorrectionSerializer(serializers.Serializer):
    """Correct a paid commitment: cancelled with `reason`, replaced by a new commitment (fields not given: copied)."""

    reason = serializers.CharField(help_text="Motif de la correction, conservé avec l'engagement annulé.")
    action = serializers.PrimaryKeyRelatedField(queryset=Action.objects.none(), required=False, allow_null=True)
    category = serializers.ChoiceField(choices=Commitment._meta.get_field("category").choices, required=False)
    label = serializers.CharField(max_length=200, required=False)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)
    committed_on = serializers.DateField(required=False)
    cofunding_source = serializers.CharField(max_length=120, required=False, allow_null=True, allow_blank=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "request" in self.context:
            self.fields["action"].queryset = Action.objects.for_user(_user(self))
