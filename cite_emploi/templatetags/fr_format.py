"""The template filters of French typography and statistical secrecy, for every app: ``{% load fr_format %}``.

French names, one per format of cite_emploi.formatting: ``euros``, ``euros_rounded``, ``nombre``, ``pourcent``,
``date_fr``, ``secret`` (a count in a breakdown), ``taux_sur`` (a rate and its base).
"""

from django import template

from cite_emploi import formatting
from cite_emploi.french import french_date

register = template.Library()


@register.filter
def euros(value):
    """Decimal("1234.5") → « 1 234,50 € »; None or "" → « — »."""
    return formatting.format_money(None if value == "" else value)


@register.filter
def euros_rounded(value):
    return formatting.format_money(value, decimals=0)


@register.filter
def nombre(value, decimals=0):
    return formatting.format_number(value, int(decimals))


@register.filter
def pourcent(value, decimals=1):
    return formatting.format_percent(value, int(decimals))


@register.filter
def date_fr(value, style=""):
    """« 1er décembre 2026 »; ``"court"`` → « mar. 1er décembre 2026 », ``"long"`` → « mardi 1er décembre 2026 »."""
    if value is None or value == "":
        return formatting.format_date(None)
    return french_date(value, style)


@register.filter
def secret(value):
    """A count in a breakdown: ``< 5`` from 1 to 4."""
    return formatting.format_count(value)


@register.filter
def taux_sur(value, denominator):
    """``{{ rate|taux_sur:base }}``: the rate, or ``n. s. (< 5)`` when its base is 1 to 4 people."""
    return formatting.format_rate(value, denominator)


@register.filter
def split_words(value):
    return str(value).split()


@register.filter
def get_item(mapping, key):
    return mapping.get(key)
