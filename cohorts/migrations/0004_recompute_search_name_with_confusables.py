"""Recompute `search_name` with the stricter normalisation (format characters dropped, look-alikes folded).

The function is imported from the project's core (`cite_emploi.text`), not from an app: should it change again,
a new migration like this one recomputes the column.
"""

from django.db import migrations


def recompute(apps, schema_editor):
    from cite_emploi.text import normalise

    JobSeeker = apps.get_model("cohorts", "JobSeeker")
    changed = []
    for person in JobSeeker.objects.only("pk", "first_name", "last_name", "search_name").iterator():
        value = normalise(f"{person.last_name} {person.first_name}")
        if value != person.search_name:
            person.search_name = value
            changed.append(person)
    JobSeeker.objects.bulk_update(changed, ["search_name"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("cohorts", "0003_job_seeker_anonymised_on_retention_notice")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
