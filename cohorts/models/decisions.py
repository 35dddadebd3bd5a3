"""A follow-up group's decision about one person (the link belongs to cohorts)."""

from django.db import models

from .job_seeker import JobSeeker


class JobSeekerDecision(models.Model):
    """A follow-up group's decision about one person. Owned by cohorts (partners' Decision never points up)."""

    decision = models.OneToOneField(
        "partners.Decision", verbose_name="décision", on_delete=models.CASCADE, related_name="job_seeker_link"
    )
    job_seeker = models.ForeignKey(
        JobSeeker, verbose_name="personne concernée", on_delete=models.CASCADE, related_name="meeting_decisions"
    )

    class Meta:
        verbose_name = "décision concernant une personne"
        verbose_name_plural = "décisions concernant une personne"

    def __str__(self):
        return f"Décision {self.decision_id} → personne {self.job_seeker_id}"
