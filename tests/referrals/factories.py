"""Factories of the referrals app (fake data only)."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from cohorts.models import Consent
from referrals.models import Referral, ReferralTransition
from tests.cohorts.factories import JobSeekerFactory
from tests.factories import OrganisationFactory


class ConsentFactory(DjangoModelFactory):
    class Meta:
        model = Consent
        django_get_or_create = ["job_seeker", "purpose", "organisation"]

    job_seeker = factory.SubFactory(JobSeekerFactory)
    purpose = "referral"
    organisation = factory.SubFactory(OrganisationFactory, territory=factory.SelfAttribute("..job_seeker.territory"))
    given_on = factory.SelfAttribute("job_seeker.entry_date")


class ReferralFactory(DjangoModelFactory):
    """A referral from the person's referent organisation, sent now (status `sent`), its consent recorded."""

    class Meta:
        model = Referral
        skip_postgeneration_save = True

    job_seeker = factory.SubFactory(JobSeekerFactory)
    territory = factory.SelfAttribute("job_seeker.territory")
    from_organisation = factory.SelfAttribute("job_seeker.referent_organisation")
    to_organisation = factory.SubFactory(OrganisationFactory, territory=factory.SelfAttribute("..job_seeker.territory"))
    reason = factory.Faker("sentence", locale="fr_FR")
    barrier_category = "mobility"
    consent = factory.SubFactory(
        ConsentFactory,
        job_seeker=factory.SelfAttribute("..job_seeker"),
        organisation=factory.SelfAttribute("..to_organisation"),
    )
    sent_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyAttribute(lambda r: r.sent_at + datetime.timedelta(days=30))

    @factory.post_generation
    def log(obj, create, extracted, **kwargs):
        if create:
            ReferralTransition.objects.create(referral=obj, from_status="", to_status="sent", at=obj.sent_at)
