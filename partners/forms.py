"""Forms of the partners pages. They validate and keep what was typed; writes go through the services."""

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.db import models
from django.utils.text import slugify

from cite_emploi.forms import DateInput, TimeInput

from . import perms
from .decision_links import DECISION_LINKS
from .enums import AttendanceStatus, GroupKind, Role
from .models import Decision, Meeting, Organisation, Territory, WorkingGroup
from .selectors import organisations_for, users_for


def https_urls(field, **kwargs):
    """Model form fields as usual, links without a scheme read as https (Django 6's default)."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class TerritoryModelForm(forms.ModelForm):
    """The territory is set by the server, not typed; the per-territory constraints are still checked in the form."""

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        exclude.discard("territory")
        return exclude


class OrganisationForm(TerritoryModelForm):
    siret = forms.CharField(
        label="SIRET",
        max_length=20,
        required=False,
        help_text=Organisation._meta.get_field("siret").help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    class Meta:
        model = Organisation
        formfield_callback = https_urls
        fields = [
            "name",
            "short_name",
            "kind",
            "technical_group_member",
            "contact_email",
            "contact_phone",
            "address",
            "website",
            "siret",
            "is_active",
        ]

    def clean_siret(self):
        """Typed as printed (« 123 456 789 00017 »): kept as its 14 digits."""
        return "".join(self.cleaned_data.get("siret", "").split())


class InvitationForm(forms.Form):
    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)
    email = forms.EmailField(label="Courriel", help_text="Le lien d'invitation y est envoyé ; ce sera son identifiant.")
    organisation = forms.ModelChoiceField(label="Organisation", queryset=Organisation.objects.none())
    role = forms.ChoiceField(label="Rôle")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_for(user).filter(is_active=True)
        self.fields["role"].choices = [(role, Role(role).label) for role in perms.assignable_roles(user)]
        self.fields["role"].initial = Role.ADVISOR


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="Nouveau rôle")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role, Role(role).label) for role in perms.assignable_roles(user)]


class AcceptInvitationForm(SetPasswordForm):
    """The invitee chooses her password, checked by the project's password validators against her own details."""


class GroupForm(TerritoryModelForm):
    class Meta:
        model = WorkingGroup
        fields = ["kind", "name", "description", "members", "is_active"]
        widgets = {"members": forms.CheckboxSelectMultiple, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.territory_id = user.territory_id
        self.fields["members"].queryset = users_for(user).filter(is_active=True)
        self.fields["members"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.organisation})"
        if self.instance.pk:
            self.fields["kind"].disabled = True


class MeetingForm(TerritoryModelForm):
    agenda = forms.CharField(
        label="Ordre du jour",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Un point par ligne, dans l'ordre.",
    )

    class Meta:
        model = Meeting
        formfield_callback = https_urls
        fields = ["kind", "group", "title", "date", "start_time", "location", "video_link", "agenda", "minutes"]
        widgets = {"date": DateInput(), "start_time": TimeInput(), "minutes": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.territory_id = user.territory_id
        self.fields["group"].queryset = WorkingGroup.objects.for_user(user).filter(is_active=True)
        if self.instance.pk:
            self.fields["kind"].disabled = True
            self.fields["agenda"].initial = "\n".join(item.title for item in self.instance.agenda_items.all())

    def clean(self):
        cleaned = super().clean()
        kind, group = cleaned.get("kind"), cleaned.get("group")
        if kind == GroupKind.FOLLOW_UP_GROUP and group is None:
            self.add_error("group", "Choisissez le groupe de suivi qui se réunit.")
        if group is not None and kind and group.kind != kind:
            self.add_error("group", "Ce groupe ne correspond pas au type de réunion.")
        return cleaned

    def agenda_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("agenda", "").splitlines() if line.strip()]


class PlanYearForm(forms.Form):
    first_date = forms.DateField(label="Date de la première réunion", widget=DateInput())
    start_time = forms.TimeField(label="Heure de début", required=False, widget=TimeInput())
    location = forms.CharField(label="Lieu", max_length=250, required=False)
    video_link = forms.URLField(label="Lien de visioconférence", required=False, assume_scheme="https")


