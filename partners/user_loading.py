"""The signed-in user with her organisation and territory, read on every request by one fixed statement.

`select_related("organisation__territory").get(…)` built its SQL again on every request: about a millisecond of
Django's query compiler for a query whose shape never changes, on every page and every API call (issue 13). The
statements here are written once per process from the models' own fields (a field added to a model is read
without touching this file); the rows go through the same converters and `Model.from_db` as the ORM's, so the
objects are the ones `select_related` would give. Both are constant strings, so PostgreSQL prepares them
(`DB_PREPARED_STATEMENTS`). `tests/partners/test_user_loading.py` compares them with the ORM's.
"""

import functools
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection
from rest_framework.authtoken.models import Token

from .models import Organisation, Territory, User


@dataclass(frozen=True)
class _Part:
    model: type
    attnames: list[str]
    pk_position: int
    converters: list[tuple[int, Any, list]]  # (position in the part, its column expression, its converters)

    @classmethod
    def of(cls, model, table_alias: str, exclude=()) -> tuple["_Part", list[str]]:
        fields = [field for field in model._meta.concrete_fields if field.attname not in exclude]
        converters = []
        for position, field in enumerate(fields):
            column = field.get_col(table_alias)
            functions = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            if functions:
                converters.append((position, column, functions))
        quote = connection.ops.quote_name
        columns = [f"{table_alias}.{quote(field.column)}" for field in fields]
        pk_position = fields.index(model._meta.pk)
        return cls(model, [field.attname for field in fields], pk_position, converters), columns

    def build(self, values):
        """The object of this part of a row; None when a LEFT JOIN found nothing (a national account has no
        organisation), as its primary key says."""
        if values[self.pk_position] is None:
            return None
        values = list(values)
        for position, column, functions in self.converters:  # what the ORM's compiler applies (apply_converters)
            for function in functions:
                values[position] = function(values[position], column, connection)
        return self.model.from_db(connection.alias, self.attnames, values)


@dataclass(frozen=True)
class _Plan:
    sql: str
    parts: list[_Part]

    def load(self, key):
        with connection.cursor() as cursor:
            cursor.execute(self.sql, [key])
            row = cursor.fetchone()
        if row is None:
            return None
        objects, start = [], 0
        for part in self.parts:
            objects.append(part.build(row[start : start + len(part.attnames)]))
            start += len(part.attnames)
        return objects


def _join(head_sql: str, head: list, user_alias: str, user_exclude=()) -> _Plan:
    user, user_columns = _Part.of(User, user_alias, exclude=user_exclude)
    organisation, organisation_columns = _Part.of(Organisation, "o")
    territory, territory_columns = _Part.of(Territory, "t")
    quote = connection.ops.quote_name
    head_parts, head_columns = head
    sql = (
        f"SELECT {', '.join(head_columns + user_columns + organisation_columns + territory_columns)} {head_sql} "
        f"LEFT JOIN {quote(Organisation._meta.db_table)} o ON o.{quote(Organisation._meta.pk.column)} = "
        f"{user_alias}.{quote(User._meta.get_field('organisation').column)} "
        f"LEFT JOIN {quote(Territory._meta.db_table)} t ON t.{quote(Territory._meta.pk.column)} = "
        f"o.{quote(Organisation._meta.get_field('territory').column)}"
    )
    return _Plan(sql, [*head_parts, user, organisation, territory])


@functools.cache
def _session_plan() -> _Plan:
    quote = connection.ops.quote_name
    plan = _join(f"FROM {quote(User._meta.db_table)} u", ([], []), "u")
    return _Plan(f"{plan.sql} WHERE u.{quote(User._meta.pk.column)} = %s", plan.parts)


@functools.cache
def _token_plan() -> _Plan:
    quote = connection.ops.quote_name
    token, token_columns = _Part.of(Token, "k")
    head = (
        f"FROM {quote(Token._meta.db_table)} k JOIN {quote(User._meta.db_table)} u "
        f"ON u.{quote(User._meta.pk.column)} = k.{quote(Token._meta.get_field('user').column)}"
    )
    # an API call never needs the password hash: it stays deferred (read only if something asks for it)
    plan = _join(head, ([token], token_columns), "u", user_exclude=("password",))
    return _Plan(f"{plan.sql} WHERE k.{quote(Token._meta.pk.column)} = %s", plan.parts)


def _attach(user, organisation, territory):
    if organisation is not None:
        Organisation._meta.get_field("territory").set_cached_value(organisation, territory)
    User._meta.get_field("organisation").set_cached_value(user, organisation)
    return user


def user_by_id(user_id) -> User | None:
    """The user with her organisation and territory (password hash included: the session checks it)."""
    try:
        user_id = User._meta.pk.to_python(user_id)
    except ValidationError:  # a session holding something that is not an id: nobody
        return None
    objects = _session_plan().load(user_id)
    return _attach(*objects) if objects else None


def token_with_user(key: str) -> Token | None:
    """The API token with its user, her organisation and territory; None for an unknown key."""
    objects = _token_plan().load(key)
    if not objects:
        return None
    token, *user = objects
    Token._meta.get_field("user").set_cached_value(token, _attach(*user))
    return token
