"""Hostile import files get a French error with bounded memory (issue 10, point 7), never a 500."""

import io
import tracemalloc
import zipfile

import openpyxl
import pytest

from cohorts.imports import TEMPLATE_HEADERS, ImportFileError, read_rows
from cohorts.models import JobSeeker

pytestmark = pytest.mark.django_db

PEAK_LIMIT = 100 * 1024 * 1024


def _xlsx(rows, *, dimension=None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    if dimension is None:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                start = text.index('<dimension ref="') + len('<dimension ref="')
                data = (text[:start] + dimension + text[text.index('"', start) :]).encode()
            target.writestr(info, data)
    return out.getvalue()


def _xlsx_with_far_cells() -> bytes:
    """A few bytes that put cells at XFD1 and at row 1 048 576: a reader that pads rows and gaps explodes."""
    content = _xlsx([TEMPLATE_HEADERS])
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = (
                    data.decode()
                    .replace(
                        "</sheetData>",
                        '<row r="2"><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>'
                        '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
                    )
                    .encode()
                )
            target.writestr(info, data)
    return out.getvalue()


def _zip_bomb() -> bytes:
    """An XLSX whose sheet expands to far more than the upload (repeated rows compress very well)."""
    rows = "".join(
        f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>{"x" * 200}</t></is></c></row>' for i in range(2, 120_000)
    )
    content = _xlsx([TEMPLATE_HEADERS])
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.decode().replace("</sheetData>", rows + "</sheetData>").encode()
            target.writestr(info, data)
    return out.getvalue()


HEADER = ";".join(TEMPLATE_HEADERS)
HOSTILE = {
    # 2 000 one-cell rows under a declared A1:XFD2000: a reader that trusts the dimension pads each row to
    # 16 384 cells (263 MB on the code of issue 10)
    "xlsx-A1-XFD2000": (
        "cohorte.xlsx",
        lambda: _xlsx([["Nom"]] + [["x"]] * 1999, dimension="A1:XFD2000"),
        "Colonnes obligatoires absentes",
    ),
    "xlsx-A1-XFD1048576": (
        "cohorte.xlsx",
        lambda: _xlsx([TEMPLATE_HEADERS] + [["Durand"]] * 2500, dimension="A1:XFD1048576"),
        "Au plus 2000 lignes par fichier",
    ),
    "xlsx-far-cells": ("cohorte.xlsx", _xlsx_with_far_cells, "Le fichier dépasse 4001 lignes"),
    "xlsx-zip-bomb": ("cohorte.xlsx", _zip_bomb, "trop volumineux une fois décompressé"),
    "csv-byte-0x81": (
        "personnes.csv",
        lambda: (HEADER + "\nDurand;L\x81a\n").encode("latin-1", "replace").replace(b"?", b"\x81"),
        "Encodage du fichier non reconnu (octet 0x81",
    ),
    "csv-field-over-128-KB": (
        "personnes.csv",
        lambda: (HEADER + "\nDurand;" + "x" * (200 * 1024) + "\n").encode(),
        "une cellule dépasse 128 Ko",
    ),
    "oversize-file": (
        "personnes.csv",
        lambda: (HEADER + "\n" + "a;" * (1_100_000)).encode(),
        "Le fichier dépasse 2 Mo",
    ),
    "too-many-rows": (
        "personnes.csv",
        lambda: (HEADER + "\n" + "Durand;Léa\n" * 2001).encode(),
        "Au plus 2000 lignes par fichier",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_file_gets_a_french_error_with_bounded_memory(client, coordinator, cohort, case):
    name, build, message = HOSTILE[case]
    content = build()
    client.force_login(coordinator)
    upload = io.BytesIO(content)
    upload.name = name
    client.get("/cohorte/import/")  # templates and modules loaded before measuring
    tracemalloc.start()
    try:
        response = client.post("/cohorte/import/", {"cohort": cohort.pk, "file": upload})
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html, html[html.find("invalid-feedback") - 200 : html.find("invalid-feedback") + 600]
    assert peak < PEAK_LIMIT, f"pic mémoire {peak / 1e6:.0f} Mo"
    assert JobSeeker.objects.count() == 0


def test_read_rows_refuses_the_same_files_outside_the_page(settings):
    """The service path (confirmation step, scripts) gets the same errors as the page."""
    for case in ("csv-byte-0x81", "csv-field-over-128-KB", "oversize-file"):
        name, build, message = HOSTILE[case]
        with pytest.raises(ImportFileError, match=message.split(" (")[0]):
            read_rows(name, build())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"code;nom;commune\nQN04901M;Monplaisir\x81;Angers\n", "octet 0x81"),
        (("code;nom;commune\nQN04901M;" + "x" * (200 * 1024) + ";Angers\n").encode(), "Fichier CSV illisible"),
    ],
)
def test_import_qpv_command_answers_a_bad_file_in_french(tmp_path, territory, content, message):
    from django.core.management import CommandError, call_command

    path = tmp_path / "qpv.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("import_qpv", path, "--territory", territory.slug)
