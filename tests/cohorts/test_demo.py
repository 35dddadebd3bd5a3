import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from cohorts.enums import CandidateStage
from cohorts.models import QPV, Candidate, Cohort, JobSeeker, SchemeConnection, Situation
from cohorts.selectors import my_people
from partners.models import User


@pytest.mark.django_db
def test_demo_is_realistic_and_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    assert QPV.objects.filter(territory__slug="angers-loire-metropole").count() == 10
    assert not QPV.objects.exclude(code=None).exists()
    current = Cohort.objects.get(year=timezone.localdate().year)
    assert current.job_seekers.count() == 90
    assert JobSeeker.objects.filter(left_early_on__isnull=False).exists()
    assert JobSeeker.objects.filter(situations__situation="cdi").exists()
    advisor = User.objects.get(username="conseillere.ft")
    people = my_people(advisor)
    assert any(p.next_step_late for p in people) and any(p.milestones_due for p in people)
    # a realistic rhythm: most people were contacted recently, a few are late (it was every row)
    in_follow_up = [p for p in people if p.job_seeker.current_status == "in_follow_up"]
    recent = [p for p in in_follow_up if not p.no_recent_contact and not p.next_step_late]
    assert len(recent) >= 0.6 * len(in_follow_up), (len(recent), len(in_follow_up))
    assert any(p.no_recent_contact for p in in_follow_up)
    flagged = [p for p in people if p.next_step_late or p.no_recent_contact]
    assert 0 < len(flagged) <= 0.35 * len(people), (len(flagged), len(people))
    # the path into the cohort: people at each stage; durable jobs derived from contract dates
    assert set(Candidate.objects.values_list("stage", flat=True)) == set(CandidateStage.values)
    assert Candidate.objects.filter(stage="enrolled", job_seeker__isnull=False).count() == 2
    assert SchemeConnection.objects.exists()
    assert Situation.objects.filter(situation="cdd", outcome_class="emploi_durable").exists()
    assert Situation.objects.filter(situation="cdd", outcome_class="emploi_de_transition").exists()
    count, candidates = JobSeeker.objects.count(), Candidate.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert JobSeeker.objects.count() == count
    assert Candidate.objects.count() == candidates
