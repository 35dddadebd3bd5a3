import pytest

from partners.enums import AuditAction
from partners.models import AuditEntry
from partners.services import audit_record


def test_audit_record_stores_who_what_which_and_when(coordinator, organisation):
    entry = audit_record(actor=coordinator, action=AuditAction.VIEW, obj=organisation, fields={"name", "kind"})
    entry.refresh_from_db()
    assert entry.actor == coordinator
    assert entry.organisation == coordinator.organisation
    assert entry.territory_id == coordinator.territory_id
    assert entry.target == organisation
    assert entry.fields == ["kind", "name"]
    assert entry.created_at is not None


def test_audit_entries_are_scoped_by_territory(coordinator, other_coordinator, organisation):
    audit_record(actor=other_coordinator, action=AuditAction.EXPORT)
    mine = audit_record(actor=coordinator, action=AuditAction.EXPORT)
    assert list(AuditEntry.objects.for_user(coordinator)) == [mine]


def test_unknown_action_is_refused(coordinator):
    with pytest.raises(ValueError, match="inconnue"):
        audit_record(actor=coordinator, action="hack")
