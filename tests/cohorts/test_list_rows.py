"""The cohort list's rows, written in Python (cohorts.list_rows), are the very HTML of the template they replace."""

import datetime

import pytest
from django.template import Context, Template

from cohorts.list_rows import rows_html
from cohorts.selectors import _with_open_barrier_count, job_seeker_rows_for, job_seekers_for
from tests.cohorts.factories import BarrierFactory, JobSeekerFactory, SituationFactory
from tests.factories import UserFactory

# The loop of templates/cohorts/job_seeker_list.html before issue 13, kept here as the reference.
REFERENCE = """{% load cohorts_tags %}{% for person in people %}
    <tr>
      <th scope="row"><a href="{{ person.get_absolute_url }}">{{ person.last_name|upper }} {{ person.first_name }}</a></th>
      <td>{{ person.cohort.label }}</td>
      <td>{% if person.qpv %}{{ person.qpv.name }}{% else %}<span class="badge text-bg-warning">Dérogation</span>{% endif %}</td>
      <td>{{ person.referent_organisation }}{% if person.referent %}<br><span class="small text-body-secondary">{{ person.referent.get_full_name }}</span>{% endif %}</td>
      <td>{{ person.entry_date|date:"d/m/Y" }}</td>
      <td>{{ person.follow_up_end_date|date:"d/m/Y" }}</td>
      <td><span class="badge {{ person.current_status|status_badge }}">{{ person.current_status|status_label }}</span></td>
      <td>{% if person.current_situation %}{{ person.current_situation|situation_label }}{% else %}—{% endif %}</td>
      <td>{{ person.open_barrier_count|default:0 }}</td>
    </tr>
    {% endfor %}"""


@pytest.mark.django_db
def test_the_rows_are_the_templates_html(territory, coordinator, cohort, qpv, advisor):
    organisation = advisor.organisation
    people = [
        JobSeekerFactory(territory=territory, cohort=cohort, qpv=qpv, referent_organisation=organisation),
        JobSeekerFactory(
            territory=territory,
            cohort=cohort,
            qpv=qpv,
            referent_organisation=organisation,
            referent=UserFactory(advisor=True, organisation=organisation, first_name="Zoé", last_name="<b>d'Aubigné"),
            first_name='Anne-"Marie" & <i>',
            last_name="l'Hôpital",
            entry_date=datetime.date(2026, 1, 5),
            left_early_on=datetime.date(2026, 3, 1),
            left_early_reason="moved",
        ),
        JobSeekerFactory(
            territory=territory,
            cohort=cohort,
            qpv=None,
            qpv_exception_reason="Hors QPV",
            referent_organisation=organisation,
        ),
    ]
    SituationFactory(job_seeker=people[0])
    BarrierFactory(job_seeker=people[0])
    BarrierFactory(job_seeker=people[0], category="childcare")
    rows = list(job_seeker_rows_for(coordinator))
    assert len(rows) == 3
    # the reference renders model instances, as the page did before issue 13
    people = _with_open_barrier_count(
        job_seekers_for(coordinator).select_related("cohort", "qpv", "referent_organisation", "referent"), coordinator
    )
    expected = Template(REFERENCE).render(Context({"people": people}))
    assert str(rows_html(rows)) == expected
    assert "&lt;b&gt;d&#x27;Aubigné" in expected and "Dérogation" in expected and ">2</td>" in expected


def test_no_row_is_an_empty_string():
    assert rows_html([]) == ""


@pytest.mark.django_db
def test_each_role_counts_the_open_barriers_it_may_read(person, advisor, ml_advisor, coordinator):
    """The list's count reads the health rule of `Barrier.objects.for_user`: the Mission locale, in the team, does not
    count the health barrier of a person France Travail refers; France Travail and the coordinator do."""
    from cohorts.enums import BarrierCategory
    from cohorts.models import Barrier, FollowUpTeamMember

    FollowUpTeamMember.objects.create(
        job_seeker=person, organisation=ml_advisor.organisation, started_on=person.entry_date
    )
    BarrierFactory(job_seeker=person, category=BarrierCategory.HEALTH)
    BarrierFactory(job_seeker=person, category=BarrierCategory.MOBILITY)
    BarrierFactory(job_seeker=person, category=BarrierCategory.CHILDCARE, status="lifted", lifted_on=person.entry_date)
    for user, expected in ((coordinator, 2), (advisor, 2), (ml_advisor, 1)):
        rows = list(job_seeker_rows_for(user))
        assert [row["open_barrier_count"] for row in rows] == [expected], user.organisation
        assert expected == Barrier.objects.for_user(user).open().filter(job_seeker=person).count()
