"""QPVs, cohorts, job seekers and their follow-up team, barriers, follow-ups and situations."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from . import dates
from .enums import (
    BARRIER_TRANSITIONS,
    BarrierCategory,
    BarrierStatus,
    EarlyExitReason,
    EducationLevel,
    FollowUpKind,
    JobSeekerStatus,
    LabourMarketStatus,
    Sex,
    SituationKind,
    outcome_class_for,
)
from .querysets import (
    BarrierQuerySet,
    BarrierTransitionQuerySet,
    CohortQuerySet,
    FollowUpQuerySet,
    FollowUpTeamMemberQuerySet,
    JobSeekerQuerySet,
    QPVQuerySet,
    SituationQuerySet,
)

QPV_CODE_RE = r"^QN(\d{3}|02A|02B)\d{2}[A-Z]$"
qpv_code_validator = RegexValidator(
    QPV_CODE_RE,
    "Code QPV invalide : il s'écrit QN, le département sur 3 caractères, 2 chiffres et une lettre (ex. QN04901M).",
)


class QPV(models.Model):
    """A priority neighbourhood (quartier prioritaire de la politique de la ville) of the territory."""

    territory = models.ForeignKey(
        "partners.Territory", verbose_name="territoire", on_delete=models.PROTECT, related_name="qpvs"
    )
    code = models.CharField(
        "code officiel",
        max_length=8,
        null=True,
        blank=True,
        unique=True,
        validators=[qpv_code_validator],
        help_text="Vide tant que la liste nationale n'est pas importée.",
    )
    name = models.CharField("nom", max_length=200)
    commune = models.CharField("commune", max_length=120)

    objects = QPVQuerySet.as_manager()

    class Meta:
        verbose_name = "QPV"
        verbose_name_plural = "QPV"
        ordering = ["commune", "name"]
        constraints = [
            models.UniqueConstraint(
                "territory",
                Lower("commune"),
                Lower("name"),
                name="qpv_unique_name_per_commune",
                violation_error_message="Ce QPV existe déjà pour cette commune.",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.commune})"


class Cohort(models.Model):
    territory = models.ForeignKey(
        "partners.Territory", verbose_name="territoire", on_delete=models.PROTECT, related_name="cohorts"
    )
    label = models.CharField("libellé", max_length=120)
    year = models.PositiveSmallIntegerField("année")
    start_date = models.DateField("date de début")
    target_size = models.PositiveSmallIntegerField("effectif visé", default=90)

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = "cohorte"
        verbose_name_plural = "cohortes"
        ordering = ["-year", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "year"],
                name="cohort_unique_year_per_territory",
                violation_error_message="Une cohorte existe déjà pour cette année sur ce territoire.",
            ),
            models.CheckConstraint(
                condition=Q(target_size__gte=1),
                name="cohort_target_size_positive",
                violation_error_message="L'effectif visé doit être d'au moins une personne.",
            ),
        ]

    def __str__(self):
        return self.label


class JobSeeker(models.Model):
    """A person of the cohort, followed for one year by her referent organisation and its partners."""

    territory = models.ForeignKey(
        "partners.Territory", verbose_name="territoire", on_delete=models.PROTECT, related_name="job_seekers"
    )
    cohort = models.ForeignKey(Cohort, verbose_name="cohorte", on_delete=models.PROTECT, related_name="job_seekers")
    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=100)
    birth_date = models.DateField("date de naissance")
    sex = models.CharField("sexe", max_length=1, choices=Sex.choices)
    address = models.CharField("adresse", max_length=250, blank=True)
    commune = models.CharField("commune", max_length=120, blank=True)
    qpv = models.ForeignKey(
        QPV, verbose_name="QPV", on_delete=models.PROTECT, related_name="job_seekers", null=True, blank=True
    )
    qpv_exception_reason = models.CharField(
        "motif de la dérogation QPV",
        max_length=250,
        blank=True,
        help_text="Obligatoire si la personne ne réside pas dans un QPV du territoire (décision de la coordination).",
    )
    phone = models.CharField("téléphone", max_length=30, blank=True)
    email = models.EmailField("courriel", blank=True)
    france_travail_id = models.CharField("identifiant France Travail", max_length=20, blank=True)
    referent_organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name="organisation référente",
        on_delete=models.PROTECT,
        related_name="referred_job_seekers",
    )
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="conseillère ou conseiller référent",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referred_job_seekers",
    )
    entry_date = models.DateField("date d'entrée")
    follow_up_end_date = models.DateField("fin du suivi", editable=False, help_text="Entrée + 1 an − 1 jour.")
    left_early_on = models.DateField("date de sortie anticipée", null=True, blank=True)
    left_early_reason = models.CharField(
        "motif de sortie anticipée", max_length=20, choices=EarlyExitReason.choices, blank=True
    )
    consent_recorded_on = models.DateField("date du consentement au partage")
    labour_market_status = models.CharField(
        "situation sur le marché du travail à l'entrée", max_length=30, choices=LabourMarketStatus.choices, blank=True
    )
    education_level = models.CharField("niveau d'études", max_length=20, choices=EducationLevel.choices, blank=True)
    rsa_beneficiary = models.BooleanField("bénéficiaire du RSA", default=False)
    single_parent = models.BooleanField("parent isolé", default=False)
    disability_recognised = models.BooleanField("RQTH (reconnaissance de handicap)", default=False)
    search_name = models.CharField(max_length=210, editable=False, db_index=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    anonymised_on = models.DateField(
        "anonymisée le",
        null=True,
        blank=True,
        editable=False,
        help_text="Noms, coordonnées et textes libres effacés ; date de naissance réduite à l'année (cohorts.retention).",
    )

    objects = JobSeekerQuerySet.as_manager()

    class Meta:
        verbose_name = "personne accompagnée"
        verbose_name_plural = "personnes accompagnées"
        ordering = ["last_name", "first_name", "id"]
        constraints = [
            models.UniqueConstraint(
                "territory",
                Lower("last_name"),
                Lower("first_name"),
                "birth_date",
                name="job_seeker_unique_identity_per_territory",
                violation_error_message="Cette personne est déjà inscrite sur le territoire (même nom, prénom et date de naissance).",
            ),
            models.UniqueConstraint(
                fields=["territory", "france_travail_id"],
                condition=~Q(france_travail_id=""),
                name="job_seeker_unique_france_travail_id_per_territory",
                violation_error_message="Une personne porte déjà cet identifiant France Travail sur le territoire.",
            ),
            models.CheckConstraint(
                condition=Q(qpv__isnull=False) | ~Q(qpv_exception_reason=""),
                name="job_seeker_qpv_or_exception",
                violation_error_message="La personne doit résider dans un QPV du territoire, sauf dérogation motivée de la coordination.",
            ),
            models.CheckConstraint(
                condition=(Q(left_early_on__isnull=True) & Q(left_early_reason=""))
                | (Q(left_early_on__isnull=False) & ~Q(left_early_reason="")),
                name="job_seeker_early_exit_has_date_and_reason",
                violation_error_message="Une sortie anticipée s'enregistre avec sa date et son motif.",
            ),
            models.CheckConstraint(
                condition=Q(left_early_on__isnull=True) | Q(left_early_on__gte=F("entry_date")),
                name="job_seeker_early_exit_after_entry",
                violation_error_message="La sortie anticipée ne peut précéder l'entrée dans la cohorte.",
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def save(self, *args, **kwargs):
        self.refresh_derived_fields()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name", "follow_up_end_date"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cohorts:job_seeker_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.cohort_id and self.territory_id and self.cohort.territory_id != self.territory_id:
            errors["cohort"] = "Cette cohorte n'appartient pas au territoire."
        if self.qpv_id and self.territory_id and self.qpv.territory_id != self.territory_id:
            errors["qpv"] = "Ce QPV n'appartient pas au territoire."
        if (
            self.referent_organisation_id
            and self.territory_id
            and self.referent_organisation.territory_id != self.territory_id
        ):
            errors["referent_organisation"] = "Cette organisation n'appartient pas au territoire."
        if (
            self.referent_id
            and self.referent_organisation_id
            and self.referent.organisation_id != self.referent_organisation_id
        ):
            errors["referent"] = "La personne référente doit appartenir à l'organisation référente."
        if self.birth_date and self.entry_date and self.birth_date >= self.entry_date:
            errors["birth_date"] = "La date de naissance doit précéder la date d'entrée."
        if errors:
            raise ValidationError(errors)

    def refresh_derived_fields(self):
        self.search_name = dates.normalise(f"{self.last_name} {self.first_name}")
        if self.entry_date:
            self.follow_up_end_date = dates.follow_up_end_date(self.entry_date)

    def full_clean(self, *args, **kwargs):
        self.refresh_derived_fields()
        return super().full_clean(*args, **kwargs)

    # --- derived values: the same rule as querysets.status_expression ---------------------------
    def status_on(self, on: datetime.date) -> str:
        if self.left_early_on is not None and self.left_early_on <= on:
            return JobSeekerStatus.LEFT_EARLY
        if dates.follow_up_end_date(self.entry_date) < on:
            return JobSeekerStatus.COMPLETED
        return JobSeekerStatus.IN_FOLLOW_UP

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    @property
    def status_label(self) -> str:
        return JobSeekerStatus(self.status).label

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def milestones(self, situation_dates, today=None) -> list[dates.MilestoneState]:
        return dates.milestone_states(
            entry_date=self.entry_date,
            end_date=dates.follow_up_end_date(self.entry_date),
            left_early_on=self.left_early_on,
            situation_dates=list(situation_dates),
            today=today or timezone.localdate(),
        )


class FollowUpTeamMember(models.Model):
    """A partner organisation the coordinator adds to a person's follow-up team."""

    job_seeker = models.ForeignKey(
        JobSeeker, verbose_name="personne", on_delete=models.CASCADE, related_name="team_members"
    )
    organisation = models.ForeignKey(
        "partners.Organisation", verbose_name="organisation", on_delete=models.PROTECT, related_name="+"
    )
    added_on = models.DateField("ajoutée le", default=timezone.localdate)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ajoutée par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = FollowUpTeamMemberQuerySet.as_manager()

    class Meta:
        verbose_name = "membre de l'équipe de suivi"
        verbose_name_plural = "membres de l'équipe de suivi"
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["job_seeker", "organisation"],
                name="team_member_unique_organisation",
                violation_error_message="Cette organisation fait déjà partie de l'équipe de suivi.",
            )
        ]

    def __str__(self):
        return str(self.organisation)


