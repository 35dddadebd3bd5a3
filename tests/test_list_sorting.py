"""Every list page sorts by its columns (`?tri=`), accents aside, through the same scoping as the list; an unknown
sort key keeps the usual order; filters and the sort stay in the URL (links, pagination); an invalid filter says so
and shows nothing."""

import datetime
import re

import pytest

from tests.actions.factories import ActionFactory, CommitmentFactory, EnvelopeFactory, ParticipationFactory
from tests.cohorts.factories import CohortFactory, JobSeekerFactory, QPVFactory
from tests.factories import OrganisationFactory, UserFactory
from tests.partners.factories import DecisionFactory, MeetingFactory, WorkingGroupFactory
from tests.reporting.factories import MeetingPackFactory

pytestmark = pytest.mark.django_db

# list page → (who reads it, the sort keys of its columns)
LISTS = {
    "/partenaires/organisations/": ("coordinator", ["nom", "type", "groupe", "comptes", "etat"]),
    "/partenaires/personnes/": ("coordinator", ["nom", "organisation", "role", "etat"]),
    "/partenaires/groupes/": ("coordinator", ["nom", "type", "membres", "etat"]),
    "/partenaires/groupes/{group}/": ("coordinator", ["nom", "organisation"]),
    "/dossiers-de-seance/{pack}/": ("coordinator", ["date", "personne", "organisation"]),
    "/partenaires/reunions/": ("coordinator", ["date", "reunion", "instance", "lieu", "participants", "decisions"]),
    "/partenaires/reunions/{meeting}/": ("coordinator", ["decision", "responsable", "echeance", "etat"]),
    "/partenaires/personnes/{advisor}/journal/": ("coordinator", ["date"]),
    "/cohorte/": ("coordinator", ["nom", "cohorte", "qpv", "organisation", "entree", "fin"]),
    "/cohorte/mes-personnes/": ("advisor", ["nom", "echeance", "jalons", "contact", "urgence", "fin"]),
    "/cohorte/cohortes/": ("coordinator", ["nom", "annee", "debut", "inscrites"]),
    "/cohorte/qpv/": ("coordinator", ["code", "quartier", "commune"]),
    "/cohorte/conservation/": ("coordinator", ["nom", "cohorte", "organisation", "contact", "anonymisation"]),
    "/cohorte/personnes/{person}/droits/": ("coordinator", ["date"]),
    "/actions/": ("coordinator", ["titre", "statut", "porteur", "participants", "engage"]),
    "/budget/2026/": ("coordinator", ["date", "libelle", "categorie", "action", "montant", "statut"]),
    "/actions/{action}/": ("coordinator", ["participant", "inscription", "parent", "enfants", "resultats"]),
    "/dossiers-de-seance/": ("coordinator", ["numero", "reunion", "periode", "etat"]),
}


@pytest.fixture
def data(territory, coordinator, advisor, admin_user):
    for name in ("Zèbre insertion", "Émeraude emploi", "Bâtiment avenir"):
        OrganisationFactory(territory=territory, name=name)
    for last_name in ("Zola", "Érard", "Bon"):
        UserFactory(advisor=True, organisation=advisor.organisation, last_name=last_name)
    for name in ("Zénith", "Écoute", "Base"):
        group = WorkingGroupFactory(territory=territory, name=name, members=[advisor, coordinator])
        QPVFactory(territory=territory, name=f"Quartier {name}")
    meetings = [
        MeetingFactory(territory=territory, title=title, date=datetime.date(2026, 1, 5) + datetime.timedelta(days=n))
        for n, title in enumerate(("Zapping", "Échanges", "Bilan"))
    ]
    for text in ("Zoner", "Étudier", "Bâtir"):
        DecisionFactory(meeting=meetings[0], text=text)
    cohort = CohortFactory(territory=territory)
    person = JobSeekerFactory(territory=territory, cohort=cohort, referent_organisation=advisor.organisation)
    envelope = EnvelopeFactory(territory=territory, year=2026)
    action = ActionFactory(territory=territory, lead_organisation=coordinator.organisation, title="Éveil")
    for label in ("Zinc", "Écran", "Banc"):
        CommitmentFactory(envelope=envelope, label=label, action=action)
    for label in ("Zazie", "Élodie", "Bérénice"):
        ParticipationFactory(action=action, job_seeker=None, participant_label=label)
    pack = MeetingPackFactory(territory=territory)
    return {
        "meeting": meetings[0].pk,
        "advisor": advisor.pk,
        "person": person.pk,
        "action": action.pk,
        "group": group.pk,
        "pack": pack.pk,
    }


