import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from cohorts.models import QPV, Cohort, JobSeeker
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
    count = JobSeeker.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert JobSeeker.objects.count() == count
