"""QPVs, cohorts, job seekers and their follow-up team, barriers, follow-ups and situations."""

from .cohort import Cohort
from .consent import Consent
from .decisions import JobSeekerDecision
from .file_log import FileLogEntry
from .job_seeker import FollowUpTeamMember, JobSeeker
from .journal import Barrier, BarrierTransition, FollowUp, Situation
from .pathway import Candidate, CandidateTransition, PathwaySettings
from .qpv import QPV, QPV_CODE_RE, qpv_code_validator
from .retention import RetentionNotice
from .schemes import SchemeConnection

__all__ = [
    "QPV",
    "QPV_CODE_RE",
    "Barrier",
    "BarrierTransition",
    "Candidate",
    "CandidateTransition",
    "Cohort",
    "Consent",
    "FileLogEntry",
    "FollowUp",
    "FollowUpTeamMember",
    "JobSeeker",
    "JobSeekerDecision",
    "PathwaySettings",
    "RetentionNotice",
    "SchemeConnection",
    "Situation",
    "qpv_code_validator",
]
