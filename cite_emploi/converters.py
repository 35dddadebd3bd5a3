"""URL converters for file formats: a URL names a format from a closed list, anything else is a 404.

The download's file name is always built by the view, never copied from the URL (issue 10, point 12).
Importing this module registers the converters; the apps' `urls.py` import it before using them.
"""

from django.urls import register_converter


class _Choice:
    choices: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.regex = "|".join(cls.choices)
        cls.example = cls.choices[0]

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        if value not in self.choices:
            raise ValueError(value)
        return value


class TabularFormat(_Choice):
    """`csv` or `xlsx` (cite_emploi.tabular)."""

    choices = ("csv", "xlsx")


class DocumentFormat(_Choice):
    """`json` or `pdf` (a person's complete file)."""

    choices = ("json", "pdf")


class ReportFormat(_Choice):
    """`pdf` or `xlsx` (the quarterly national report)."""

    choices = ("pdf", "xlsx")


register_converter(TabularFormat, "tabular")
register_converter(ReportFormat, "report")
register_converter(DocumentFormat, "document")