class PlannedDateForm(forms.Form):
    date = forms.DateField(label="Date", widget=DateInput())


PlannedDateFormSet = forms.formset_factory(PlannedDateForm, extra=0, min_num=1, validate_min=True, max_num=12)


class AttendanceForm(forms.Form):
    """One status field per attendee of the meeting (`status_<attendee id>`)."""

    def __init__(self, *args, attendees, **kwargs):
        super().__init__(*args, **kwargs)
        self.attendees = list(attendees)
        for attendee in self.attendees:
            label = (
                str(attendee.user.get_full_name() or attendee.user) if attendee.user_id else str(attendee.organisation)
            )
            self.fields[f"status_{attendee.pk}"] = forms.ChoiceField(
                label=label, choices=AttendanceStatus.choices, initial=attendee.status
            )

    def rows(self):
        for attendee in self.attendees:
            yield attendee, self[f"status_{attendee.pk}"]

    def statuses(self) -> dict[int, str]:
        return {attendee.pk: self.cleaned_data[f"status_{attendee.pk}"] for attendee in self.attendees}


class AttendeeAddForm(forms.Form):
    user = forms.ModelChoiceField(label="Personne", queryset=None, required=False)
    organisation = forms.ModelChoiceField(label="ou organisation", queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users_for(user).filter(is_active=True)
        self.fields["user"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.organisation})"
        self.fields["organisation"].queryset = organisations_for(user).filter(is_active=True)

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("user")) == bool(cleaned.get("organisation")):
            raise forms.ValidationError("Choisissez une personne ou une organisation (l'une des deux).")
        return cleaned


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text", "owner", "due_date", "status"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "due_date": DateInput()}

    def __init__(self, *args, user, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = users_for(user).filter(is_active=True)
        self.fields["owner"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.organisation})"
        meeting = meeting or (self.instance.meeting if self.instance.pk else None)
        for link in DECISION_LINKS.values():  # e.g. the person a follow-up group decided about (cohorts)
            field = link.form_field(user, meeting) if meeting is not None else None
            if field is not None:
                self.fields[link.name] = field
                if self.instance.pk:
                    self.initial.setdefault(link.name, link.current(self.instance))


class TerritoryForm(forms.ModelForm):
    """A new territory, created by the national administrator (the slug is derived from the name if left empty)."""

    class Meta:
        model = Territory
        fields = ["name", "department", "slug"]
        help_texts = {"slug": "Laisser vide : dérivé du nom (ex. angers-loire-metropole)."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False

    def clean_slug(self):
        return self.cleaned_data.get("slug") or slugify(self.cleaned_data.get("name", ""))[:80]


class FirstCoordinatorForm(forms.Form):
    organisation = forms.CharField(
        label="Structure coordinatrice",
        max_length=200,
        help_text="Ex. Aldev ; créée dans le territoire si elle n'y existe pas.",
    )
    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)
    email = forms.EmailField(label="Courriel", help_text="Le lien d'invitation (7 jours) y est envoyé.")


class NationalAccountInvitationForm(forms.Form):
    """A national account (ANCT, DGEFP, national administration): no organisation, a national role."""

    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)
    email = forms.EmailField(
        label="Courriel",
        help_text="Le lien d'invitation (7 jours, usage unique) y est envoyé ; ce sera son identifiant.",
    )
    role = forms.ChoiceField(
        label="Rôle",
        choices=[(Role.NATIONAL_VIEWER, Role.NATIONAL_VIEWER.label), (Role.NATIONAL_ADMIN, Role.NATIONAL_ADMIN.label)],
        initial=Role.NATIONAL_VIEWER,
        widget=forms.RadioSelect,
        help_text=(
            "L'observateur national lit les chiffres anonymisés de toutes les Cités ; l'administrateur national ouvre "
            "les territoires et gère les comptes nationaux (double authentification obligatoire)."
        ),
    )
