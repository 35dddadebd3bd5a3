"""The figures of a territory, computed once and served from the cache until the next write (issue 13).

The dashboard, the home pages, the XLSX export and the meeting pack all read `reporting.metrics.compute_metrics`
through these wrappers. Entries are keyed by (territory, period, cohort) under the territory's data version
(`cite_emploi.figures_cache`), which every write service bumps: a figure is never served stale after a write,
and nothing expires blindly. `Metrics.computed_at` tells when the figures were computed.
"""

import datetime

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from cite_emploi import figures_cache

from .charts import metrics_charts
from .metrics import DEFINITIONS, Metrics, Period, compute_metrics
from .metrics.tables import protected_figures
from .selectors import Due, whats_due


def _key(period: Period, cohort) -> tuple:
    return (period.start.isoformat(), period.end.isoformat(), cohort.pk if cohort is not None else None)


def metrics_for(territory, period: Period, cohort=None) -> Metrics:
    """`compute_metrics(territory, period, cohort)`, computed once per data version."""
    return figures_cache.get_or_compute(
        territory.pk, "metrics", _key(period, cohort), lambda: compute_metrics(territory, period, cohort)
    )


def dashboard_figures(territory, period: Period, cohort=None) -> tuple[Metrics, dict]:
    """The metrics and their SVG charts (the dashboard's fragment), computed once per data version."""

    def compute():
        metrics = metrics_for(territory, period, cohort)
        return metrics, metrics_charts(metrics, protected_figures(metrics))

    return figures_cache.get_or_compute(territory.pk, "dashboard", _key(period, cohort), compute)


def figures_html_key(period: Period, cohort=None) -> tuple[str, tuple]:
    return "dashboard-html", _key(period, cohort)


def figures_html(territory, period: Period, cohort=None) -> SafeString:
    """The dashboard's figures fragment (tables and charts) rendered once per data version: it depends on the
    figures only, never on who reads them (the same anonymised aggregates for every role that may see them)."""

    def compute():
        metrics, charts = dashboard_figures(territory, period, cohort)
        figures = protected_figures(metrics)  # the pack's tables and secrecy, the same cells
        context = {
            "metrics": metrics,
            "figures": figures,
            "tables": figures.tables(),
            "summary": figures.summary(),
            "charts": charts,
            "definitions": DEFINITIONS,
            "figures_error": "",
            "lazy_figures": False,
            "query_string": "",
        }
        return str(render_to_string("reporting/includes/dashboard_figures.html", context))

    return mark_safe(figures_cache.get_or_compute(territory.pk, *figures_html_key(period, cohort), compute))


def due_key(today: datetime.date) -> tuple[str, tuple]:
    return "whats-due", (today.isoformat(),)


def due_for(territory_id: int, today: datetime.date) -> Due:
    """What is due on the territory today (`whats_due`), computed once per data version and day."""
    return figures_cache.get_or_compute(territory_id, *due_key(today), lambda: whats_due(territory_id, today))
