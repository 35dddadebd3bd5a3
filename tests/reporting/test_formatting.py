import datetime
from decimal import Decimal

import pytest

from actions.gauge import envelope_gauge, gauge_svg
from cite_emploi import formatting
from reporting import charts


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1234.56"), "1\u202f234,56\u00a0€"),
        (Decimal("100000"), "100\u202f000,00\u00a0€"),
        (Decimal("0"), "0,00\u00a0€"),
        (Decimal("-1500.5"), "-1\u202f500,50\u00a0€"),
        (Decimal("999.995"), "1\u202f000,00\u00a0€"),
    ],
)
def test_money_in_french(value, expected):
    assert formatting.format_money(value) == expected


def test_dates_in_french():
    assert formatting.format_date(datetime.date(2026, 3, 12)) == "12 mars 2026"
    assert formatting.format_date(datetime.date(2026, 8, 1)) == "1er août 2026"


def test_percent_and_rate():
    assert formatting.rate(48, 63) == Decimal("76.2")
    assert formatting.format_percent(formatting.rate(48, 63)) == "76,2\u202f%"
    assert formatting.rate(3, 0) is None


@pytest.mark.parametrize(("count", "shown"), [(0, "0"), (1, "< 5"), (4, "< 5"), (5, "5"), (1234, "1\u202f234")])
def test_statistical_secrecy(count, shown):
    assert formatting.format_count(count) == shown


def test_bar_chart_hides_small_counts_and_is_accessible():
    svg = charts.horizontal_bars(
        [charts.Bar("Belle-Beille", 12), charts.Bar("Grand-Pigeon", 3)], title="Personnes par QPV"
    )
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert "<title>Personnes par QPV</title>" in svg
    assert "&lt; 5" in svg  # the count 3 is never printed
    assert ">3<" not in svg
    assert "style=" not in svg  # CSP: no inline style


def test_gauge_says_every_amount():
    svg = gauge_svg(envelope_gauge(amount=Decimal("100000"), committed=Decimal("80000"), paid=Decimal("20000")))
    assert "engagé 80\u202f000,00\u00a0€ (80,0\u202f%)" in svg
    assert "reste 20\u202f000,00\u00a0€" in svg
