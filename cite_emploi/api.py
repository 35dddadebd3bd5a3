"""Shared pieces of the REST API: pagination and the base viewset mixins every app uses."""

import copy
from collections.abc import Mapping

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import QueryDict
from django_filters import rest_framework as filters
from rest_framework import fields as drf_fields
from rest_framework import relations
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.routers import SimpleRouter
from rest_framework.settings import api_settings

from .pagination import page_with_count


def _same(value):
    return value


def _choice(field):
    strings = field.choice_strings_to_values

    def convert(value):
        return value if value == "" else strings.get(str(value), value)

    return convert


def _converter(field):
    """What DRF's `field.to_representation` does, for the field types whose representation depends on nothing but
    the value (no request, no parent, no time zone); None for any other field (the row then goes through DRF)."""
    kind = type(field)
    if kind is relations.PrimaryKeyRelatedField or (
        isinstance(field, relations.PrimaryKeyRelatedField) and "to_representation" not in kind.__dict__
    ):
        return _same if field.pk_field is None else None  # the foreign key's column (DRF's pk-only optimisation)
    if kind is drf_fields.ChoiceField:
        return _choice(field)
    if kind in (drf_fields.CharField, drf_fields.EmailField, drf_fields.SlugField, drf_fields.URLField):
        return str
    if kind is drf_fields.IntegerField:
        return int
    if kind is drf_fields.BigIntegerField:  # the ids
        return None if getattr(field, "coerce_to_string", api_settings.COERCE_BIGINT_TO_STRING) else int
    if kind in (drf_fields.DecimalField, drf_fields.FloatField, drf_fields.UUIDField):
        # depends on the field's own settings only (places, coercion): that first field's method serves every row
        return field.to_representation
    if kind is drf_fields.BooleanField:
        return bool
    iso = (None, drf_fields.ISO_8601)
    if kind is drf_fields.DateField and getattr(field, "format", None) in iso and api_settings.DATE_FORMAT in iso:
        return _isoformat
    return None


def _isoformat(value):
    return value if isinstance(value, str) else value.isoformat()


class BuiltFieldsOnce:
    """For a ModelSerializer: its fields built from the model's metadata once per class, then deep-copied for each
    serializer (as DRF does with declared fields); and its rows written through a plan made once per class.

    DRF rebuilds the fields at every instantiation (field mapping, model introspection): on a 20-row page of the
    job-seeker API that was as long as serialising the rows (issue 13). A subclass's `get_fields()` still adjusts its
    own copy per request (querysets scoped to the caller's territory, read-only fields), after `super()`.

    Reading (`to_representation`) goes through a *plan*: for each readable field, the attribute to read and the
    conversion DRF would apply, when the field is of a type whose output depends on the value alone (text, number,
    boolean, ISO date, choice, primary key of a foreign key). A serializer with any other readable field (a method
    field, a nested serializer, a hyperlink, a date-time, a dotted source…) keeps DRF's own path. The output is the
    same (tests/test_api_fast_read.py compares both on real rows); the rows no longer need the per-request copy of
    the fields, nor DRF's per-field machinery.
    """

    def get_fields(self):
        cls = type(self)
        built = cls.__dict__.get("_built_fields")
        if built is None:
            built = super().get_fields()  # type: ignore[misc]
            cls._built_fields = built  # type: ignore[attr-defined]
        return copy.deepcopy(built)

    @classmethod
    def _read_plan(cls, serializer):
        if "_fast_plan" in cls.__dict__:
            return cls._fast_plan  # type: ignore[attr-defined]
        plan = []
        for name, field in serializer.fields.items():  # bound once, on the first row ever written
            if field.write_only:
                continue
            convert = _converter(field)
            attrs = field.source_attrs
            if convert is None or len(attrs) != 1 or field.source == "*":
                plan = None
                break
            attr = attrs[0]
            if isinstance(field, relations.PrimaryKeyRelatedField):
                attr = serializer.Meta.model._meta.get_field(attr).attname
            plan.append((name, attr, convert))
        cls._fast_plan = plan  # type: ignore[attr-defined] — the same plan whichever thread writes it
        return plan

    def to_representation(self, instance):
        plan = None if isinstance(instance, Mapping) else self._read_plan(self)
        if plan is None:
            return super().to_representation(instance)  # type: ignore[misc]
        row = {}
        try:
            for name, attr, convert in plan:
                value = getattr(instance, attr)
                row[name] = None if value is None else convert(value)
        except AttributeError:  # an annotation this instance lacks: DRF skips the field or writes null
            return super().to_representation(instance)  # type: ignore[misc]
        return row


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset, request, view=None):
        """The page and the total count in one query (`cite_emploi.pagination`), where DRF's paginator makes two, a
        count then the rows (issue 13). Whatever is not a plain page of a plain queryset (`?page=last`, not a
        number, a page past the end, a DISTINCT or combined query) goes through DRF's own path and gets its
        answers."""
        page_size = self.get_page_size(request)
        number = request.query_params.get(self.page_query_param) or "1"
        page = page_with_count(queryset, int(number), page_size) if page_size and number.isdigit() else None
        if page is None:
            return super().paginate_queryset(queryset, request, view)
        self.request = request
        self.page = page
        if page.paginator.num_pages > 1 and self.template is not None:
            self.display_page_controls = True  # the browsable API's page links
        return list(page)


class FilterSet(filters.FilterSet):
    """django-filter's FilterSet, cheaper per request (issue 13). django-filter deep-copied every filter, then built a
    new Form class, a form field per filter and deep copies of those fields on every call: about a millisecond of a
    20-row API page. Here the filters are copied (not deep-copied) and the Form class is built once per FilterSet
    class. That holds because no filter's field depends on the request: the project has no `ModelChoiceFilter`
    (`tests/test_filters_reveal_nothing.py`), and a test requires every FilterSet to derive from this one."""

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {name: copy.copy(filter_) for name, filter_ in self.base_filters.items()}
        for filter_ in self.filters.values():
            filter_.model = queryset.model
            filter_.parent = self
            if filter_.method is not None:
                filter_.method = filter_.method  # its FilterMethod must call this copy's parent, not the class's

    def get_form_class(self):
        cls = type(self)
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            cls._form_class = form_class
        return form_class


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
