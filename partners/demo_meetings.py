"""Demo governance of Angers Loire Métropole: the technical group and its representatives, the strategic committee,
two follow-up groups, and the year's meetings (past ones with attendance, minutes and decisions).

Idempotent: meetings are found by (territory, kind, group, date), their agenda, attendees and decisions by content.
Fictitious content; the people are the demo accounts (names from Faker).
"""

import datetime

from .enums import AttendanceStatus, DecisionStatus, GroupKind
from .models import AgendaItem, Attendee, Decision, Meeting, User, WorkingGroup

TECHNICAL_GROUP_DATES = [
    datetime.date(2026, 1, 27),
    datetime.date(2026, 3, 24),
    datetime.date(2026, 5, 26),
    datetime.date(2026, 7, 7),  # brought forward before the summer
    datetime.date(2026, 9, 29),
    datetime.date(2026, 12, 8),
]
DEMO_TODAY = datetime.date(2026, 11, 25)

TECHNICAL_AGENDA = [
    "Point sur la cohorte : entrées, situations à 6 mois",
    "Actions financées et engagements de l'enveloppe",
    "Freins périphériques : point d'étape",
    "Questions diverses",
]

TECHNICAL_DECISIONS = {
    # date: [(text, owner username, due in days, status)]
    datetime.date(2026, 1, 27): [
        ("Valider le calendrier des entrées de la cohorte 2026 (90 personnes).", "coordinatrice", 30, "done"),
        ("Recenser les solutions de garde d'enfants mobilisables avec Par'Emploi.", "conseillere.cap", 45, "done"),
    ],
    datetime.date(2026, 3, 24): [
        ("Organiser deux visites d'entreprise pour les personnes de Belle-Beille.", "conseiller.ml", 60, "done"),
        ("Partager la liste des permis financés par le Département.", "representante.departement", 30, "dropped"),
    ],
    datetime.date(2026, 5, 26): [
        ("Lancer l'appel à projets mobilité (location de scooters solidaires).", "coordinatrice", 45, "done"),
    ],
    datetime.date(2026, 7, 7): [
        ("Préparer le bilan à 6 mois pour le comité stratégique.", "coordinatrice", 60, "done"),
        ("Proposer un atelier numérique à Grand-Bellevue.", "representante.trelaze", 75, "open"),
    ],
    datetime.date(2026, 9, 29): [
        ("Relancer les personnes sans contact depuis trois mois.", "conseillere.ft", 30, "open"),
        ("Établir avec Cap emploi un point sur les reconnaissances RQTH en cours.", "conseillere.cap", 45, "open"),
        ("Présenter au groupe technique l'engagement restant de l'enveloppe.", "coordinatrice", 60, "open"),
    ],
}

MINUTES = (
    "Tour de table des partenaires. Point sur la cohorte et sur les situations à 6 mois "
    "(emploi durable : CDI, CDD ou intérim de 6 mois ou plus). Revue des décisions de la réunion précédente. "
    "Les actions en cours sont présentées avec leurs premiers résultats ; les freins de mobilité et de garde "
    "d'enfants restent les plus fréquents."
)

REPRESENTATIVES = [
    "coordinatrice",
    "prefecture",
    "dreets",
    "conseillere.ft",
    "conseiller.ml",
    "conseillere.cap",
    "representante.departement",
    "representante.trelaze",
]
FOLLOW_UP_GROUPS = [
    ("Groupe de suivi Monplaisir et Deux-Croix", ["coordinatrice", "conseillere.ft", "conseiller.ml"]),
    ("Groupe de suivi Trélazé Grand-Bellevue", ["coordinatrice", "conseillere.cap", "representante.trelaze"]),
]


