"""Contract dates and weekly hours on a situation; the outcome class is derived from them and stored.

Mapping of the former length choices (the class of every existing situation is unchanged):

| former code | new code | contract start | contract end | class |
|---|---|---|---|---|
| `cdd_6m_plus` | `cdd` | the situation's date | start + 6 months − 1 day (the shortest length "6 months or more" allows) | emploi durable |
| `temp_6m_plus` | `temp` | the situation's date | start + 6 months − 1 day | emploi durable |
| `cdd_under_6m` | `cdd` | the situation's date | start + 6 months − 2 days (the longest length "under 6 months" allows) | emploi de transition |
| `temp_under_6m` | `temp` | the situation's date | start + 6 months − 2 days | emploi de transition |

Those rows are marked `contract_dates_estimated`. Every other situation keeps its code and gets its class.
Backwards: `cdd`/`temp`/apprenticeship/professionalisation go back to the length code of their class, `cdi_interim`
to `cdi`, and the dates are dropped.
"""

import calendar
import datetime

import django.core.validators
from decimal import Decimal
from django.db import migrations, models

# Frozen copies of the rules of the time (a migration never imports the app's code).
CLASS_BY_KIND = {
    "cdi": "emploi_durable",
    "cdi_interim": "emploi_durable",
    "civil_service": "emploi_durable",
    "business_creation": "emploi_durable",
    "subsidised_contract": "emploi_de_transition",
    "qualifying_training": "sortie_positive",
    "siae": "sortie_positive",
}
LEGACY = {
    # former code: (new code, days before the 6-month mark of the estimated end, class)
    "cdd_6m_plus": ("cdd", 1, "emploi_durable"),
    "temp_6m_plus": ("temp", 1, "emploi_durable"),
    "cdd_under_6m": ("cdd", 2, "emploi_de_transition"),
    "temp_under_6m": ("temp", 2, "emploi_de_transition"),
}
BATCH = 2000


def _add_months(day, months):
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def forwards(apps, schema_editor):
    Situation = apps.get_model("cohorts", "Situation")
    for kind, outcome in CLASS_BY_KIND.items():
        Situation.objects.filter(situation=kind).update(outcome_class=outcome)
    batch = []
    for situation in Situation.objects.filter(situation__in=LEGACY).only("id", "date", "situation").iterator(BATCH):
        code, days_before, outcome = LEGACY[situation.situation]
        situation.situation = code
        situation.contract_start = situation.date
        situation.contract_end = _add_months(situation.date, 6) - datetime.timedelta(days=days_before)
        situation.contract_dates_estimated = True
        situation.outcome_class = outcome
        batch.append(situation)
        if len(batch) >= BATCH:
            Situation.objects.bulk_update(batch, FIELDS)
            batch = []
    if batch:
        Situation.objects.bulk_update(batch, FIELDS)


FIELDS = ["situation", "contract_start", "contract_end", "contract_dates_estimated", "outcome_class"]


def backwards(apps, schema_editor):
    Situation = apps.get_model("cohorts", "Situation")
    Situation.objects.filter(situation="cdi_interim").update(situation="cdi")
    for kinds, prefix in ((("cdd", "apprenticeship", "professionalisation"), "cdd"), (("temp",), "temp")):
        fixed = Situation.objects.filter(situation__in=kinds)
        fixed.filter(outcome_class="emploi_durable").update(situation=f"{prefix}_6m_plus")
        fixed.exclude(outcome_class="emploi_durable").update(situation=f"{prefix}_under_6m")



class Migration(migrations.Migration):

    dependencies = [
        ('cohorts', '0008_merge_authorless_records_and_territory_triggers'),
    ]

    operations = [
        migrations.AddField(
            model_name='situation',
            name='contract_dates_estimated',
            field=models.BooleanField(default=False, editable=False, help_text="Dates reprises d'une ancienne saisie par durée (« 6 mois ou plus », « moins de 6 mois »).", verbose_name='dates du contrat estimées'),
        ),
        migrations.AddField(
            model_name='situation',
            name='contract_end',
            field=models.DateField(blank=True, help_text="Obligatoire pour un CDD, une mission d'intérim, un contrat d'apprentissage ou de professionnalisation (6 mois ou plus : emploi durable).", null=True, verbose_name='fin du contrat'),
        ),
        migrations.AddField(
            model_name='situation',
            name='contract_start',
            field=models.DateField(blank=True, help_text='Pour un emploi : date de début du contrat.', null=True, verbose_name='début du contrat'),
        ),
        migrations.AddField(
            model_name='situation',
            name='outcome_class',
            field=models.CharField(choices=[('emploi_durable', 'Emploi durable (6 mois ou plus)'), ('emploi_de_transition', 'Emploi de transition (moins de 6 mois)'), ('sortie_positive', 'Sortie positive (formation, SIAE)'), ('autre', 'Autre situation')], default='autre', editable=False, max_length=30, verbose_name='classe de sortie'),
        ),
        migrations.AddField(
            model_name='situation',
            name='weekly_hours',
            field=models.DecimalField(blank=True, decimal_places=1, help_text='Durée hebdomadaire du travail (48 heures au plus).', max_digits=4, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0.5')), django.core.validators.MaxValueValidator(Decimal('48'))], verbose_name='heures par semaine'),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            model_name='situation',
            name='situation',
            field=models.CharField(choices=[('job_seeking', "En recherche d'emploi"), ('cdi', 'CDI'), ('cdi_interim', 'CDI intérimaire'), ('cdd', 'CDD'), ('temp', 'Intérim (mission)'), ('apprenticeship', "Contrat d'apprentissage"), ('professionalisation', 'Contrat de professionnalisation'), ('subsidised_contract', 'Contrat aidé chez un employeur ordinaire'), ('siae', "Embauche par une structure d'insertion (SIAE)"), ('civil_service', 'Emploi dans la fonction publique'), ('business_creation', "Création d'entreprise"), ('qualifying_training', 'Formation qualifiante ou pré-qualifiante'), ('other_training', 'Autre formation'), ('inactive', 'Inactivité'), ('moved_away', 'Déménagement'), ('lost_contact', 'Perte de contact'), ('other', 'Autre situation')], max_length=30, verbose_name='situation'),
        ),
        migrations.AddConstraint(
            model_name='situation',
            constraint=models.CheckConstraint(condition=models.Q(('contract_start__isnull', True), ('contract_end__isnull', True), ('contract_end__gte', models.F('contract_start')), _connector='OR'), name='situation_contract_ends_after_start', violation_error_message='La fin du contrat ne peut précéder son début.'),
        ),
    ]
