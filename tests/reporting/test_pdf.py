import io

import pytest
from django.template import engines
from pypdf import PdfReader

from cite_emploi.pdf import render_pdf


@pytest.fixture
def pdf_template(tmp_path, settings):
    settings.TEMPLATES[0]["DIRS"] = [*settings.TEMPLATES[0]["DIRS"], tmp_path]
    engines._engines = {}
    engines.__dict__.pop("templates", None)
    (tmp_path / "sample.html").write_text(
        '<html lang="fr"><body><p class="doc-title">Essai</p><h1>Titre</h1>'
        '<div class="section"><p>Deuxième page</p><img src="https://example.org/traceur.png" alt=""></div></body></html>',
        encoding="utf-8",
    )
    yield "sample.html"
    engines._engines = {}
    engines.__dict__.pop("templates", None)


def test_render_pdf_numbers_pages_and_never_fetches_the_network(pdf_template, caplog):
    data = render_pdf(pdf_template, {})
    refused = [r.getMessage() for r in caplog.records if "traceur.png" in r.getMessage()]
    assert refused, "the external image must be refused, not fetched"
    assert all("disallowed protocol" in message for message in refused)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2
    text = reader.pages[1].extract_text()
    assert "Page 2 sur 2" in text
    assert "Deuxième page" in text
