import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from cohorts.imports import TEMPLATE_HEADERS
from cohorts.models import QPV, JobSeeker
from partners.enums import AuditAction
from partners.models import AuditEntry

from .factories import QPVFactory

HEADER = "Nom;Prénom;Date de naissance;Sexe;QPV;Organisation référente;Date d'entrée;Date du consentement;RQTH\n"


def _csv(*lines):
    return (HEADER + "\n".join(lines) + "\n").encode("utf-8")


@pytest.fixture
def good_rows(advisor):
    org = advisor.organisation.short_name
    return [
        f"Durand;Léa;12/03/1992;F;Monplaisir;{org};02/03/2026;01/03/2026;non",
        f"N'Diaye;Moussa;1988-07-30;M;monplaisir;{org};02/03/2026;02/03/2026;oui",
    ]


def _upload(client, cohort, content, name="personnes.csv"):
    upload = io.BytesIO(content)
    upload.name = name
    return client.post("/cohorte/import/", {"cohort": cohort.pk, "file": upload})


def _confirm(client, response):
    return client.post("/cohorte/import/", {"confirm": response.context["token"]}, follow=True)


def test_a_good_file_imports_every_row_and_twice_creates_no_duplicate(client, coordinator, cohort, qpv, good_rows):
    client.force_login(coordinator)
    preview = _upload(client, cohort, _csv(*good_rows))
    assert "Aucune erreur : 2 personnes à inscrire" in preview.content.decode()
    assert JobSeeker.objects.count() == 0  # the preview writes nothing
    done = _confirm(client, preview)
    assert f"Import terminé : 2 personnes inscrites dans {cohort.label}." in done.content.decode()
    assert JobSeeker.objects.count() == 2
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, detail__startswith="import").exists()
    again = _upload(client, cohort, _csv(*good_rows))
    assert "2 déjà inscrites" in again.content.decode()
    assert "token" not in again.context or not again.context.get("token")
    assert JobSeeker.objects.count() == 2


def test_bad_rows_import_nothing_and_each_is_reported_with_its_line(client, coordinator, cohort, qpv, good_rows):
    client.force_login(coordinator)
    content = _csv(
        good_rows[0],
        "Martin;Paul;31/02/1990;M;Monplaisir;Inconnue;02/03/2026;02/03/2026;non",
        "Petit;Zoé;01/01/1990;F;Quartier imaginaire;France Travail;02/03/2026;02/03/2026;non",
        good_rows[0],
        good_rows[1],
        "Roux;Anna;01/01/1990;F;Monplaisir;Organisation 0;02/03/2026;;non",
    )
    response = _upload(client, cohort, content)
    errors = {error.line: error.reason for error in response.context["preview"].errors}
    assert set(errors) == {3, 4, 5, 7}
    assert "Date de naissance « 31/02/1990 » illisible" in errors[3]
    assert "QPV « Quartier imaginaire » inconnu" in errors[4]
    assert errors[5] == "Même personne que la ligne 2."
    assert "Date du consentement manquante" in errors[7]
    html = response.content.decode()
    assert "4 lignes en erreur : rien ne sera importé." in html
    assert '<th scope="row">4</th>' in html
    assert JobSeeker.objects.count() == 0
    assert not response.context.get("token")


def test_service_refuses_the_whole_file_if_one_row_is_bad(coordinator, cohort, qpv, good_rows):
    from django.core.exceptions import ValidationError

    from cohorts.imports import job_seekers_import, read_rows

    rows = read_rows("x.csv", _csv(*good_rows, "Sans;QPV;01/01/1990;F;;France Travail;02/03/2026;02/03/2026;non"))
    with pytest.raises(ValidationError, match="Ligne 4 : QPV manquant"):
        job_seekers_import(actor=coordinator, cohort=cohort, rows=rows)
    assert JobSeeker.objects.count() == 0


