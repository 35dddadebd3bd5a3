"""Give the outcome types recorded before the national classes the class their code or label says (else « autre »).

Reversible: going back leaves the field as it is (the previous migration removes it).
"""

from django.db import migrations

# Known codes of the demonstration and of the first Cités, then words of the label; the first match wins.
BY_CODE = {
    "employment_or_training": "sortie_positive",
    "training_entry": "sortie_positive",
    "cdi": "emploi_durable",
    "lasting_job": "emploi_durable",
}
BY_WORD = (
    ("emploi durable", "emploi_durable"),
    ("cdi", "emploi_durable"),
    ("emploi de transition", "emploi_de_transition"),
    ("formation qualifiante", "sortie_positive"),
    ("entrée en formation", "sortie_positive"),
    ("siae", "sortie_positive"),
)


def national_class(code: str, label: str) -> str:
    if code in BY_CODE:
        return BY_CODE[code]
    lowered = label.lower()
    for word, value in BY_WORD:
        if word in lowered:
            return value
    return "autre"


def classify(apps, schema_editor):
    OutcomeType = apps.get_model("actions", "OutcomeType")
    for outcome_type in OutcomeType.objects.only("pk", "code", "label").iterator():
        value = national_class(outcome_type.code, outcome_type.label)
        if value != "autre":
            OutcomeType.objects.filter(pk=outcome_type.pk).update(national_class=value)


class Migration(migrations.Migration):
    dependencies = [("actions", "0006_outcome_type_national_class")]

    operations = [migrations.RunPython(classify, migrations.RunPython.noop)]
