"""The meeting pack fits A4: rendered on the widest realistic data, no box crosses the page's content area.

Reading the PDF's text cannot see a column cut off at the right edge: this test walks WeasyPrint's layout tree.
"""

import datetime
import os
from decimal import Decimal
from html import unescape

import pytest
import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from weasyprint.formatting_structure import boxes

from cite_emploi.pdf import PDF_CSS
from cohorts.enums import BarrierCategory
from reporting.pack import TEMPLATE, pack_context
from tests.actions.factories import CoFundingFactory
from tests.factories import OrganisationFactory, UserFactory
from tests.partners.factories import AttendeeFactory, DecisionFactory, MeetingFactory
from tests.reporting.factories import (
    ActionFactory,
    BarrierFactory,
    CohortFactory,
    CommitmentFactory,
    EnvelopeFactory,
    FollowUpFactory,
    MeetingPackFactory,
    ParticipationFactory,
    PersonFactory,
    QPVFactory,
    SituationFactory,
)

pytestmark = pytest.mark.django_db

END = datetime.date(2026, 11, 30)
LONG_NAMES = [
    "Association départementale pour l'insertion professionnelle et sociale des jeunes de Maine-et-Loire",
    "Groupement d'employeurs pour l'insertion et la qualification du bâtiment et des travaux publics",
    "Centre communal d'action sociale de la ville d'Angers, pôle accompagnement vers l'emploi",
    "Mission locale angevine — antenne des quartiers prioritaires Belle-Beille et Monplaisir",
]


@pytest.fixture
def widest(territory):
    """Long organisation names, 12 barrier categories, 20 actions, 5 cohorts, numbers in the hundreds."""
    organisations = [OrganisationFactory(territory=territory, name=name, short_name="") for name in LONG_NAMES]
    qpvs = [
        QPVFactory(territory=territory, name=f"Quartier prioritaire de la ville numéro {i} — secteur nord")
        for i in range(4)
    ]
    cohorts = [
        CohortFactory(territory=territory, year=year, start_date=datetime.date(year, 1, 5))
        for year in range(2022, 2027)
    ]
    categories = BarrierCategory.values
    people = []
    for index in range(60):
        cohort = cohorts[index % 5]
        person = PersonFactory(
            cohort=cohort,
            qpv=qpvs[index % 4],
            referent_organisation=organisations[index % 4],
            entry_date=max(cohort.start_date, datetime.date(2025, 11, 1)) if cohort.year >= 2025 else cohort.start_date,
        )
        people.append(person)
        SituationFactory(job_seeker=person, date=person.entry_date)
        for category in categories[index % 12 : index % 12 + 3]:
            BarrierFactory(job_seeker=person, category=category, identified_on=person.entry_date)
        FollowUpFactory(
            job_seeker=person, date=END - datetime.timedelta(days=10), organisation=organisations[index % 4]
        )
    envelope = EnvelopeFactory(territory=territory, year=2026, amount=Decimal("1000000.00"))
    for index in range(20):
        action = ActionFactory(
            territory=territory,
            title=f"Accompagnement renforcé vers l'emploi durable des familles monoparentales, volet {index + 1}",
            lead_organisation=organisations[index % 4],
            start_date=datetime.date(2026, 1, 1),
            outcome_types=[(f"resultat-{p}", f"Solution de garde pérenne trouvée (type {p})") for p in range(4)],
        )
        for p in range(6):
            ParticipationFactory(
                action=action, job_seeker=None, enrolled_on=datetime.date(2026, 3, 1), single_parent=p % 2 == 0
            )
        CommitmentFactory(
            envelope=envelope, action=action, amount=Decimal("45678.90"), committed_on=datetime.date(2026, 2, 1)
        )
        for funder in ("FSE+", "Conseil départemental de Maine-et-Loire", "Caisse d'allocations familiales"):
            CoFundingFactory(action=action, funder=funder, amount=Decimal("123456.78"))
    coordinator = UserFactory(organisation=organisations[0], role="coordinator")
    for month in range(1, 12):
        meeting = MeetingFactory(territory=territory, date=datetime.date(2026, month, 10))
        for organisation in organisations:
            AttendeeFactory(meeting=meeting, organisation=organisation, status="present")
        DecisionFactory(
            meeting=meeting,
            owner=coordinator,
            due_date=datetime.date(2026, month, 28),
            text="Réunir les partenaires de la garde d'enfants et de la mobilité pour construire une réponse commune "
            "aux familles monoparentales des quartiers prioritaires, avec un bilan au prochain groupe technique.",
        )
    return MeetingPackFactory(territory=territory, period_start=datetime.date(2026, 10, 1), period_end=END)


def _overflowing(page):
    """Boxes of the page's flow whose border box leaves the page's content area (running headers excluded)."""
    page_box = page._page_box
    left = page_box.margin_left
    right = page_box.margin_left + page_box.width
    found = []

    def walk(box):
        if isinstance(box, boxes.MarginBox):
            return
        if box is not page_box and box.width is not None:
            if isinstance(box, boxes.TextBox):
                x0, x1 = box.position_x, box.position_x + box.width
            else:
                x0 = box.border_box_x()
                x1 = x0 + box.border_width()
            if x0 < left - 0.5 or x1 > right + 0.5:
                text = getattr(box, "text", "") or box.element_tag
                found.append(
                    f"{type(box).__name__} {text!r} from {x0:.0f} to {x1:.0f} (content area {left:.0f}–{right:.0f})"
                )
        for child in getattr(box, "children", ()):
            walk(child)

    walk(page_box)
    return found


def _problems(html):
    document = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        stylesheets=[weasyprint.CSS(filename=str(PDF_CSS))]
    )
    if os.environ.get("PACK_LAYOUT_PDF"):  # to look at the pages: PACK_LAYOUT_PDF=/tmp/widest.pdf pytest …
        document.write_pdf(os.environ["PACK_LAYOUT_PDF"])
    return {index + 1: found for index, page in enumerate(document.pages) if (found := _overflowing(page))}


def test_the_check_sees_a_table_cut_off_at_the_right_edge():
    """What the pack of issue 11 did: eight columns with unbreakable headers run past the margin."""
    header = "".join(f'<th style="white-space: nowrap">Colonne {i} très longue insécable</th>' for i in range(8))
    problems = _problems(f"<html lang='fr'><body><table><tr>{header}</tr></table></body></html>")
    assert problems and any("Colonne 7" in found for found in problems[1])


def test_the_pack_on_the_widest_data_stays_inside_the_a4_content_area(widest):
    html = render_to_string(TEMPLATE, pack_context(widest))
    problems = _problems(html)
    html = unescape(html)
    assert not problems, "Boxes cut off at the page edge (page: boxes): " + repr(
        {page: found[:5] for page, found in problems.items()}
    )
    # what makes the data "widest": every barrier category, 20 actions, 5 cohorts on page 1
    assert "Accompagnement renforcé vers l'emploi durable des familles monoparentales, volet 20" in html
    assert html.count("Cohorte 20") >= 2
    assert all(label in html for label in ("Mobilité", "Numérique", "Confiance en soi et remobilisation"))
