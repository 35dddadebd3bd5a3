"""QPVs, cohorts, job seekers and their follow-up team, barriers, follow-ups and situations."""

from .cohort import Cohort
from .consent import Consent
from .decisions import JobSeekerDecision
from .file_log import FileLogEntry
from .job_seeker import FollowUpTeamMember, JobSeeker
from .journal import Barrier, BarrierTransition, FollowUp, Situation
from .qpv import QPV, QPV_CODE_RE, qpv_code_validator
from .retention import RetentionNotice

__all__ = [
    "QPV",
    "QPV_CODE_RE",
    "Barrier",
    "BarrierTransition",
    "Cohort",
    "Consent",
    "FileLogEntry",
    "FollowUp",
    "FollowUpTeamMember",
    "JobSeeker",
    "JobSeekerDecision",
    "RetentionNotice",
    "Situation",
    "qpv_code_validator",
]
