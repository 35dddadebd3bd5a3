"""Demo referrals (fake data): answered, pending, declined and expired, so that the Orientations pages, the file's
timeline, the dashboard and the pack's scorecard show them. Idempotent: nothing happens once the territory has some.

Rows are written directly with dates in the past (the services date everything now and send e-mails)."""

import datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone

from cohorts.enums import ConsentPurpose, TeamReason
from cohorts.models import Consent, FollowUpTeamMember, JobSeeker
from partners.models import Organisation, Territory, User

from .enums import ReferralStatus
from .models import Referral, ReferralTransition

# (from, to, barrier category, days ago sent, answer, days to answer, reason, decline reason)
SCENARIOS = [
    ("Mission locale", "Cap emploi", "health", 20, ReferralStatus.ACCEPTED, 4,
     "Projet professionnel à adapter après un accident du travail ; demande de RQTH en cours.", ""),
    ("Mission locale", "Passerelles", "childcare", 35, ReferralStatus.ACCEPTED, 2,
     "Recherche d'un mode de garde pour reprendre une formation qualifiante en février.", ""),
    ("France Travail", "Mobilité Solidaire", "mobility", 15, ReferralStatus.DECLINED, 6,
     "Besoin d'un deux-roues pour des horaires décalés en logistique.",
     "Plus de véhicule disponible avant mars : nous rappeler le mois prochain."),
    ("France Travail", "Cap emploi", "health", 3, None, None,
     "Avis sur un poste aménagé avant une mise en situation en entreprise.", ""),
    ("Mission locale", "France Travail", "employer_link", 1, None, None,
     "Inscription et accès aux offres de l'agence ; candidature à la préparation opérationnelle à l'emploi.", ""),
    ("Mission emploi Trélazé", "Mission locale", "confidence", 45, ReferralStatus.EXPIRED, 30,
     "Remobilisation après une longue période sans activité.", ""),
    ("France Travail", "Département", "financial", 28, ReferralStatus.ACCEPTED, 9,
     "Ouverture des droits au RSA et accompagnement socio-professionnel.", ""),
]  # fmt: skip


def seed(stdout=None) -> int:
    angers = Territory.objects.get(slug="angers-loire-metropole")
    if Referral.objects.filter(territory=angers).exists():
        return 0
    now = timezone.now()
    today = timezone.localdate()
    organisations = {o.short_name: o for o in Organisation.objects.filter(territory=angers)}
    senders = {
        u.organisation.short_name: u for u in User.objects.filter(organisation__territory=angers, role="advisor")
    }
    coordinator = User.objects.get(username="coordinatrice")
    used: set[int] = set()
    created = 0
    for from_name, to_name, category, days_ago, answer, days_to_answer, reason, decline_reason in SCENARIOS:
        sender_org, receiver = organisations[from_name], organisations[to_name]
        in_team = FollowUpTeamMember.objects.filter(job_seeker=OuterRef("pk"), organisation=receiver)
        person = (
            JobSeeker.objects.filter(territory=angers, referent_organisation=sender_org, anonymised_on__isnull=True)
            .in_follow_up(today)
            .filter(entry_date__lte=today - datetime.timedelta(days=days_ago + 1))
            .exclude(pk__in=used)
            .exclude(Exists(in_team))
            .order_by("entry_date", "pk")
            .first()
        )
        if person is None:
            continue
        used.add(person.pk)
        sender = senders.get(from_name, coordinator)
        sent_at = now - datetime.timedelta(days=days_ago, hours=2)
        consent = Consent.objects.create(
            job_seeker=person,
            purpose=ConsentPurpose.REFERRAL,
            organisation=receiver,
            given_on=timezone.localdate(sent_at),
            recorded_by=sender,
        )
        answered_at = sent_at + datetime.timedelta(days=days_to_answer) if answer else None
        answered_by = senders.get(to_name) if answer in (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED) else None
        referral = Referral.objects.create(
            territory=angers,
            job_seeker=person,
            from_organisation=sender_org,
            to_organisation=receiver,
            sent_by=sender,
            reason=reason,
            barrier_category=category,
            consent=consent,
            status=answer or ReferralStatus.SENT,
            sent_at=sent_at,
            expires_at=sent_at + datetime.timedelta(days=30),
            answered_at=answered_at,
            answered_by=answered_by,
            decline_reason=decline_reason,
        )
        ReferralTransition.objects.create(referral=referral, to_status=ReferralStatus.SENT, at=sent_at, actor=sender)
        if answer:
            ReferralTransition.objects.create(
                referral=referral, from_status=ReferralStatus.SENT, to_status=answer, at=answered_at, actor=answered_by
            )
        if answer == ReferralStatus.ACCEPTED:
            FollowUpTeamMember.objects.create(
                job_seeker=person,
                organisation=receiver,
                reason=TeamReason.REFERRAL,
                started_on=timezone.localdate(answered_at),
                added_by=answered_by,
            )
        created += 1
    if stdout is not None:
        stdout.write(f"Orientations : {created} orientation(s) fictive(s) entre partenaires.")
    return created