def test_xlsx_with_real_dates(client, coordinator, cohort, qpv, advisor):
    import datetime

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(TEMPLATE_HEADERS)
    row = dict.fromkeys(TEMPLATE_HEADERS, "")
    row.update(
        {
            "Nom": "Garnier",
            "Prénom": "Chloé",
            "Date de naissance": datetime.datetime(1999, 5, 17),  # noqa: DTZ001  (a spreadsheet cell: naive by nature)
            "Sexe": "Femme",
            "QPV": "Monplaisir",
            "Organisation référente": advisor.organisation.name,
            "Date d'entrée": datetime.datetime(2026, 4, 1),  # noqa: DTZ001  (a spreadsheet cell: naive by nature)
            "Date du consentement": datetime.datetime(2026, 4, 1),  # noqa: DTZ001  (a spreadsheet cell: naive by nature)
            "RSA": "oui",
            "Identifiant France Travail": 1234567,
        }
    )
    sheet.append([row[h] for h in TEMPLATE_HEADERS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(coordinator)
    preview = _upload(client, cohort, buffer.getvalue(), name="cohorte.xlsx")
    assert preview.context["preview"].is_valid, preview.context["preview"].errors
    _confirm(client, preview)
    person = JobSeeker.objects.get()
    assert (person.birth_date, person.rsa_beneficiary, person.france_travail_id) == (
        datetime.date(1999, 5, 17),
        True,
        "1234567",
    )


def test_missing_columns_are_named(client, coordinator, cohort):
    client.force_login(coordinator)
    response = _upload(client, cohort, b"Nom;Prenom\nA;B\n")
    assert "Colonnes obligatoires absentes de la ligne 1" in response.content.decode()


def test_only_the_coordinator_imports(client, advisor):
    client.force_login(advisor)
    assert client.get("/cohorte/import/").status_code == 403


# --- manage.py import_qpv --------------------------------------------------------------------------
def _qpv_file(tmp_path, text):
    path = tmp_path / "qpv.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_qpv_fills_codes_and_is_safe_twice(tmp_path, territory, capsys):
    QPVFactory(territory=territory, name="Belle-Beille", commune="Angers")
    QPVFactory(territory=territory, name="Grand-Bellevue", commune="Trélazé")
    path = _qpv_file(
        tmp_path,
        "code;nom;commune\n"
        "QN04901M;Belle Beille;Angers\n"
        "QN04905M;Grand Bellevue;Trélazé\n"
        "QN04910M;Monplaisir;Angers\n"
        "QN07501M;Quartier parisien;Paris\n",
    )
    call_command("import_qpv", path, "--territory", territory.slug, "--dry-run")
    assert not QPV.objects.exclude(code=None).exists()
    call_command("import_qpv", path, "--territory", territory.slug)
    out = capsys.readouterr().out
    assert "1 QPV créé(s), 2 mis à jour" in out and "1 ligne(s) hors territoire" in out
    assert QPV.objects.get(code="QN04901M").name == "Belle Beille"
    call_command("import_qpv", path, "--territory", territory.slug)
    assert "0 QPV créé(s), 0 mis à jour, 3 inchangé(s)" in capsys.readouterr().out
    assert QPV.objects.count() == 3


def test_import_qpv_reports_bad_rows_with_line_numbers(tmp_path, territory, capsys):
    path = _qpv_file(
        tmp_path, "code,nom,commune\nQN04901M,Belle-Beille,Angers\nQ4901,Bad,Angers\nQN04901M,Doublon,Angers\n"
    )
    with pytest.raises(CommandError, match="2 ligne"):
        call_command("import_qpv", path, "--territory", territory.slug, "--commune", "Angers")
    err = capsys.readouterr().err
    assert "Ligne 3 : code « Q4901 » invalide" in err and "Ligne 4 : code QN04901M déjà présent ligne 2" in err
    assert not QPV.objects.exists()


def test_the_template_has_an_example_line_and_a_sheet_of_allowed_values(client, coordinator, qpv, advisor):
    client.force_login(coordinator)
    workbook = openpyxl.load_workbook(io.BytesIO(client.get("/cohorte/import/modele.xlsx").content))
    people = workbook["Personnes"]
    header = [c.value for c in people[1]]
    example = dict(zip(header, [c.value for c in people[2]], strict=True))
    assert header == TEMPLATE_HEADERS and "Conseiller référent" in header
    assert example["QPV"] == "Monplaisir" and example["Nom"] == "Exemple"
    allowed = [(row[0].value, row[1].value) for row in workbook["Valeurs autorisées"].iter_rows(min_row=2)]
    assert ("QPV", "Monplaisir (Angers)") in allowed
    assert any(column == "Conseiller référent" and advisor.username in value for column, value in allowed)
    csv_text = client.get("/cohorte/import/modele.csv").content.decode("utf-8-sig")
    assert len(csv_text.strip().splitlines()) == 2 and "Monplaisir" in csv_text


def test_the_referent_advisor_column_names_in_the_preview_and_the_cohort_kept(
    client, coordinator, cohort, qpv, advisor
):
    client.force_login(coordinator)
    org = advisor.organisation.short_name
    header = HEADER.strip() + ";Conseiller référent\n"
    content = (
        header
        + f"Durand;Léa;12/03/1992;F;Monplaisir;{org};02/03/2026;01/03/2026;non;{advisor.username}\n"
        + f"Petit;Jules;12/03/1990;M;Monplaisir;{org};02/03/2026;01/03/2026;non;inconnu.x\n"
    ).encode()
    upload = io.BytesIO(content)
    upload.name = "personnes.csv"
    preview = client.post("/cohorte/import/", {"cohort": cohort.pk, "file": upload})
    html = preview.content.decode()
    assert "Conseiller référent « inconnu.x » inconnu" in html
    fixed = io.BytesIO(content.replace(b"inconnu.x", b""))
    fixed.name = "personnes.csv"
    preview = client.post("/cohorte/import/", {"cohort": cohort.pk, "file": fixed})
    html = preview.content.decode()
    assert "DURAND" in html and "PETIT" in html  # names in the preview
    _confirm(client, preview)
    assert JobSeeker.objects.get(last_name="Durand").referent == advisor
    assert f'<option value="{cohort.pk}" selected>' in client.get("/cohorte/import/").content.decode()