class Barrier(models.Model):
    """A barrier to employment (frein périphérique) with a dated lifecycle.

    `action` links it to the action of the Cité that addresses it (actions app), when there is one.
    """

    job_seeker = models.ForeignKey(
        JobSeeker, verbose_name="personne", on_delete=models.CASCADE, related_name="barriers"
    )
    category = models.CharField("catégorie", max_length=20, choices=BarrierCategory.choices)
    status = models.CharField("état", max_length=20, choices=BarrierStatus.choices, default=BarrierStatus.IDENTIFIED)
    identified_on = models.DateField("identifié le")
    started_on = models.DateField("levée engagée le", null=True, blank=True)
    lifted_on = models.DateField("levé le", null=True, blank=True)
    closed_on = models.DateField("clos le", null=True, blank=True, help_text="Levé, non levé ou abandonné.")
    comment = models.TextField("commentaire", blank=True)
    action = models.ForeignKey(
        "actions.Action",
        verbose_name="action mobilisée",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="barriers",
        help_text="L'action de la Cité qui aide à lever ce frein, le cas échéant.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisi par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name="organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    objects = BarrierQuerySet.as_manager()

    class Meta:
        verbose_name = "frein"
        verbose_name_plural = "freins"
        ordering = ["identified_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status=BarrierStatus.LIFTED) & Q(lifted_on__isnull=False))
                | (~Q(status=BarrierStatus.LIFTED) & Q(lifted_on__isnull=True)),
                name="barrier_lifted_on_iff_lifted",
                violation_error_message="La date de levée se renseigne quand, et seulement quand, le frein est levé.",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("identified_on")),
                name="barrier_closed_after_identified",
                violation_error_message="Un frein ne peut être clos avant d'avoir été identifié.",
            ),
        ]

    def __str__(self):
        return self.get_category_display()

    @property
    def can_be_lifted(self) -> bool:
        """Offered as a one-click "Levé" on the file when the lifecycle allows it from the current state."""
        return BarrierStatus.LIFTED in BARRIER_TRANSITIONS[BarrierStatus(self.status)]


