"""Database safeguard: a person's cohort, QPV and referent organisation are of her territory, and her referent
belongs to her referent organisation.

`JobSeeker.clean()` (called by the services) checks the same rules with French messages; these triggers enforce
them for any write that bypasses the services (bulk inserts, SQL, admin, shell). A cohort cannot move to another
territory while people are enrolled in it. PostgreSQL only (the SQLite demo relies on `clean()`).
SQLSTATE 23514 (check_violation) reaches Django as an IntegrityError.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION cohorts_job_seeker_consistent() RETURNS trigger AS $$
BEGIN
    -- Django's save() writes every column: check only what changed (a referent who later moved to another
    -- organisation must not make the person's file impossible to save).
    IF TG_OP = 'UPDATE' AND NEW.territory_id = OLD.territory_id AND NEW.cohort_id = OLD.cohort_id
        AND NEW.qpv_id IS NOT DISTINCT FROM OLD.qpv_id
        AND NEW.referent_organisation_id = OLD.referent_organisation_id
        AND NEW.referent_id IS NOT DISTINCT FROM OLD.referent_id THEN
        RETURN NEW;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM cohorts_cohort WHERE id = NEW.cohort_id AND territory_id = NEW.territory_id) THEN
        RAISE EXCEPTION 'La cohorte % n''appartient pas au territoire % de la personne', NEW.cohort_id, NEW.territory_id
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.qpv_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM cohorts_qpv WHERE id = NEW.qpv_id AND territory_id = NEW.territory_id
    ) THEN
        RAISE EXCEPTION 'Le QPV % n''appartient pas au territoire % de la personne', NEW.qpv_id, NEW.territory_id
            USING ERRCODE = 'check_violation';
    END IF;
    IF NOT EXISTS (
        SELECT 1 FROM partners_organisation WHERE id = NEW.referent_organisation_id AND territory_id = NEW.territory_id
    ) THEN
        RAISE EXCEPTION 'L''organisation référente % n''appartient pas au territoire %', NEW.referent_organisation_id,
            NEW.territory_id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.referent_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM partners_user WHERE id = NEW.referent_id AND organisation_id = NEW.referent_organisation_id
    ) THEN
        RAISE EXCEPTION 'La personne référente % n''appartient pas à l''organisation référente %', NEW.referent_id,
            NEW.referent_organisation_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER job_seeker_consistent
    BEFORE INSERT OR UPDATE OF territory_id, cohort_id, qpv_id, referent_organisation_id, referent_id
    ON cohorts_jobseeker FOR EACH ROW EXECUTE FUNCTION cohorts_job_seeker_consistent();

CREATE OR REPLACE FUNCTION cohorts_cohort_keeps_its_people() RETURNS trigger AS $$
BEGIN
    IF NEW.territory_id <> OLD.territory_id AND EXISTS (
        SELECT 1 FROM cohorts_jobseeker WHERE cohort_id = NEW.id AND territory_id <> NEW.territory_id
    ) THEN
        RAISE EXCEPTION 'La cohorte % a des personnes inscrites : elle ne peut changer de territoire', NEW.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER cohort_keeps_its_people
    BEFORE UPDATE OF territory_id ON cohorts_cohort
    FOR EACH ROW EXECUTE FUNCTION cohorts_cohort_keeps_its_people();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS job_seeker_consistent ON cohorts_jobseeker;
DROP FUNCTION IF EXISTS cohorts_job_seeker_consistent();
DROP TRIGGER IF EXISTS cohort_keeps_its_people ON cohorts_cohort;
DROP FUNCTION IF EXISTS cohorts_cohort_keeps_its_people();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("cohorts", "0004_latest_situation_and_follow_up_indexes")]

    operations = [migrations.RunPython(forward, backward)]
