"""Form pieces shared by every app: the HTML5 date and time widgets, and a service's errors shown on a form."""

from django import forms
from django.core.exceptions import ValidationError


class DateInput(forms.DateInput):
    """A browser date picker; the value is sent and shown as ISO 8601 (``2026-03-12``)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


def add_service_errors(form: forms.Form, exc: ValidationError, skip_fields_in_error: bool = False) -> None:
    """Show a service's errors on the form's fields, or above the form for fields it does not have.

    The form keeps what was typed: the view renders it again with these errors. `skip_fields_in_error`: a field
    the form already found wrong keeps its own message only.
    """
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        if skip_fields_in_error and name in form.errors:
            continue
        form.add_error(name if name in form.fields else None, errors)
