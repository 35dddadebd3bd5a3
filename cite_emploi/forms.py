"""Form pieces shared by every app: the HTML5 date and time widgets, and a service's errors shown on a form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


class DateInput(forms.DateInput):
    """A browser date picker; the value is sent and shown as ISO 8601 (``2026-03-12``)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


def _text(value) -> str:
    """`{{ value|stringformat:'s' }}` of Django's widget templates: str() then escaped unless already safe."""
    return conditional_escape(value if isinstance(value, str) else str(value))


def _attrs(attrs: dict) -> str:
    """Django's django/forms/widgets/attrs.html, in Python."""
    return "".join(
        f" {conditional_escape(name)}" if value is True else f' {conditional_escape(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class FastSelect(forms.Select):
    """A drop-down with the very HTML of Django's select.html, built in Python: the template renders one include
    per option, which made the filter form of a list (four drop-downs of a territory's cohorts, QPV, organisations
    and advisors) the costliest part of the page. Same context (`get_context`), so subclasses and attributes work."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_text(group_name)}">')
            parts.extend(
                f'\n  <option value="{_text(option["value"])}"{_attrs(option["attrs"])}>'
                f"{conditional_escape(option['label'])}</option>\n"  # select_option.html ends with a newline
                for option in group_choices
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # every value above is escaped


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