def _meeting(territory, kind, group, date, *, title, members, agenda, minutes="", decisions=(), excused=()):
    meeting, _ = Meeting.objects.update_or_create(
        territory=territory,
        kind=kind,
        group=group,
        date=date,
        defaults={
            "title": title,
            "start_time": datetime.time(14, 0) if kind != GroupKind.FOLLOW_UP_GROUP else datetime.time(9, 30),
            "location": "Aldev, 1 place Kennedy, Angers" if kind != GroupKind.FOLLOW_UP_GROUP else "",
            "video_link": "https://visio.example.org/cite-emploi-suivi" if kind == GroupKind.FOLLOW_UP_GROUP else "",
            "minutes": minutes,
        },
    )
    for position, item in enumerate(agenda, 1):
        AgendaItem.objects.update_or_create(meeting=meeting, position=position, defaults={"title": item})
    past = date < DEMO_TODAY
    for person in members:
        status = AttendanceStatus.INVITED
        if past:
            status = AttendanceStatus.EXCUSED if person.username in excused else AttendanceStatus.PRESENT
        Attendee.objects.update_or_create(meeting=meeting, user=person, defaults={"status": status})
    for text, owner, due_in, status in decisions:
        Decision.objects.update_or_create(
            meeting=meeting,
            text=text,
            defaults={
                "owner": User.objects.filter(username=owner, organisation__territory=territory).first(),
                "due_date": date + datetime.timedelta(days=due_in),
                "status": status,
                "status_changed_on": None if status == DecisionStatus.OPEN else date + datetime.timedelta(days=due_in),
            },
        )
    return meeting


def seed(*, angers, stdout=None) -> dict:
    people = {u.username: u for u in User.objects.filter(organisation__territory=angers)}
    technical, _ = WorkingGroup.objects.update_or_create(
        territory=angers,
        kind=GroupKind.TECHNICAL_GROUP,
        defaults={"name": "Groupe technique", "description": "Se réunit tous les deux mois."},
    )
    representatives = [people[name] for name in REPRESENTATIVES if name in people]
    technical.members.set(representatives)
    committee, _ = WorkingGroup.objects.update_or_create(
        territory=angers,
        kind=GroupKind.STRATEGIC_COMMITTEE,
        defaults={"name": "Comité stratégique", "description": "Coprésidé par le préfet."},
    )
    committee_members = [people[name] for name in ("coordinatrice", "prefecture", "dreets") if name in people]
    committee.members.set(committee_members)
    follow_up_groups = []
    for name, usernames in FOLLOW_UP_GROUPS:
        group, _ = WorkingGroup.objects.update_or_create(
            territory=angers, kind=GroupKind.FOLLOW_UP_GROUP, name=name, defaults={}
        )
        group.members.set([people[u] for u in usernames if u in people])
        follow_up_groups.append(group)

    meetings = []
    for index, date in enumerate(TECHNICAL_GROUP_DATES):
        past = date < DEMO_TODAY
        meetings.append(
            _meeting(
                angers,
                GroupKind.TECHNICAL_GROUP,
                technical,
                date,
                title=f"Groupe technique n° {index + 1} de 2026",
                members=representatives,
                agenda=TECHNICAL_AGENDA,
                minutes=MINUTES if past else "",
                decisions=TECHNICAL_DECISIONS.get(date, ()),
                excused={"dreets"} if index % 2 else {"representante.departement"},
            )
        )
    meetings.append(
        _meeting(
            angers,
            GroupKind.STRATEGIC_COMMITTEE,
            committee,
            datetime.date(2026, 6, 16),
            title="Comité stratégique 2026",
            members=committee_members,
            agenda=["Bilan à mi-parcours de la cohorte", "Enveloppe de l'État : engagements", "Orientations 2027"],
            minutes="Le comité prend acte du bilan à mi-parcours et valide les orientations proposées.",
            decisions=[
                ("Présenter un premier bilan des sorties dynamiques en décembre.", "coordinatrice", 170, "open")
            ],
        )
    )
    for group in follow_up_groups:
        members = list(group.members.all())
        for date, past_decisions in (
            (
                datetime.date(2026, 11, 10),
                [("Revoir la situation des personnes sans solution de garde.", "coordinatrice", 21, "open")],
            ),
            (datetime.date(2026, 12, 1), []),
        ):
            meetings.append(
                _meeting(
                    angers,
                    GroupKind.FOLLOW_UP_GROUP,
                    group,
                    date,
                    title=f"{group.name} — {date:%d/%m}",
                    members=members,
                    agenda=["Revue des situations", "Orientations vers les actions"],
                    minutes="Revue des situations des personnes suivies." if date < DEMO_TODAY else "",
                    decisions=past_decisions,
                )
            )
    if stdout is not None:
        stdout.write(
            f"Réunions : groupe technique ({len(representatives)} représentants), comité stratégique, "
            f"{len(follow_up_groups)} groupes de suivi, {len(meetings)} réunions en 2026."
        )
    return {"technical_group": technical, "follow_up_groups": follow_up_groups, "meetings": meetings}
