"""Bootstrap form rendering shared by every app (django-bootstrap5, `BOOTSTRAP5` in settings)."""

from django_bootstrap5.renderers import FieldRenderer as BaseFieldRenderer


class FieldRenderer(BaseFieldRenderer):
    """A field in error is marked invalid; a field without error is left as typed, never turned green.

    Bootstrap's default marks every field of a bound form "valid", empty ones included, which tells the
    person that a field she has not filled in yet is fine.
    """

    def get_server_side_validation_classes(self):
        return "is-invalid" if self.field_errors else ""
