"""Colours and escaping shared by every server-rendered SVG (reporting.charts, the envelope gauge of actions)."""

from xml.sax.saxutils import escape

PALETTE = ["#0b4f8a", "#b34700", "#2e7d32", "#6a1b9a", "#00695c", "#ad1457", "#5d4037", "#37474f"]
TEXT = "#212529"
GRID = "#ced4da"
WARNING = "#b35c00"
DANGER = "#b02a37"


def attr(value) -> str:
    """A value for an SVG attribute."""
    return escape(str(value), {'"': "&quot;"})
