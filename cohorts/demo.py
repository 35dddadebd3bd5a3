"""Demo cohorts for Angers Loire Métropole: the ten QPVs, this year's cohort of 90 and last year's.

Fake people only (Faker fr_FR, fixed seed). Idempotent: a person is keyed by her (fake) France Travail id,
and her journal is written only when she is created. Dates are spread around today so that the pages
show milestones to record, late next steps and people nobody contacted for a month.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone
from faker import Faker

from cite_emploi.dates import add_months
from partners.enums import GroupKind
from partners.models import Decision, Organisation, Territory, User

from .dates import follow_up_end_date
from .enums import (
    EMPLOYMENT_SITUATIONS,
    BarrierCategory,
    BarrierStatus,
    CandidateStage,
    EarlyExitReason,
    EducationLevel,
    FollowUpKind,
    LabourMarketStatus,
    Scheme,
    SituationKind,
)
from .models import (
    QPV,
    Barrier,
    BarrierTransition,
    Candidate,
    CandidateTransition,
    Cohort,
    FollowUp,
    FollowUpTeamMember,
    JobSeeker,
    JobSeekerDecision,
    SchemeConnection,
    Situation,
)

QPVS = [
    ("Bédier-Beauval-Morellerie", "Angers"),
    ("Belle-Beille", "Angers"),
    ("Grand-Pigeon", "Angers"),
    ("Hauts-de-Saint-Aubin", "Angers"),
    ("La Roseraie", "Angers"),
    ("Monplaisir", "Angers"),
    ("Saint-Exupéry", "Angers"),
    ("Savary-Giran", "Angers"),
    ("Grand-Bellevue", "Trélazé"),
    ("Gide-Colomb", "Trélazé"),
]
# (organisation short name, demo advisor username or None, share of the cohort)
REFERENTS = [
    ("France Travail", "conseillere.ft", 40),
    ("Mission locale", "conseiller.ml", 25),
    ("Cap emploi", "conseillere.cap", 12),
    ("Mission emploi Trélazé", None, 13),
    ("Aldev", "coordinatrice", 10),
]
STREETS = ["rue", "avenue", "boulevard", "allée", "square", "place"]
SUMMARIES = [
    "Point sur le projet professionnel ; la personne vise un poste dans la logistique.",
    "Préparation d'un entretien d'embauche, simulation réalisée.",
    "Mise à jour du CV et inscription sur les offres de la plateforme.",
    "Orientation vers l'atelier numérique de la Mission locale.",
    "Échange sur la garde des enfants pendant la formation.",
    "Présentation d'une entreprise partenaire qui recrute dans l'aide à domicile.",
    "Bilan des démarches : trois candidatures envoyées cette semaine.",
    "Relance téléphonique : la personne reste mobilisée.",
]
NEXT_STEPS = [
    "Envoyer le CV mis à jour",
    "Rendez-vous avec l'employeur",
    "Dossier de financement du permis",
    "Inscription à l'atelier CV",
    "Point sur la solution de garde",
    "Relancer la candidature en cours",
]
EMPLOYERS = ["Scania Angers", "CHU d'Angers", "Terrena", "Aldi Trélazé", "Keolis Angers", "Ville d'Angers", "Adecco"]


def _referent_organisations(angers):
    by_short_name = {o.short_name: o for o in Organisation.objects.filter(territory=angers)}
    users = {u.username: u for u in User.objects.filter(username__in=[r[1] for r in REFERENTS if r[1]])}
    return [(by_short_name[name], users.get(username), weight) for name, username, weight in REFERENTS]


def _person(fake, rng, *, qpvs, referents, cohort, entry_date, today, index):
    organisation, referent, _ = rng.choices(referents, weights=[r[2] for r in referents])[0]
    if organisation.short_name == "Mission emploi Trélazé":
        qpv = rng.choice([q for q in qpvs if q.commune == "Trélazé"])
    else:
        qpv = rng.choice(qpvs)
    young = organisation.short_name == "Mission locale"
    sex = rng.choice(["F", "F", "M", "M", "X"] if index % 17 == 0 else ["F", "M"])
    first_name = fake.first_name_female() if sex == "F" else fake.first_name_male()
    age = rng.randint(18, 25) if young else rng.randint(26, 58)
    birth_date = entry_date - datetime.timedelta(days=age * 365 + rng.randint(0, 364))
    return JobSeeker(
        territory=cohort.territory,
        cohort=cohort,
        first_name=first_name,
        last_name=fake.last_name(),
        birth_date=birth_date,
        sex=sex,
        address=f"{rng.randint(1, 120)} {rng.choice(STREETS)} {fake.last_name()}",
        commune=qpv.commune,
        qpv=qpv,
        phone=f"06 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        email=f"personne.demo{cohort.year}{index:03d}@example.org",
        france_travail_id=f"DEMO{cohort.year}{index:03d}",
        referent_organisation=organisation,
        referent=referent,
        entry_date=entry_date,
        consent_recorded_on=entry_date - datetime.timedelta(days=rng.randint(0, 10)),
        labour_market_status=rng.choice(
            [LabourMarketStatus.UNEMPLOYED, LabourMarketStatus.LONG_TERM_UNEMPLOYED, LabourMarketStatus.INACTIVE]
        ),
        education_level=rng.choice(list(EducationLevel.values) + [EducationLevel.ISCED_0_2] * 2),
        rsa_beneficiary=rng.random() < 0.35,
        single_parent=rng.random() < 0.25,
        disability_recognised=organisation.short_name == "Cap emploi" or rng.random() < 0.03,
    )


def _journal(rng, person, *, today, authors, partners, coordinator):
    """Barriers, follow-ups, situations and sometimes an early exit, between entry and today."""
    end = min(today, follow_up_end_date(person.entry_date))
    span = max((end - person.entry_date).days, 1)
    author = person.referent or coordinator
    categories = rng.sample(list(BarrierCategory.values), k=rng.randint(1, 3))
    if person.disability_recognised and BarrierCategory.HEALTH not in categories:
        categories.append(BarrierCategory.HEALTH)
    for category in categories:
        identified_on = person.entry_date + datetime.timedelta(days=rng.randint(0, 20))
        if identified_on > today:
            identified_on = person.entry_date
        status = rng.choice(
            [BarrierStatus.IDENTIFIED, BarrierStatus.IN_PROGRESS, BarrierStatus.IN_PROGRESS, BarrierStatus.LIFTED]
            + ([BarrierStatus.NOT_LIFTED] if span > 200 else [])
        )
        on = min(identified_on + datetime.timedelta(days=rng.randint(15, 120)), today)
        barrier = Barrier.objects.create(
            job_seeker=person,
            category=category,
            status=status,
            identified_on=identified_on,
            started_on=on if status != BarrierStatus.IDENTIFIED else None,
            lifted_on=on if status == BarrierStatus.LIFTED else None,
            closed_on=on if status in {BarrierStatus.LIFTED, BarrierStatus.NOT_LIFTED} else None,
            author=author,
            organisation=person.referent_organisation,
        )
        transitions = [("", BarrierStatus.IDENTIFIED, identified_on)]
        if status != BarrierStatus.IDENTIFIED:
            transitions.append((BarrierStatus.IDENTIFIED, BarrierStatus.IN_PROGRESS, on))
        if status in {BarrierStatus.LIFTED, BarrierStatus.NOT_LIFTED}:
            transitions[-1] = (BarrierStatus.IDENTIFIED, BarrierStatus.IN_PROGRESS, identified_on)
            transitions.append((BarrierStatus.IN_PROGRESS, status, on))
        BarrierTransition.objects.bulk_create(
            BarrierTransition(barrier=barrier, from_status=f, to_status=t, on=d, actor=author)
            for f, t, d in transitions
        )
        if category in {BarrierCategory.CHILDCARE, BarrierCategory.MOBILITY} and rng.random() < 0.6:
            partner = partners["Passerelles" if category == BarrierCategory.CHILDCARE else "Mobilité Solidaire"]
            FollowUpTeamMember.objects.get_or_create(
                job_seeker=person, organisation=partner, defaults={"started_on": identified_on, "added_by": coordinator}
            )
    # an ML person is often followed by France Travail too (shared summaries, not the notes)
    if person.referent_organisation.short_name == "Mission locale" and rng.random() < 0.4:
        FollowUpTeamMember.objects.get_or_create(
            job_seeker=person, organisation=partners["France Travail"], defaults={"added_by": coordinator}
        )

    # A realistic rhythm: most people were seen in the last three weeks (the last contact is near the end of the
    # span), a few slipped out of contact for more than 30 days, and a few next steps are late.
    silent = rng.random() < 0.1
    last_possible = end - datetime.timedelta(days=rng.randint(35, 60)) if silent else end
    last_day = max(person.entry_date, last_possible - datetime.timedelta(days=rng.randint(0, 20)))
    count = max(1, min(8, span // 35))
    follow_ups = []
    for number in range(count):
        is_last = number == count - 1
        if is_last:
            day = last_day
        else:
            day = person.entry_date + datetime.timedelta(days=int(span * number / count) + rng.randint(0, 6))
            day = max(person.entry_date, min(day, last_day))
        by = rng.choice([*authors.get(person.referent_organisation.short_name, [author]), coordinator])
        due = None
        if is_last and end >= today:  # no next step left open once the follow-up year is over
            due = day + datetime.timedelta(days=rng.choice([-3, 10, 14, 21, 21, 28, 30, 35, 45]))
        follow_ups.append(
            FollowUp(
                job_seeker=person,
                date=day,
                kind=rng.choice(list(FollowUpKind.values)),
                author=by,
                organisation=by.organisation,
                summary=rng.choice(SUMMARIES),
                confidential_note="Situation familiale difficile évoquée, à suivre." if rng.random() < 0.2 else "",
                next_step=rng.choice(NEXT_STEPS) if due or (not is_last and rng.random() < 0.3) else "",
                next_step_due=due,
            )
        )
    FollowUp.objects.bulk_create(follow_ups)

    situations = [Situation(job_seeker=person, date=person.entry_date, situation=SituationKind.JOB_SEEKING)]
    six_months = add_months(person.entry_date, 6)
    roll = rng.random()
    if roll < 0.08 and span > 60:
        left_on = person.entry_date + datetime.timedelta(days=rng.randint(45, span))
        person.left_early_on = min(left_on, today)
        person.left_early_reason = rng.choice(list(EarlyExitReason.values))
        person.save(update_fields=["left_early_on", "left_early_reason"])
        if person.left_early_reason == EarlyExitReason.MOVED_AWAY:
            situations.append(
                Situation(job_seeker=person, date=person.left_early_on, situation=SituationKind.MOVED_AWAY)
            )
    elif span > 60:
        outcome_on = person.entry_date + datetime.timedelta(days=rng.randint(60, span))
        # (kind, contract length in months: None when the kind has no end date)
        outcome, months = rng.choice(
            [
                (SituationKind.CDI, None),
                (SituationKind.CDI_INTERIM, None),
                (SituationKind.CDD, 8),
                (SituationKind.CDD, 3),
                (SituationKind.TEMP, 2),
                (SituationKind.APPRENTICESHIP, 24),
                (SituationKind.PROFESSIONALISATION, 12),
                (SituationKind.QUALIFYING_TRAINING, None),
                (SituationKind.SIAE, None),
                (SituationKind.SUBSIDISED_CONTRACT, None),
                (SituationKind.JOB_SEEKING, None),
            ]
        )
        employed = outcome in EMPLOYMENT_SITUATIONS
        situations.append(
            Situation(
                job_seeker=person,
                date=outcome_on,
                situation=outcome,
                contract_start=outcome_on if employed else None,
                contract_end=add_months(outcome_on, months) - datetime.timedelta(days=1) if months else None,
                weekly_hours=Decimal(rng.choice([24, 28, 35, 35, 35])) if employed else None,
                employer=rng.choice(EMPLOYERS) if outcome != SituationKind.JOB_SEEKING else "",
            )
        )
    # the milestones are recorded for most, not all, of those who reached them
    twelve_months = add_months(person.entry_date, 12)
    eighteen_months = add_months(person.entry_date, 18)
    for milestone_on, share in ((six_months, 0.85), (twelve_months, 0.85), (eighteen_months, 0.8)):
        if milestone_on <= today and rng.random() < share and not person.left_early_on:
            last = situations[-1]
            if last.contract_end is not None and last.contract_end < milestone_on:  # the contract is over
                situations.append(Situation(job_seeker=person, date=milestone_on, situation=SituationKind.JOB_SEEKING))
                continue
            situations.append(
                Situation(
                    job_seeker=person,
                    date=milestone_on,
                    situation=last.situation,
                    contract_start=last.contract_start,
                    contract_end=last.contract_end,
                    weekly_hours=last.weekly_hours,
                    employer=last.employer,
                )
            )
    for situation in situations:
        situation.author = author
        situation.organisation = person.referent_organisation
        situation.refresh_outcome_class()  # bulk_create does not call save()
    Situation.objects.bulk_create(situations)


def seed(stdout=None) -> dict:
    today = timezone.localdate()
    angers = Territory.objects.get(slug="angers-loire-metropole")
    qpvs = []
    for name, commune in QPVS:
        qpv, _ = QPV.objects.get_or_create(territory=angers, name=name, commune=commune)
        qpvs.append(qpv)
    referents = _referent_organisations(angers)
    partners = {o.short_name: o for o in Organisation.objects.filter(territory=angers)}
    coordinator = User.objects.get(username="coordinatrice")
    authors = {}
    for user in User.objects.filter(organisation__territory=angers, role__in=["advisor", "coordinator"]):
        authors.setdefault(user.organisation.short_name, []).append(user)

    created = 0
    cohorts = []
    for year, size, first_entry, last_entry in [
        (today.year - 1, 60, datetime.date(today.year - 1, 1, 6), datetime.date(today.year - 1, 10, 15)),
        (today.year, 90, datetime.date(today.year, 1, 5), today - datetime.timedelta(days=10)),
    ]:
        cohort, _ = Cohort.objects.get_or_create(
            territory=angers,
            year=year,
            defaults={"label": f"Cohorte {year}", "start_date": first_entry, "target_size": 90},
        )
        cohorts.append(cohort)
        fake = Faker("fr_FR")
        fake.seed_instance(year)
        rng = random.Random(year)
        window = (last_entry - first_entry).days
        for index in range(size):
            entry_date = first_entry + datetime.timedelta(days=int(window * index / size) + rng.randint(0, 3))
            person = _person(
                fake,
                rng,
                qpvs=qpvs,
                referents=referents,
                cohort=cohort,
                entry_date=entry_date,
                today=today,
                index=index,
            )
            existing = JobSeeker.objects.filter(territory=angers, france_travail_id=person.france_travail_id).first()
            if existing is not None:
                continue
            person.save()
            created += 1
            _journal(rng, person, today=today, authors=authors, partners=partners, coordinator=coordinator)
    if stdout is not None:
        stdout.write(f"Cohortes : {len(qpvs)} QPV, {len(cohorts)} cohortes, {created} personne(s) fictive(s) créée(s).")
    return {"qpvs": qpvs, "cohorts": cohorts}


def link_decisions_to_job_seekers(stdout=None) -> None:
    """After the cohort exists: a follow-up group decision concerns one person followed by the group's partners."""
    decisions = Decision.objects.filter(
        meeting__kind=GroupKind.FOLLOW_UP_GROUP,
        meeting__territory__slug="angers-loire-metropole",
        job_seeker_link__isnull=True,
    ).select_related("meeting__group")
    linked = 0
    for decision in decisions:
        organisations = decision.meeting.group.members.exclude(role="coordinator").values("organisation")
        person = JobSeeker.objects.filter(referent_organisation__in=organisations).order_by("pk").first()
        if person is not None:
            JobSeekerDecision.objects.create(decision=decision, job_seeker=person)
            linked += 1
    if stdout is not None and linked:
        stdout.write(f"Réunions : {linked} décision(s) de groupe de suivi rattachée(s) à une personne.")


