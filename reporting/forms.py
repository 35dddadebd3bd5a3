import datetime

from django import forms

from cite_emploi import figures_cache
from cite_emploi.forms import DateInput, FastSelect
from cohorts.models import Cohort
from partners.enums import MeetingKind
from partners.models import Meeting

from .metrics import Period, default_period


def _check_period(cleaned):
    start, end = cleaned.get("period_start"), cleaned.get("period_end")
    if start and end and end < start:
        raise forms.ValidationError({"period_end": "La fin de la période ne peut précéder son début."})
    if start and end and (end - start).days > 366 * 3:
        raise forms.ValidationError({"period_end": "La période ne peut dépasser trois ans."})


class FiguresFilterForm(forms.Form):
    """The period and cohort of the dashboard and of the export (GET)."""

    period_start = forms.DateField(label="Du", required=False, widget=DateInput())
    period_end = forms.DateField(label="Au", required=False, widget=DateInput())
    cohort = forms.ModelChoiceField(
        label="Cohorte",
        queryset=Cohort.objects.none(),
        required=False,
        empty_label="Toutes les cohortes",
        widget=FastSelect(attrs={"class": "form-select"}),
    )

    # its cached choices, under the territory's data version (`cite_emploi.figures_cache`)
    CHOICES_KEY = ("dashboard-cohort-choices", ())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Rendered by hand (reporting/includes/filters.html), with the markup django-bootstrap5 gave it: this form
        # is on the dashboard and the home page, and `bootstrap_field` cost a quarter of a cached dashboard.
        for name in ("period_start", "period_end"):
            self.fields[name].widget.attrs.update({"class": "form-control", "placeholder": self.fields[name].label})
        cohorts = Cohort.objects.for_user(user).order_by("-year")
        # The queryset validates a chosen cohort (one query, only when one is chosen); the drop-down shows the
        # territory's cohorts from the cache (one computation per data version), not one query per page.
        self.fields["cohort"].queryset = cohorts
        if user.territory_id is not None:
            choices = figures_cache.get_or_compute(
                user.territory_id, *self.CHOICES_KEY, lambda: [(c.pk, str(c)) for c in cohorts]
            )
            self.fields["cohort"].choices = [("", self.fields["cohort"].empty_label), *choices]

    def clean(self):
        cleaned = super().clean()
        _check_period(cleaned)
        return cleaned

    def full_clean(self):
        super().full_clean()
        for name in self.errors:  # Bootstrap's red border on a field in error (this form's own copy of the widget)
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()

    def period(self, today: datetime.date | None = None) -> Period:
        default = default_period(today)
        data = self.cleaned_data if self.is_valid() else {}
        start = data.get("period_start") or default.start
        end = data.get("period_end") or default.end
        if end < start:
            return default
        return Period(start, end)

    def chosen_cohort(self):
        return self.cleaned_data.get("cohort") if self.is_valid() else None


class PackRequestForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label="Réunion",
        queryset=Meeting.objects.none(),
        required=False,
        empty_label="Aucune (dossier pour une période)",
        help_text="Sans dates, la période va du lendemain de la réunion précédente à la veille de celle-ci.",
    )
    period_start = forms.DateField(label="Début de la période", required=False, widget=DateInput())
    period_end = forms.DateField(label="Fin de la période", required=False, widget=DateInput())
    cohort = forms.ModelChoiceField(
        label="Cohorte", queryset=Cohort.objects.none(), required=False, empty_label="Toutes les cohortes"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (
            Meeting.objects.for_user(user)
            .filter(kind__in=[MeetingKind.TECHNICAL_GROUP, MeetingKind.STRATEGIC_COMMITTEE])
            .order_by("-date")
        )
        self.fields["cohort"].queryset = Cohort.objects.for_user(user).order_by("-year")

    def clean(self):
        cleaned = super().clean()
        _check_period(cleaned)
        start, end, meeting = cleaned.get("period_start"), cleaned.get("period_end"), cleaned.get("meeting")
        if meeting is None and not (start and end):
            raise forms.ValidationError("Choisissez une réunion, ou indiquez le début et la fin de la période.")
        if bool(start) != bool(end):
            raise forms.ValidationError("Indiquez le début et la fin de la période, ou aucun des deux.")
        return cleaned


class QuarterForm(forms.Form):
    """A finished quarter (benchmarks, quarterly national report)."""

    year = forms.IntegerField(label="Année", min_value=2020, max_value=2100)
    quarter = forms.TypedChoiceField(
        label="Trimestre", coerce=int, choices=[(q, f"{q}{'er' if q == 1 else 'e'} trimestre") for q in (1, 2, 3, 4)]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            )
