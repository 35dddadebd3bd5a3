"""Database safeguard: the non-cancelled commitments of an envelope never exceed its amount.

The services already lock the envelope row (SELECT … FOR UPDATE) and check the remainder; this trigger enforces the
same rule for any write that would bypass them (admin, shell, SQL). It locks the envelope row too, so concurrent
writers are serialised in the same order as the services. PostgreSQL only (SQLite is for the demo and serialises
writes anyway). SQLSTATE 23514 (check_violation) reaches Django as an IntegrityError.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION actions_envelope_not_over_committed() RETURNS trigger AS $$
DECLARE
    envelope_amount numeric;
    envelope_id_to_check bigint;
    total numeric;
BEGIN
    IF TG_TABLE_NAME = 'actions_envelope' THEN
        envelope_id_to_check := NEW.id;
    ELSE
        envelope_id_to_check := NEW.envelope_id;
    END IF;
    SELECT amount INTO envelope_amount FROM actions_envelope WHERE id = envelope_id_to_check FOR UPDATE;
    IF TG_TABLE_NAME = 'actions_envelope' THEN
        envelope_amount := NEW.amount;
    END IF;
    SELECT COALESCE(SUM(amount), 0) INTO total FROM actions_commitment
        WHERE envelope_id = envelope_id_to_check AND status <> 'cancelled';
    IF total > envelope_amount THEN
        RAISE EXCEPTION 'Enveloppe % dépassée : % engagés pour % disponibles', envelope_id_to_check, total, envelope_amount
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER commitment_envelope_not_over_committed
    AFTER INSERT OR UPDATE ON actions_commitment
    FOR EACH ROW EXECUTE FUNCTION actions_envelope_not_over_committed();

CREATE CONSTRAINT TRIGGER envelope_not_below_commitments
    AFTER UPDATE OF amount ON actions_envelope
    FOR EACH ROW EXECUTE FUNCTION actions_envelope_not_over_committed();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS commitment_envelope_not_over_committed ON actions_commitment;
DROP TRIGGER IF EXISTS envelope_not_below_commitments ON actions_envelope;
DROP FUNCTION IF EXISTS actions_envelope_not_over_committed();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("actions", "0001_actions_participations_envelope_commitments")]

    operations = [migrations.RunPython(forward, backward)]
