"""The people of the cohort and their follow-up team."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from cite_emploi import date_rules
from cite_emploi.text import normalise

from .. import dates
from ..enums import (
    TEAM_END_REASONS,
    TEAM_JOIN_REASONS,
    EarlyExitReason,
    EducationLevel,
    JobSeekerStatus,
    LabourMarketStatus,
    Sex,
    TeamReason,
)
from ..querysets import (
    FollowUpTeamMemberQuerySet,
    JobSeekerQuerySet,
)
from .cohort import Cohort
from .qpv import QPV


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
        errors.update(self._date_errors())
        if errors:
            raise ValidationError(errors)

    def _date_errors(self) -> dict:
        """Bounded dates (cite_emploi.date_rules): entry in the cohort's year, working age, consent before entry."""
        errors = {}
        if self.entry_date and self.cohort_id:
            message = date_rules.within_year_error(
                self.entry_date, self.cohort.year, what="La date d'entrée", owner="de la cohorte"
            )
            if message:
                errors["entry_date"] = message
        if self.birth_date and self.entry_date and self.birth_date >= self.entry_date:
            errors["birth_date"] = "La date de naissance doit précéder la date d'entrée."
        elif message := date_rules.birth_date_error(self.birth_date, self.entry_date):
            errors["birth_date"] = message
        if message := date_rules.fact_date_error(self.consent_recorded_on):
            errors["consent_recorded_on"] = message
        elif self.consent_recorded_on and self.entry_date and self.consent_recorded_on > self.entry_date:
            errors["consent_recorded_on"] = (
                "Le consentement au partage se recueille avant l'entrée dans la cohorte (au plus tard le jour de "
                "l'entrée)."
            )
        if message := date_rules.fact_date_error(self.left_early_on):
            errors["left_early_on"] = message
        return errors

    def refresh_derived_fields(self):
        self.search_name = normalise(f"{self.last_name} {self.first_name}")
        if self.entry_date:
            try:
                self.follow_up_end_date = dates.follow_up_end_date(self.entry_date)
            except (ValueError, OverflowError):  # year 9999: refused by clean(), never a crash
                self.follow_up_end_date = None

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
        """A situation dated after `today` (typed before the date rules) records no milestone."""
        today = today or timezone.localdate()
        return dates.milestone_states(
            entry_date=self.entry_date,
            end_date=dates.follow_up_end_date(self.entry_date),
            left_early_on=self.left_early_on,
            situation_dates=[day for day in situation_dates if day <= today],
            today=today,
        )


def file_url(job_seeker_id, anchor=""):
    return reverse("cohorts:job_seeker_detail", args=[job_seeker_id]) + (f"#{anchor}" if anchor else "")


class FollowUpTeamMember(models.Model):
    """A partner organisation's membership of a person's follow-up team, with its history (issue 15).

    A membership starts (`started_on`, `reason`: accepted referral, decision of the follow-up group, enrolment) and
    may end (`ended_on`, `end_reason`). Access to the file follows the membership in time: an organisation reads the
    file while one of its memberships is active on that day (started, and not ended: `ended_on` empty or after
    today — `FollowUpTeamMemberQuerySet.active`). Ended memberships stay as the team's history.
    """

    job_seeker = models.ForeignKey(
        JobSeeker, verbose_name="personne", on_delete=models.CASCADE, related_name="team_members"
    )
    organisation = models.ForeignKey(
        "partners.Organisation", verbose_name="organisation", on_delete=models.PROTECT, related_name="+"
    )
    started_on = models.DateField("arrivée le", default=timezone.localdate)
    reason = models.CharField(
        "motif d'arrivée", max_length=20, choices=TeamReason.choices, default=TeamReason.GROUP_DECISION
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ajoutée par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ended_on = models.DateField("départ le", null=True, blank=True)
    end_reason = models.CharField("motif de départ", max_length=20, choices=TeamReason.choices, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="départ enregistré par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = FollowUpTeamMemberQuerySet.as_manager()

    class Meta:
        verbose_name = "membre de l'équipe de suivi"
        verbose_name_plural = "membres de l'équipe de suivi"
        ordering = ["organisation__name", "started_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["job_seeker", "organisation"],
                condition=Q(ended_on__isnull=True),
                name="team_member_one_open_membership",
                violation_error_message="Cette organisation fait déjà partie de l'équipe de suivi.",
            ),
            models.CheckConstraint(
                condition=Q(reason__in=[str(r) for r in TEAM_JOIN_REASONS]),
                name="team_member_join_reason",
                violation_error_message="Motif d'arrivée inconnu.",
            ),
            models.CheckConstraint(
                condition=(Q(ended_on__isnull=True) & Q(end_reason=""))
                | (Q(ended_on__isnull=False) & Q(end_reason__in=[str(r) for r in TEAM_END_REASONS])),
                name="team_member_end_has_date_and_reason",
                violation_error_message="Un départ de l'équipe s'enregistre avec sa date et son motif.",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="team_member_end_after_start",
                violation_error_message="Le départ de l'équipe ne peut précéder l'arrivée.",
            ),
        ]

    def __str__(self):
        return str(self.organisation)

    def get_absolute_url(self):
        return file_url(self.job_seeker_id, "equipe-titre")

    def clean(self):
        errors = {}
        if message := date_rules.fact_date_error(self.started_on):
            errors["started_on"] = message
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            errors["ended_on"] = "Le départ de l'équipe ne peut précéder l'arrivée."
        if errors:
            raise ValidationError(errors)

    def is_active_on(self, day: datetime.date) -> bool:
        """The same rule as `FollowUpTeamMemberQuerySet.active`."""
        return self.started_on <= day and (self.ended_on is None or self.ended_on > day)

    @property
    def is_active(self) -> bool:
        return self.is_active_on(timezone.localdate())