def _in_order(html: str, *names: str) -> bool:
    positions = [html.index(name) for name in names]
    return positions == sorted(positions)


@pytest.mark.parametrize("path", sorted(LISTS))
def test_every_column_sorts_both_ways_and_an_unknown_key_is_ignored(client, data, coordinator, advisor, path):
    who, keys = LISTS[path]
    client.force_login({"coordinator": coordinator, "advisor": advisor}[who])
    url = path.format(**data)
    for key in keys:
        for sort, direction in ((key, "ascending"), (f"-{key}", "descending")):
            response = client.get(url, {"tri": sort})
            assert response.status_code == 200, f"{url}?tri={sort}: {response.status_code}"
            html = response.content.decode()
            if key not in {"urgence", "fin"}:  # the advisor's urgency and end-of-follow-up sorts: the select only
                assert f'aria-sort="{direction}"' in html, f"{url}?tri={sort}: pas d'aria-sort"
    unknown = client.get(url, {"tri": "pas-une-colonne';--"})
    assert unknown.status_code == 200
    assert 'aria-sort="ascending"' not in unknown.content.decode()


@pytest.mark.parametrize(
    ("path", "key", "names"),
    [
        ("/partenaires/organisations/", "nom", ("Bâtiment avenir", "Émeraude emploi", "Zèbre insertion")),
        ("/partenaires/personnes/", "nom", ("Bon", "Érard", "Zola")),
        ("/partenaires/groupes/", "nom", (">Base<", ">Écoute<", ">Zénith<")),
        ("/partenaires/reunions/", "reunion", ("Bilan", "Échanges", "Zapping")),
        ("/partenaires/reunions/{meeting}/", "decision", ("Bâtir", "Étudier", "Zoner")),
        ("/cohorte/qpv/", "quartier", ("Quartier Base", "Quartier Écoute", "Quartier Zénith")),
        ("/budget/2026/", "libelle", ("Banc", "Écran", "Zinc")),
        ("/actions/{action}/", "participant", (">Bérénice <", ">Élodie <", ">Zazie <")),
    ],
)
def test_names_sort_without_regard_to_accents(client, data, coordinator, path, key, names):
    client.force_login(coordinator)
    url = path.format(**data)
    html = client.get(url, {"tri": key}).content.decode()
    assert _in_order(html, *names), f"{url}?tri={key}"
    html = client.get(url, {"tri": f"-{key}"}).content.decode()
    assert _in_order(html, *reversed(names)), f"{url}?tri=-{key}"


def test_a_table_lower_on_the_page_sorts_back_to_itself(client, data, coordinator):
    client.force_login(coordinator)
    html = client.get(f"/actions/{data['action']}/").content.decode()
    assert 'href="?tri=participant#participants"' in html


def test_sort_links_keep_the_filters_and_start_again_at_page_one(client, territory, coordinator):
    for n in range(25):
        MeetingFactory(
            territory=territory, kind="strategic_committee", date=datetime.date(2025, 1, 1) + datetime.timedelta(n)
        )
    client.force_login(coordinator)
    html = client.get(
        "/partenaires/reunions/", {"kind": "strategic_committee", "tri": "date", "page": "1"}
    ).content.decode()
    assert "?kind=strategic_committee&amp;tri=-date" in html  # the header keeps the filter, not the page
    assert re.search(r'href="\?kind=strategic_committee&amp;tri=date&amp;page=2"', html)  # pagination keeps both
    assert '<input type="hidden" name="tri" value="date">' in html  # the filter form keeps the sort


def test_an_unknown_meeting_instance_says_so_and_lists_nothing(client, territory, coordinator):
    MeetingFactory(territory=territory, title="Réunion visible")
    client.force_login(coordinator)
    html = client.get("/partenaires/reunions/", {"kind": "inconnue"}).content.decode()
    assert "Instance inconnue" in html
    assert "Réunion visible" not in html


def test_an_unknown_my_people_filter_says_so_and_shows_nobody(client, territory, advisor):
    cohort = CohortFactory(territory=territory)
    JobSeekerFactory(
        territory=territory,
        cohort=cohort,
        referent_organisation=advisor.organisation,
        referent=advisor,
        last_name="Zola",
    )
    client.force_login(advisor)
    assert "ZOLA" in client.get("/cohorte/mes-personnes/").content.decode()
    html = client.get("/cohorte/mes-personnes/", {"afficher": "tout-le-monde"}).content.decode()
    assert "Filtre inconnu" in html
    assert "ZOLA" not in html


