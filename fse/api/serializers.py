from rest_framework import serializers

from actions.models import Action

from .. import perms
from ..enums import SENSITIVE_FIELDS
from ..indicators import INDICATORS
from ..models import Operation


class OperationSerializer(serializers.ModelSerializer):
    actions = serializers.PrimaryKeyRelatedField(many=True, queryset=Action.objects.none())
    eligible_cost = serializers.SerializerMethodField(help_text="Coût total éligible (plan, forfaits compris).")
    amount_received = serializers.SerializerMethodField(help_text="FSE+ reçu (demandes de paiement payées).")
    cash_remaining = serializers.SerializerMethodField(help_text="FSE+ attendu moins reçu.")

    class Meta:
        model = Operation
        fields = [
            "id",
            "number",
            "title",
            "actions",
            "period_start",
            "period_end",
            "cofunding_rate",
            "status",
            "requested_on",
            "amount_requested",
            "programmed_on",
            "amount_programmed",
            "eligible_cost",
            "amount_received",
            "cash_remaining",
        ]
        read_only_fields = ["status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["actions"].child_relation.queryset = Action.objects.for_user(request.user)
            if not perms.can_view_finance(request.user):
                for name in ("eligible_cost", "amount_received", "cash_remaining"):
                    self.fields.pop(name)

    def _finance(self, operation):
        finance = self.context.setdefault("finance", {})
        if operation.pk not in finance:
            from ..selectors import operation_finance

            finance[operation.pk] = operation_finance(operation)
        return finance[operation.pk]

    def get_eligible_cost(self, operation) -> str:
        return f"{self._finance(operation).eligible_cost:.2f}"

    def get_amount_received(self, operation) -> str:
        return f"{self._finance(operation).received:.2f}"

    def get_cash_remaining(self, operation) -> str:
        return f"{self._finance(operation).remaining:.2f}"


def _result_field(label):
    return serializers.BooleanField(allow_null=True, help_text=label)


class ParticipantRowSerializer(serializers.Serializer):
    """One participant of the operation with her Annex I values; sensitive characteristics only for whom may read
    them (fse.perms.can_view_sensitive): the keys are omitted otherwise."""

    participation = serializers.IntegerField()
    job_seeker = serializers.IntegerField(allow_null=True)
    action = serializers.IntegerField()
    entered_on = serializers.DateField()
    left_on = serializers.DateField(allow_null=True)
    sex = serializers.CharField(allow_blank=True)
    age_band = serializers.CharField(allow_blank=True, help_text="under_18, 18_29, 30_54, 55_plus")
    labour_market_status = serializers.CharField(allow_blank=True)
    education_level = serializers.CharField(allow_blank=True)
    disability = serializers.CharField(required=False, help_text="yes, no, refused ou vide (non demandé).")
    third_country_national = serializers.CharField(required=False)
    foreign_background = serializers.CharField(required=False)
    minority = serializers.CharField(required=False)
    homeless = serializers.CharField(required=False)
    rural_area = serializers.CharField(required=False)
    leaving_job_searching = _result_field("EECR01")
    leaving_in_education = _result_field("EECR02")
    leaving_qualification = _result_field("EECR03")
    leaving_employed = _result_field("EECR04")
    six_months_employed = _result_field("EECR05")
    six_months_improved = _result_field("EECR06")
    from_history = serializers.ListField(child=serializers.CharField(), help_text="Résultats lus dans l'historique.")
    declarable = serializers.BooleanField()
    counted = serializers.BooleanField()
    missing = serializers.ListField(child=serializers.CharField())


def participant_data(row, *, sensitive: bool) -> dict:
    values = row.values
    data = {
        "participation": row.participation.pk,
        "job_seeker": row.participation.job_seeker_id,
        "action": row.participation.action_id,
        "entered_on": row.entered_on,
        "left_on": row.left_on,
        "sex": values.get("sex", ""),
        "age_band": values.get("age_band", ""),
        "labour_market_status": values.get("labour_market_status", ""),
        "education_level": values.get("education_level", ""),
        "from_history": sorted(row.from_history),
        "declarable": not row.pseudonymous,
        "counted": row.counted,
        "missing": [m for m in row.missing if sensitive or m != "sensitive"],
    }
    for name in (
        "leaving_job_searching",
        "leaving_in_education",
        "leaving_qualification",
        "leaving_employed",
        "six_months_employed",
        "six_months_improved",
    ):
        data[name] = values.get(name)
    if sensitive:
        data |= {name: values.get(name, "") for name in SENSITIVE_FIELDS}
    return data


class IndicatorCountSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    total = serializers.JSONField(help_text="Un nombre, ou « < 5 » / « s » sous le secret statistique.")
    female = serializers.JSONField()
    male = serializers.JSONField()
    other = serializers.JSONField()


class IndicatorTableSerializer(serializers.Serializer):
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    participants = serializers.IntegerField(help_text="Participations entrées pendant la période.")
    pseudonymous = serializers.IntegerField(help_text="Sous pseudonyme : non déclarables.")
    incomplete = serializers.IntegerField(help_text="Données d'entrée incomplètes : non comptés.")
    masked = serializers.BooleanField(help_text="Un effectif est masqué (secret statistique).")
    indicators = IndicatorCountSerializer(many=True)


def indicator_data(table) -> dict:
    return {
        "period_start": table.period_start,
        "period_end": table.period_end,
        "participants": table.participants,
        "pseudonymous": table.pseudonymous,
        "incomplete": table.incomplete,
        "masked": table.masked,
        "indicators": [
            {
                "code": line.indicator.code,
                "label": line.indicator.label,
                "total": line.counts["total"],
                "female": line.counts["F"],
                "male": line.counts["M"],
                "other": line.counts["X"],
            }
            for line in table.lines
        ],
    }


INDICATOR_CODES = [indicator.code for indicator in INDICATORS]
