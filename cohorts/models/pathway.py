"""The path into the cohort: a person identified by a partner, contacted, proposed, then enrolled or not."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from cite_emploi import date_rules

from ..enums import CandidateStage, EnrolmentValidator, NotEnrolledReason
from ..querysets import CandidateQuerySet, CandidateTransitionQuerySet
from .job_seeker import JobSeeker
from .qpv import QPV


class PathwaySettings(models.Model):
    """A territory's choices about the path into the cohort (one row per territory, created on first change)."""

    territory = models.OneToOneField(
        "partners.Territory", verbose_name="territoire", on_delete=models.CASCADE, related_name="pathway_settings"
    )
    enrolment_validated_by = models.CharField(
        "les inscriptions proposées sont validées par",
        max_length=20,
        choices=EnrolmentValidator.choices,
        default=EnrolmentValidator.COORDINATOR,
    )

    class Meta:
        verbose_name = "réglage du repérage"
        verbose_name_plural = "réglages du repérage"

    def __str__(self):
        return f"{self.territory} : {self.get_enrolment_validated_by_display()}"


class Candidate(models.Model):
    """A person a partner identified ("aller vers"), before she is enrolled: minimal data, consent to being identified.

    `stage` moves along `enums.CANDIDATE_TRANSITIONS`; each change is dated and logged (`CandidateTransition`). Once
    enrolled, `job_seeker` is her file in the cohort. Never enrolled: anonymised on the retention rule.
    """

    territory = models.ForeignKey(
        "partners.Territory", verbose_name="territoire", on_delete=models.PROTECT, related_name="candidates"
    )
    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=100)
    birth_date = models.DateField("date de naissance", null=True, blank=True)
    qpv = models.ForeignKey(
        QPV, verbose_name="QPV", on_delete=models.PROTECT, related_name="candidates", null=True, blank=True
    )
    phone = models.CharField("téléphone", max_length=30, blank=True)
    email = models.EmailField("courriel", blank=True)
    identified_by = models.ForeignKey(
        "partners.Organisation",
        verbose_name="repérée par",
        on_delete=models.PROTECT,
        related_name="identified_candidates",
    )
    identified_on = models.DateField("repérée le")
    consent_recorded_on = models.DateField(
        "consentement au repérage recueilli le",
        help_text="Date à laquelle la personne a accepté d'être signalée à la Cité de l'emploi.",
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="consentement enregistré par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    stage = models.CharField(
        "étape", max_length=20, choices=CandidateStage.choices, default=CandidateStage.IDENTIFIED, db_index=True
    )
    contacted_on = models.DateField("contactée le", null=True, blank=True)
    proposed_on = models.DateField("proposée le", null=True, blank=True)
    decided_on = models.DateField("décision le", null=True, blank=True, help_text="Inscrite ou non inscrite.")
    not_enrolled_reason = models.CharField(
        "motif de non-inscription", max_length=20, choices=NotEnrolledReason.choices, blank=True
    )
    decision_meeting = models.ForeignKey(
        "partners.Meeting",
        verbose_name="réunion du groupe de suivi",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="La réunion où le groupe de suivi a décidé, quand le territoire lui confie la validation.",
    )
    job_seeker = models.OneToOneField(
        JobSeeker,
        verbose_name="fiche dans la cohorte",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidate",
    )
    anonymised_on = models.DateField("anonymisée le", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    objects = CandidateQuerySet.as_manager()

    class Meta:
        verbose_name = "personne repérée"
        verbose_name_plural = "personnes repérées"
        ordering = ["-identified_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(stage=CandidateStage.NOT_ENROLLED) & ~Q(not_enrolled_reason=""))
                | (~Q(stage=CandidateStage.NOT_ENROLLED) & Q(not_enrolled_reason="")),
                name="candidate_not_enrolled_iff_reason",
                violation_error_message="Une non-inscription s'enregistre avec son motif.",
            ),
            models.CheckConstraint(
                condition=Q(stage__in=[CandidateStage.ENROLLED, CandidateStage.NOT_ENROLLED], decided_on__isnull=False)
                | (~Q(stage__in=[CandidateStage.ENROLLED, CandidateStage.NOT_ENROLLED]) & Q(decided_on__isnull=True)),
                name="candidate_decision_dated",
                violation_error_message="Une inscription ou une non-inscription est datée.",
            ),
            models.CheckConstraint(
                condition=Q(consent_recorded_on__lte=F("identified_on")),
                name="candidate_consent_before_identification",
                violation_error_message="Le consentement au repérage se recueille au plus tard le jour du repérage.",
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def get_absolute_url(self):
        return reverse("cohorts:candidate_detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_open(self) -> bool:
        return self.stage in (CandidateStage.IDENTIFIED, CandidateStage.CONTACTED, CandidateStage.PROPOSED)

    def clean(self):
        errors = {}
        for name in ("identified_on", "consent_recorded_on", "contacted_on", "proposed_on", "decided_on"):
            if message := date_rules.fact_date_error(getattr(self, name)):
                errors[name] = message
        if self.birth_date and (message := date_rules.birth_date_error(self.birth_date, self.identified_on)):
            errors["birth_date"] = message
        if (
            "consent_recorded_on" not in errors
            and self.consent_recorded_on
            and self.identified_on
            and self.consent_recorded_on > self.identified_on
        ):
            errors["consent_recorded_on"] = "Le consentement au repérage se recueille au plus tard le jour du repérage."
        if self.qpv_id and self.territory_id and self.qpv.territory_id != self.territory_id:
            errors["qpv"] = "Ce QPV n'appartient pas au territoire."
        if errors:
            raise ValidationError(errors)


class CandidateTransition(models.Model):
    """The log of a candidate's stages: from, to, on which date, by whom (and the meeting, for a group decision)."""

    candidate = models.ForeignKey(
        Candidate, verbose_name="personne repérée", on_delete=models.CASCADE, related_name="transitions"
    )
    from_stage = models.CharField("étape précédente", max_length=20, choices=CandidateStage.choices, blank=True)
    to_stage = models.CharField("nouvelle étape", max_length=20, choices=CandidateStage.choices)
    on = models.DateField("date")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name="organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    meeting = models.ForeignKey(
        "partners.Meeting", verbose_name="réunion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("enregistré le", auto_now_add=True)

    objects = CandidateTransitionQuerySet.as_manager()

    class Meta:
        verbose_name = "étape du repérage"
        verbose_name_plural = "étapes du repérage"
        ordering = ["on", "id"]

    def __str__(self):
        return f"{self.get_from_stage_display() or '—'} → {self.get_to_stage_display()}"
