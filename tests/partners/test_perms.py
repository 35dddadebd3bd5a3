import pytest
from django.contrib.auth.models import AnonymousUser

from partners import perms
from tests.factories import UserFactory


@pytest.mark.parametrize(
    ("role", "manage", "personal", "audit"),
    [
        ("coordinator", True, True, True),
        ("admin", True, False, False),
        ("advisor", False, True, False),
        ("viewer", False, False, False),
    ],
)
def test_rules_per_role(territory, role, manage, personal, audit):
    user = UserFactory(role=role, organisation__territory=territory)
    assert perms.can_manage_organisations(user) is manage
    assert perms.can_view_personal_data(user) is personal
    assert perms.can_view_audit_log(user) is audit
    assert perms.is_in_territory(user, territory.pk)


def test_anonymous_and_user_without_territory_may_do_nothing(db):
    orphan = UserFactory(organisation=None, role="coordinator")
    for user in (AnonymousUser(), orphan):
        assert not perms.can_manage_organisations(user)
        assert not perms.can_view_personal_data(user)
        assert not perms.is_in_territory(user, None)


def test_is_in_territory_refuses_the_other_territory(coordinator, other_territory):
    assert not perms.is_in_territory(coordinator, other_territory.pk)
