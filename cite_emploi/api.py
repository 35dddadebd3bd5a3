"""Shared pieces of the REST API: pagination and the base viewset mixins every app uses."""

import copy

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django_filters import rest_framework as filters
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.routers import SimpleRouter


class BuiltFieldsOnce:
    """For a ModelSerializer: its fields built from the model's metadata once per class, then deep-copied for each
    serializer (as DRF does with declared fields).

    DRF rebuilds them at every instantiation (field mapping, model introspection): on a 20-row page of the
    job-seeker API that was as long as serialising the rows (issue 13). A subclass's `get_fields()` still adjusts its
    own copy per request (querysets scoped to the caller's territory, read-only fields), after `super()`.
    """

    def get_fields(self):
        cls = type(self)
        built = cls.__dict__.get("_built_fields")
        if built is None:
            built = super().get_fields()  # type: ignore[misc]
            cls._built_fields = built  # type: ignore[attr-defined]
        return copy.deepcopy(built)


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def id_filter(field_name: str, label: str = "") -> filters.NumberFilter:
    """Filter on a foreign id without looking the id up anywhere.

    A `ModelChoiceFilter` checks the id against the whole table: 400 for an id that does not exist, 200 for the
    id of another territory — an existence oracle. A plain number gives the same answer (an empty list) to
    "absent" and "not yours"; the list itself is already scoped by `for_user`.
    """
    return filters.NumberFilter(field_name=f"{field_name}_id", label=label or field_name)


def api_error_from(exc: Exception) -> ValidationError:
    """Turn a service's Django ValidationError (or an integrity conflict) into a DRF 400 with field errors."""
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            errors = dict(exc.message_dict)
            if NON_FIELD_ERRORS in errors:
                errors["non_field_errors"] = errors.pop(NON_FIELD_ERRORS)
            return ValidationError(errors)
        return ValidationError({"non_field_errors": exc.messages})
    if isinstance(exc, IntegrityError):
        return ValidationError(
            {"non_field_errors": ["Cet enregistrement est en conflit avec un enregistrement existant."]}
        )
    raise exc


class Router(SimpleRouter):
    """The router of every app's API: ids are integers (API.md), so `/actions/abc/` is a plain 404."""

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        if getattr(viewset, "lookup_value_regex", None) is None:
            viewset.lookup_value_regex = "[0-9]+"
        return super().get_lookup_regex(viewset, lookup_prefix)