def test_the_pack_list_shows_pages_of_fifty(client, territory, coordinator):
    for _ in range(51):
        MeetingPackFactory(territory=territory)
    client.force_login(coordinator)
    html = client.get("/dossiers-de-seance/", {"tri": "-numero"}).content.decode()
    assert html.count('href="/dossiers-de-seance/') - html.count("/demander/") >= 50
    assert "Page 1 sur 2" in html
    assert 'href="?tri=-numero&amp;page=2"' in html


def test_numbers_in_titles_sort_as_numbers():
    from cite_emploi.sorting import text_key

    titles = ["Groupe technique n° 10", "groupe technique n° 2", "Famille 1", "Élan", "Zoé"]
    assert sorted(titles, key=text_key) == [
        "Élan",
        "Famille 1",
        "groupe technique n° 2",
        "Groupe technique n° 10",
        "Zoé",
    ]


# templates/includes/sortable_headers.html before issue 13, kept as the reference of {% sortable_headers %}
SORTABLE_HEADERS_REFERENCE = """{% for column in sortable %}<th scope="col"{% if column.class %} class="{{ column.class }}"{% endif %}{% if column.direction %} aria-sort="{{ column.direction }}"{% endif %}>{% if column.key %}<a href="?{{ sort_query }}{% if sort_query %}&amp;{% endif %}tri={{ column.next }}{% if sort_anchor %}#{{ sort_anchor }}{% endif %}">{{ column.label }}{% if column.direction == "ascending" %} <span aria-hidden="true">▲</span>{% elif column.direction == "descending" %} <span aria-hidden="true">▼</span>{% endif %}<span class="visually-hidden"> (trier)</span></a>{% else %}{{ column.label }}{% endif %}</th>{% endfor %}
"""


@pytest.mark.parametrize("sort", ["", "nom", "-nom", "entree", "inconnu"])
@pytest.mark.parametrize("sort_query", ["", "status=in_follow_up&q=<b>l'Hôpital</b>"])
@pytest.mark.parametrize("anchor", [None, "engagements"])
def test_the_headers_tag_writes_the_former_include_s_html(sort, sort_query, anchor):
    from django.template import Context, Template

    from cite_emploi.sorting import sortable_headers

    columns = [
        ("Personne", "nom"),
        ("Entrée <date>", "entree"),
        ("Montant", "montant", "text-end"),
        ("Statut", None),
        ("Freins & co", None, "text-end"),
    ]
    context = {"sortable": sortable_headers(columns, sort), "sort_query": sort_query}
    with_anchor = f' sort_anchor="{anchor}"' if anchor else ""
    reference = Template(SORTABLE_HEADERS_REFERENCE).render(Context({**context, "sort_anchor": anchor or ""}))
    ours = Template("{% load lists %}{% sortable_headers" + with_anchor + " %}").render(Context(context))
    assert ours == reference.removesuffix("\n")  # the include's file ended with a newline, rendered inside <tr>
    assert "aria-sort" in ours or sort not in ("nom", "-nom", "entree")


FILTER_FIELDS_REFERENCE = """{% for field in form %}
    <div class="col-sm-6 col-lg-3">
      <label class="form-label" for="{{ field.id_for_label }}">{{ field.label }}</label>
      {{ field }}
      {% for error in field.errors %}<div class="text-danger small">{{ error }}</div>{% endfor %}
    </div>
    {% endfor %}"""


@pytest.mark.parametrize(
    "data",
    [None, {"q": "<b>l'Hôpital</b>", "status": "in_follow_up"}, {"page_size": "20", "cohort": "abc", "q": "x"}],
)
def test_the_filter_fields_tag_writes_the_former_loop_s_html(coordinator, data):
    from django.template import Context, Template

    from cohorts.forms import JobSeekerFilterForm

    form = JobSeekerFilterForm(data, user=coordinator)
    form.is_valid()
    reference = Template(FILTER_FIELDS_REFERENCE).render(Context({"form": form}))
    ours = Template('{% load lists %}{% filter_fields form "col-sm-6 col-lg-3" %}').render(Context({"form": form}))
    assert ours == reference
    assert ("text-danger" in ours) == (data is not None and data.get("cohort") == "abc")
