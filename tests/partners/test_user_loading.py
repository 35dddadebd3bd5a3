"""The signed-in user read by one fixed statement (partners.user_loading) is the object the ORM would give."""

import pytest
from rest_framework.authtoken.models import Token

from partners.models import User
from partners.user_loading import token_with_user, user_by_id
from tests.factories import UserFactory


def _orm(user_id):
    return User.objects.select_related("organisation__territory").get(pk=user_id)


def _values(obj):
    return {field.attname: getattr(obj, field.attname) for field in type(obj)._meta.concrete_fields}


def test_a_territory_account_comes_with_organisation_and_territory_as_the_orm_gives_them(
    coordinator, django_assert_num_queries
):
    with django_assert_num_queries(1):
        user = user_by_id(coordinator.pk)
    expected = _orm(coordinator.pk)
    with django_assert_num_queries(0):
        assert _values(user) == _values(expected)
        assert _values(user.organisation) == _values(expected.organisation)
        assert _values(user.organisation.territory) == _values(expected.organisation.territory)
        assert user.territory_id == coordinator.organisation.territory_id
    assert user._state.adding is False and user._state.db == "default"
    assert user.get_session_auth_hash() == expected.get_session_auth_hash()  # the session's check reads the hash


def test_a_national_account_has_no_organisation(db, django_assert_num_queries):
    national = UserFactory(role="national_viewer", organisation=None)
    with django_assert_num_queries(1):
        user = user_by_id(national.pk)
    with django_assert_num_queries(0):
        assert user.organisation is None
        assert user.territory_id is None
    assert _values(user) == _values(_orm(national.pk))


@pytest.mark.parametrize("user_id", ["abc", None, 0, 10**9])
def test_no_user_for_an_unknown_or_malformed_id(db, user_id):
    assert user_by_id(user_id) is None


def test_a_token_comes_with_its_user_without_her_password_hash(advisor, django_assert_num_queries):
    key = Token.objects.create(user=advisor).key
    with django_assert_num_queries(1):
        token = token_with_user(key)
    with django_assert_num_queries(0):
        assert token.key == key and token.user_id == advisor.pk
        assert token.user.organisation.territory.pk == advisor.organisation.territory_id
        assert token.user.get_deferred_fields() == {"password"}
    assert token.created == Token.objects.get(key=key).created
    expected = _values(_orm(advisor.pk))
    expected.pop("password")
    assert {name: value for name, value in _values(token.user).items() if name != "password"} == expected


def test_no_token_for_an_unknown_key(db):
    assert token_with_user("0" * 40) is None


def test_a_session_signs_in_with_one_query_for_the_user(client, coordinator, django_assert_max_num_queries):
    client.force_login(coordinator)
    with django_assert_max_num_queries(10) as ctx:
        assert client.get("/").status_code == 200
    user_queries = [q["sql"] for q in ctx.captured_queries if 'FROM "partners_user" u ' in q["sql"]]
    assert len(user_queries) == 1 and "partners_territory" in user_queries[0]
    assert not [q for q in ctx.captured_queries if 'FROM "partners_user" WHERE' in q["sql"]]