class BarrierTransition(models.Model):
    """The log of a barrier's status changes: from, to, on which date, by whom."""

    barrier = models.ForeignKey(Barrier, verbose_name="frein", on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField("état précédent", max_length=20, choices=BarrierStatus.choices, blank=True)
    to_status = models.CharField("nouvel état", max_length=20, choices=BarrierStatus.choices)
    on = models.DateField("date")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("enregistré le", auto_now_add=True)

    objects = BarrierTransitionQuerySet.as_manager()

    class Meta:
        verbose_name = "changement d'état d'un frein"
        verbose_name_plural = "changements d'état des freins"
        ordering = ["on", "id"]

    def __str__(self):
        return f"{self.get_from_status_display() or '—'} → {self.get_to_status_display()}"


class FollowUp(models.Model):
    """An entry of the journal: the summary is shared with the team, the confidential note is not."""

    job_seeker = models.ForeignKey(
        JobSeeker, verbose_name="personne", on_delete=models.CASCADE, related_name="follow_ups"
    )
    date = models.DateField("date")
    kind = models.CharField("type", max_length=30, choices=FollowUpKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "partners.Organisation", verbose_name="organisation", on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField("synthèse partagée", help_text="Visible par les partenaires de l'équipe de suivi.")
    confidential_note = models.TextField(
        "note confidentielle", blank=True, help_text="Visible seulement dans votre organisation."
    )
    next_step = models.CharField("prochaine étape", max_length=250, blank=True)
    next_step_due = models.DateField("échéance de la prochaine étape", null=True, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = "suivi"
        verbose_name_plural = "suivis"
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_step_due__isnull=True) | ~Q(next_step=""),
                name="follow_up_due_date_needs_next_step",
                violation_error_message="Une échéance accompagne une prochaine étape : décrivez l'étape.",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} du {self.date:%d/%m/%Y}"


class Situation(models.Model):
    """The person's employment situation on a date; its outcome class is derived, never typed."""

    job_seeker = models.ForeignKey(
        JobSeeker, verbose_name="personne", on_delete=models.CASCADE, related_name="situations"
    )
    date = models.DateField("date")
    situation = models.CharField("situation", max_length=30, choices=SituationKind.choices)
    employer = models.CharField("employeur ou organisme", max_length=200, blank=True)
    comment = models.TextField("commentaire", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisie par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name="organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    objects = SituationQuerySet.as_manager()

    class Meta:
        verbose_name = "situation"
        verbose_name_plural = "situations"
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.get_situation_display()} au {self.date:%d/%m/%Y}"

    @property
    def outcome_class(self) -> str:
        return outcome_class_for(self.situation)

    def get_outcome_class_display(self) -> str:
        from .enums import OutcomeClass

        return OutcomeClass(self.outcome_class).label


class RetentionNotice(models.Model):
    """The coordinators were told that this file will be anonymised on `due_on` (one email per file and date)."""

    job_seeker = models.ForeignKey(
        JobSeeker, verbose_name="personne", on_delete=models.CASCADE, related_name="retention_notices"
    )
    due_on = models.DateField("anonymisation prévue le")
    sent_at = models.DateTimeField("prévenue le", auto_now_add=True)

    class Meta:
        verbose_name = "annonce d'anonymisation"
        verbose_name_plural = "annonces d'anonymisation"
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["job_seeker", "due_on"],
                name="retention_notice_once_per_due_date",
                violation_error_message="La coordination a déjà été prévenue de cette échéance.",
            )
        ]

    def __str__(self):
        return f"{self.job_seeker_id} → {self.due_on:%d/%m/%Y}"
