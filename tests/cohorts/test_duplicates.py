"""Duplicates (issue 10, points 9 and 11): one normalisation of names, used by forms, API and imports; the
message names whom to contact, never where the existing file is."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError

from cite_emploi.text import normalise
from cohorts import services
from cohorts.models import JobSeeker
from tests.factories import OrganisationFactory, UserFactory

from .factories import JobSeekerFactory

D = datetime.date
ZWSP = "\u200b"  # zero-width space (Unicode category Cf)
CYRILLIC_E = "\u0435"  # « е », looks like the Latin e


@pytest.mark.parametrize(
    "typed",
    [
        f"Lef{CYRILLIC_E}vre H{CYRILLIC_E}lene",
        f"Lefe{ZWSP}vre Hélène",
        "LEF\u00adÈVRE HÉLÈNE",  # soft hyphen, Cf
        "Ｌｅｆｅｖｒｅ Helene",  # full-width letters (NFKC)
        "Lef\u0435vre H\u200d\u0435l\u0435n\u0435",  # Cyrillic e and a zero-width joiner
        "lefevre  helene\u2060",  # word joiner
        "Lefèvre Hélène",
        "Lefe\u0300vre He\u0301le\u0300ne",  # combining accents
        "Lefèvre-Hélène",
        "\u039befevre Helene",  # Greek capital lambda is not an L: stays different
    ],
)
def test_normalise_folds_invisible_and_look_alike_characters(typed):
    expected = "lefevre helene"
    if "\u039b" in typed:
        assert normalise(typed) != expected
    else:
        assert normalise(typed) == expected


def test_greek_and_cyrillic_capitals_fold_to_latin():
    assert normalise("\u0410\u041c\u0415L\u0406\u0415") == "amelie"  # Cyrillic А М Е І
    assert normalise("\u039a\u039f\u03a4\u0391") == "kota"  # Greek Κ Ο Τ Α
    assert normalise("\u0416\u0430\u043d\u043d\u0430") != normalise("Janna")  # a Cyrillic name stays itself


@pytest.fixture
def existing(territory, cohort, qpv, advisor):
    return JobSeekerFactory(
        territory=territory,
        cohort=cohort,
        qpv=qpv,
        first_name="Hélène",
        last_name="Lefèvre",
        birth_date=D(1990, 4, 12),
        referent_organisation=advisor.organisation,
    )


def _data(cohort, qpv, organisation, last_name, first_name="Hélène"):
    return {
        "cohort": cohort,
        "first_name": first_name,
        "last_name": last_name,
        "birth_date": D(1990, 4, 12),
        "sex": "F",
        "qpv": qpv,
        "referent_organisation": organisation,
        "entry_date": D(2026, 4, 1),
        "consent_recorded_on": D(2026, 3, 28),
    }


@pytest.mark.parametrize("last_name", [f"Lef{CYRILLIC_E}vre", f"Lefè{ZWSP}vre", f"{ZWSP}LEFEVRE"])
def test_the_service_refuses_a_look_alike_duplicate(existing, advisor, cohort, qpv, last_name):
    with pytest.raises(ValidationError) as exc:
        services.job_seeker_enrol(actor=advisor, **_data(cohort, qpv, advisor.organisation, last_name))
    assert exc.value.message_dict["__all__"][0].startswith("Cette personne est déjà inscrite")
    assert JobSeeker.objects.count() == 1


def test_the_service_refuses_a_look_alike_on_update(existing, advisor, cohort, qpv):
    other = services.job_seeker_enrol(actor=advisor, **_data(cohort, qpv, advisor.organisation, "Martin"))
    with pytest.raises(ValidationError):
        services.job_seeker_update(actor=advisor, job_seeker=other, last_name=f"L{CYRILLIC_E}f{ZWSP}èvre")


def test_the_form_refuses_a_look_alike_duplicate(client, existing, advisor, cohort, qpv):
    client.force_login(advisor)
    response = client.post(
        "/cohorte/inscrire/",
        {
            "cohort": cohort.pk,
            "last_name": f"Lef{CYRILLIC_E}vre",
            "first_name": f"Hé{ZWSP}lène",
            "birth_date": "1990-04-12",
            "sex": "F",
            "qpv": qpv.pk,
            "entry_date": "2026-04-01",
            "consent_recorded_on": "2026-03-28",
        },
    )
    assert response.status_code == 200
    assert "déjà inscrite" in response.content.decode()
    assert JobSeeker.objects.count() == 1


def test_the_api_refuses_a_look_alike_duplicate(api_as, existing, advisor, cohort, qpv):
    response = api_as(advisor).post(
        "/api/v1/job-seekers/",
        {
            "cohort": cohort.pk,
            "last_name": f"LEF{ZWSP}EVRE",
            "first_name": f"h{CYRILLIC_E}l{CYRILLIC_E}ne",
            "birth_date": "1990-04-12",
            "sex": "F",
            "qpv": qpv.pk,
            "entry_date": "2026-04-01",
            "consent_recorded_on": "2026-03-28",
        },
    )
    assert response.status_code == 400, response.json()
    assert "déjà inscrite" in response.json()["non_field_errors"][0]


def test_the_import_treats_a_look_alike_as_already_enrolled(client, coordinator, existing, cohort, qpv, advisor):
    header = "Nom;Prénom;Date de naissance;Sexe;QPV;Organisation référente;Date d'entrée;Date du consentement\n"
    org = advisor.organisation.short_name
    rows = [
        f"Lef{CYRILLIC_E}vre;Hél{ZWSP}ène;12/04/1990;F;{qpv.name};{org};02/03/2026;01/03/2026",
        f"Durand;L{CYRILLIC_E}a;12/03/1992;F;{qpv.name};{org};02/03/2026;01/03/2026",
        f"Durand;Lea{ZWSP};12/03/1992;F;{qpv.name};{org};02/03/2026;01/03/2026",
    ]
    upload = io.BytesIO((header + "\n".join(rows) + "\n").encode())
    upload.name = "personnes.csv"
    client.force_login(coordinator)
    html = client.post("/cohorte/import/", {"cohort": cohort.pk, "file": upload}).content.decode()
    assert "Même personne que la ligne 3" in html  # the two Léa Durand are one person
    upload = io.BytesIO((header + rows[0] + "\n").encode())
    upload.name = "personnes.csv"
    html = client.post("/cohorte/import/", {"cohort": cohort.pk, "file": upload}).content.decode()
    assert "1 déjà inscrite" in html


def test_the_duplicate_message_names_the_coordination_and_never_the_file(territory, cohort, qpv):
    """The caller cannot see the existing file: she learns whom to contact, not where the file is."""
    aldev = OrganisationFactory(territory=territory, name="Aldev", short_name="Aldev", kind="coordinator")
    UserFactory(role="coordinator", organisation=aldev)
    referent = OrganisationFactory(territory=territory, name="Cap emploi 49", kind="cap_emploi")
    outsider = UserFactory(role="advisor", organisation__territory=territory, organisation__name="Mission locale")
    hidden = JobSeekerFactory(
        territory=territory,
        cohort=cohort,
        qpv=qpv,
        last_name="Benali",
        first_name="Inès",
        birth_date=D(1990, 4, 12),
        referent_organisation=referent,
    )
    assert not JobSeeker.objects.for_user(outsider).filter(pk=hidden.pk).exists()
    with pytest.raises(ValidationError) as exc:
        services.job_seeker_enrol(actor=outsider, **_data(cohort, qpv, outsider.organisation, "Benali", "Inès"))
    message = exc.value.message_dict["__all__"][0]
    assert "adressez-vous à la coordination de la Cité de l'emploi (Aldev)" in message
    assert "/cohorte/personnes/" not in message and str(hidden.pk) not in message
    assert "Cap emploi" not in message  # the referent organisation would hint at a disability
