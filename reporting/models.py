"""The meeting pack (dossier de séance): an anonymised PDF built by a Celery worker, and its downloads."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from .enums import PackStatus
from .querysets import MeetingPackDownloadQuerySet, MeetingPackQuerySet, QuarterlyReportQuerySet


def pack_upload_to(instance, filename):
    return f"dossiers-de-seance/{instance.territory_id}/{filename}"


class MeetingPack(models.Model):
    territory = models.ForeignKey(
        "partners.Territory", verbose_name="territoire", on_delete=models.PROTECT, related_name="meeting_packs"
    )
    meeting = models.ForeignKey(
        "partners.Meeting",
        verbose_name="réunion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="packs",
    )
    period_start = models.DateField("début de la période")
    period_end = models.DateField("fin de la période")
    cohort = models.ForeignKey(
        "cohorts.Cohort",
        verbose_name="cohorte",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Vide : toutes les cohortes.",
    )
    automatic = models.BooleanField("fabriqué automatiquement", default=False)
    status = models.CharField("état", max_length=10, choices=PackStatus.choices, default=PackStatus.PENDING)
    error = models.TextField("erreur", blank=True)
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="demandé par", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("demandé le", auto_now_add=True)
    started_at = models.DateTimeField("commencé le", null=True, blank=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)
    file = models.FileField("fichier", upload_to=pack_upload_to, blank=True)
    file_size = models.PositiveIntegerField("taille (octets)", null=True, blank=True)
    sha256 = models.CharField("empreinte SHA-256", max_length=64, blank=True)
    page_count = models.PositiveSmallIntegerField("pages", null=True, blank=True)
    notified_at = models.DateTimeField("lien envoyé par courriel le", null=True, blank=True)

    objects = MeetingPackQuerySet.as_manager()

    class Meta:
        verbose_name = "dossier de séance"
        verbose_name_plural = "dossiers de séance"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="meeting_pack_period_in_order",
                violation_error_message="La fin de la période ne peut précéder son début.",
            ),
            models.CheckConstraint(
                condition=~Q(status=PackStatus.DONE) | (~Q(file="") & Q(file_size__isnull=False) & ~Q(sha256="")),
                name="meeting_pack_done_has_file",
                violation_error_message="Un dossier prêt a son fichier, sa taille et son empreinte.",
            ),
            models.UniqueConstraint(
                fields=["meeting", "cohort"],
                condition=Q(automatic=True, cohort__isnull=False),
                name="meeting_pack_one_automatic_per_meeting_and_cohort",
                violation_error_message="Le dossier automatique de cette réunion pour cette cohorte existe déjà.",
            ),
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(automatic=True, cohort__isnull=True),
                name="meeting_pack_one_automatic_per_meeting",
                violation_error_message="Le dossier automatique de cette réunion existe déjà.",
            ),
        ]

    def __str__(self):
        return f"Dossier de séance {self.pk}"

    def get_absolute_url(self):
        return reverse("reporting:pack_detail", args=[self.pk])

    def get_download_url(self):
        return reverse("reporting:pack_download", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in {PackStatus.DONE, PackStatus.FAILED}

    def filename(self) -> str:
        return f"dossier-de-seance-{self.period_start:%Y%m%d}-{self.period_end:%Y%m%d}-{self.pk}.pdf"


class MeetingPackDownload(models.Model):
    pack = models.ForeignKey(MeetingPack, verbose_name="dossier", on_delete=models.CASCADE, related_name="downloads")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "partners.Organisation", verbose_name="organisation", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    downloaded_at = models.DateTimeField("le", auto_now_add=True)

    objects = MeetingPackDownloadQuerySet.as_manager()

    class Meta:
        verbose_name = "téléchargement d'un dossier de séance"
        verbose_name_plural = "téléchargements des dossiers de séance"
        ordering = ["-downloaded_at", "-id"]

    def __str__(self):
        return f"Téléchargement {self.pk}"


def quarterly_upload_to(instance, filename):
    return f"rapports-trimestriels/{instance.year}/{filename}"


class QuarterlyReport(models.Model):
    """The quarterly national report (PDF and XLSX), built by a Celery worker like the meeting packs: every
    territory's anonymised figures and the national total, under statistical secrecy. One per quarter."""

    year = models.PositiveSmallIntegerField("année")
    quarter = models.PositiveSmallIntegerField(
        "trimestre", choices=[(q, f"{q}{'er' if q == 1 else 'e'} trimestre") for q in (1, 2, 3, 4)]
    )
    automatic = models.BooleanField("fabriqué automatiquement", default=False)
    status = models.CharField("état", max_length=10, choices=PackStatus.choices, default=PackStatus.PENDING)
    error = models.TextField("erreur", blank=True)
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="demandé par", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("demandé le", auto_now_add=True)
    started_at = models.DateTimeField("commencé le", null=True, blank=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)
    territory_count = models.PositiveSmallIntegerField("territoires", null=True, blank=True)
    pdf = models.FileField("PDF", upload_to=quarterly_upload_to, blank=True)
    pdf_size = models.PositiveIntegerField("taille du PDF (octets)", null=True, blank=True)
    pdf_sha256 = models.CharField("empreinte SHA-256 du PDF", max_length=64, blank=True)
    page_count = models.PositiveSmallIntegerField("pages", null=True, blank=True)
    xlsx = models.FileField("XLSX", upload_to=quarterly_upload_to, blank=True)
    xlsx_size = models.PositiveIntegerField("taille du XLSX (octets)", null=True, blank=True)
    xlsx_sha256 = models.CharField("empreinte SHA-256 du XLSX", max_length=64, blank=True)

    objects = QuarterlyReportQuerySet.as_manager()

    class Meta:
        verbose_name = "rapport national trimestriel"
        verbose_name_plural = "rapports nationaux trimestriels"
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "quarter"],
                name="quarterly_report_one_per_quarter",
                violation_error_message="Le rapport de ce trimestre existe déjà.",
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4),
                name="quarterly_report_quarter_1_to_4",
                violation_error_message="Le trimestre va de 1 à 4.",
            ),
            models.CheckConstraint(
                condition=~Q(status=PackStatus.DONE) | (~Q(pdf="") & ~Q(xlsx="") & ~Q(pdf_sha256="")),
                name="quarterly_report_done_has_files",
                violation_error_message="Un rapport prêt a son PDF et son XLSX.",
            ),
        ]

    def __str__(self):
        return f"Rapport national, {self.get_quarter_display()} {self.year}"

    def get_absolute_url(self):
        return reverse("reporting:quarterly_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in {PackStatus.DONE, PackStatus.FAILED}

    def filename(self, extension: str) -> str:
        return f"rapport-national-{self.year}-T{self.quarter}.{extension}"