# --- the path into the cohort and the reconnection to mainstream schemes ------------------------------------------
# (identifying organisation, stage, days ago it was identified): people at each stage, from several partners
CANDIDATES = [
    ("France Travail", "identified", 5),
    ("France Travail", "identified", 12),
    ("Mission locale", "identified", 3),
    ("Mission emploi Trélazé", "identified", 20),
    ("France Travail", "contacted", 25),
    ("Mission locale", "contacted", 18),
    ("Passerelles", "contacted", 30),
    ("France Travail", "proposed", 40),
    ("Mission locale", "proposed", 33),
    ("Cap emploi", "proposed", 28),
    ("Mission emploi Trélazé", "not_enrolled", 55),
    ("Mission locale", "not_enrolled", 48),
]
SCHEME_ORGANISATIONS = {
    Scheme.FRANCE_TRAVAIL: "France Travail",
    Scheme.CEJ: "Mission locale",
    Scheme.MISSION_LOCALE: "Mission locale",
    Scheme.PLIE: "Aldev",
    Scheme.PASS_IAE: "France Travail",
    Scheme.RSA_SUPPORT: "Département",
}


def seed_pathway(stdout=None) -> None:
    """People identified by partners at each stage (two enrolled ones are people of the current cohort), and
    reconnections to mainstream schemes for a third of the current cohort. Safe to run twice."""
    angers = Territory.objects.get(slug="angers-loire-metropole")
    if Candidate.objects.filter(territory=angers).exists():
        return
    today = timezone.localdate()
    fake = Faker("fr_FR")
    fake.seed_instance(2015)
    rng = random.Random(2015)
    organisations = {o.short_name: o for o in Organisation.objects.filter(territory=angers)}
    advisors = {}
    for user in User.objects.filter(organisation__territory=angers, role__in=["advisor", "coordinator"]):
        advisors.setdefault(user.organisation_id, user)
    coordinator = User.objects.get(username="coordinatrice")
    qpvs = list(QPV.objects.filter(territory=angers))
    rows = [(short, stage, days, None) for short, stage, days in CANDIDATES]
    # two people of the current cohort came through the path: identified, contacted, proposed, enrolled
    recent = JobSeeker.objects.filter(territory=angers, entry_date__gte=today - datetime.timedelta(days=60))
    for person in recent.select_related("referent_organisation").order_by("-entry_date")[:2]:
        days = (today - person.entry_date).days + 30
        rows.append((person.referent_organisation.short_name, "enrolled", days, person))
    for short, stage, days, person in rows:
        organisation = organisations[short]
        actor = advisors.get(organisation.pk, coordinator)
        identified_on = today - datetime.timedelta(days=days)
        contacted_on = identified_on + datetime.timedelta(days=4) if stage != "identified" else None
        proposed_on = identified_on + datetime.timedelta(days=10) if stage in ("proposed", "enrolled") else None
        decided_on = None
        if stage == "enrolled":
            decided_on = person.entry_date
        elif stage == "not_enrolled":
            decided_on = identified_on + datetime.timedelta(days=12)
        candidate = Candidate.objects.create(
            territory=angers,
            first_name=person.first_name if person else fake.first_name(),
            last_name=person.last_name if person else fake.last_name(),
            birth_date=person.birth_date if person else fake.date_of_birth(minimum_age=19, maximum_age=55),
            qpv=person.qpv if person else rng.choice(qpvs),
            phone=fake.phone_number(),
            identified_by=organisation,
            identified_on=identified_on,
            consent_recorded_on=identified_on,
            consent_recorded_by=actor,
            stage=stage,
            contacted_on=contacted_on,
            proposed_on=proposed_on,
            decided_on=decided_on,
            not_enrolled_reason=rng.choice(["declined", "other_scheme"]) if stage == "not_enrolled" else "",
            job_seeker=person,
        )
        steps = [("", CandidateStage.IDENTIFIED, identified_on, actor)]
        if contacted_on:
            steps.append((CandidateStage.IDENTIFIED, CandidateStage.CONTACTED, contacted_on, actor))
        if proposed_on:
            steps.append((CandidateStage.CONTACTED, CandidateStage.PROPOSED, proposed_on, actor))
        if decided_on:
            steps.append((steps[-1][1], stage, decided_on, coordinator if stage == "enrolled" else actor))
        CandidateTransition.objects.bulk_create(
            [
                CandidateTransition(
                    candidate=candidate, from_stage=a, to_stage=b, on=on, actor=who, organisation=who.organisation
                )
                for a, b, on, who in steps
            ]
        )
    connections = []
    people = JobSeeker.objects.filter(territory=angers, entry_date__lte=today - datetime.timedelta(days=20))
    for person in people.order_by("pk"):
        if rng.random() > 0.35:
            continue
        scheme = rng.choice(list(SCHEME_ORGANISATIONS))
        day = min(today, person.entry_date + datetime.timedelta(days=rng.randint(7, 120)))
        connections.append(
            SchemeConnection(
                job_seeker=person,
                scheme=scheme,
                date=day,
                organisation=organisations[SCHEME_ORGANISATIONS[scheme]],
                recorded_by=person.referent_organisation,
            )
        )
    SchemeConnection.objects.bulk_create(connections)
    if stdout is not None:
        stdout.write(
            f"Repérage : {len(rows)} personne(s) repérée(s) ; {len(connections)} raccrochage(s) au droit commun."
        )
