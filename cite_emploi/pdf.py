"""PDF rendering with WeasyPrint: one stylesheet (A4, running header, page numbers) for every document.

Only local files and ``data:`` URLs are fetched: a document never reaches the network.
"""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

PDF_CSS = Path(settings.BASE_DIR) / "static" / "css" / "pdf.css"


def _document(template_name: str, context: dict):
    import weasyprint
    from weasyprint.urls import URLFetcher

    html = render_to_string(template_name, context)
    return weasyprint.HTML(
        string=html, base_url=str(settings.BASE_DIR), url_fetcher=URLFetcher(allowed_protocols={"file", "data"})
    ).render(stylesheets=[weasyprint.CSS(filename=str(PDF_CSS))])


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a Django template to PDF bytes with the shared print stylesheet."""
    return _document(template_name, context).write_pdf()


def render_pdf_with_page_count(template_name: str, context: dict) -> tuple[bytes, int]:
    document = _document(template_name, context)
    return document.write_pdf(), len(document.pages)
