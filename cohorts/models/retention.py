"""Announcements of a file's coming anonymisation."""

from django.db import models

from .job_seeker import JobSeeker


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
