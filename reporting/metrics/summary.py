"""Page 1: the key figures of a protected document, each with its change since the previous pack (↑ ↓ =).

Read by the meeting pack, the dashboard and the figures XLSX (through `ProtectedFigures.summary`).
"""

from dataclasses import dataclass
from decimal import Decimal

from cite_emploi.formatting import format_date, format_money, format_number, format_percent
from cite_emploi.secrecy import is_secret


@dataclass(frozen=True)
class SummaryLine:
    """A line of page 1: the figure, what it is, and its change since the previous pack (↑ ↓ =)."""

    label: str
    value: str
    detail: str = ""
    change: str = ""  # "↑ +3", "↓ −2,5 pts", "=" or "" when either side is masked or unknown


def _change(current, previous, *, points=False) -> str:
    if current is None or previous is None:
        return ""
    delta = Decimal(str(current)) - Decimal(str(previous))
    if delta == 0:
        return "="
    unit = "\u202fpts" if points else ""
    shown = format_number(abs(delta), 1 if points else 0)
    return f"↑ +{shown}{unit}" if delta > 0 else f"↓ −{shown}{unit}"


def summary_lines(figures, previous=None) -> tuple[SummaryLine, ...]:
    """Page 1 of the pack and the dashboard's key figures of `figures` (a ProtectedFigures); `previous` is the previous pack's `KeyFigures`."""
    m = figures.metrics

    def prev(getter, *, rate=False):
        if previous is None:
            return None
        value, base = getter(previous)
        if value is None or not base or is_secret(base) or (not rate and is_secret(value)):
            return None
        return value

    lines = []
    for t in m.cohorts:
        lines.append(
            SummaryLine(f"Cohorte {t.year} ({t.label})", f"{figures.shown(f'cohort:{t.cohort_id}')} / {t.target}",
                        "personnes entrées, pour un objectif de " + str(t.target))
        )  # fmt: skip
    lines.append(
        SummaryLine(
            "Personnes comptées" + (f" (objectif {m.cohort.target_size})" if m.cohort.target_size else ""),
            figures.shown("members"),
            f"dont {figures.shown('in_follow_up')} en suivi au {format_date(m.period.end)}",
            _change(figures._visible("members"), prev(lambda k: (k.members, k.members))),
        )
    )
    reasons = ", ".join(
        f"{r.label.lower()} {figures.shown(f'reason_in_period:{r.code}')}"
        for r in m.cohort.left_early_in_period_by_reason
        if r.count
    )
    lines.append(
        SummaryLine("Entrées pendant la période", figures.shown("entered"), "",
                    _change(figures._visible("entered"), prev(lambda k: (k.entered, k.entered))))
    )  # fmt: skip
    lines.append(
        SummaryLine(
            "Sorties pendant la période",
            figures.shown("exits"),
            f"fins de suivi {figures.shown('completed_in_period')}, sorties anticipées {figures.shown('left_in_period')}"
            + (f" ({reasons})" if reasons else ""),
            _change(figures._visible("exits"), prev(lambda k: (k.exits, k.exits))),
        )
    )
    for code, attr in (("six_months", "six_months"), ("twelve_months", "twelve_months")):
        o = m.outcome(code)
        k = f"m:{code}"
        recorded = figures.rate(o.dynamic_rate, f"{k}:dynamic", f"{k}:recorded")
        reached = figures.rate(o.dynamic_rate_reached, f"{k}:dynamic", f"{k}:reached")
        lines.append(
            SummaryLine(
                f"Sorties dynamiques {o.label.lower()}",
                f"{recorded.text} / {reached.text}",
                f"{figures.shown(f'{k}:dynamic')} sur {figures.shown(f'{k}:recorded')} situations renseignées ; sur "
                f"les {figures.shown(f'{k}:reached')} personnes au jalon, {figures.shown(f'{k}:not_recorded')} non "
                "renseignées",
                _change(
                    figures._visible_rate(o.dynamic_rate, f"{k}:dynamic", f"{k}:recorded"),
                    prev(lambda kf, a=attr: (getattr(kf, a).dynamic_rate, getattr(kf, a).recorded), rate=True),
                    points=True,
                ),
            )
        )
    total = m.barriers.total
    lines.append(
        SummaryLine(
            "Freins levés pendant la période",
            figures.shown("barrier:total:lifted_in_period"),
            f"taux de levée {figures.rate(total.lift_rate, 'barrier:total:lifted', 'barrier:total:total').text} "
            f"({figures.shown('barrier:total:lifted')} levés sur {figures.shown('barrier:total:total')})",
            _change(
                figures._visible("barrier:total:lifted_in_period"),
                prev(lambda kf: (kf.barriers_lifted_in_period, kf.barriers_lifted_in_period)),
            ),
        )
    )
    b = m.budget
    cofunded = sum((a.indicators.cofunded for a in m.actions), Decimal("0.00"))
    if b.amount is not None:
        lines.append(
            SummaryLine(
                f"Enveloppe {b.year}",
                f"{format_money(b.committed)} engagés",
                f"sur {format_money(b.amount)} ({format_percent(b.committed_rate)}) ; payé {format_money(b.paid)} ; "
                f"reste à engager {format_money(b.remaining)} ; cofinancements des actions {format_money(cofunded)}",
            )
        )
    else:
        lines.append(SummaryLine(f"Enveloppe {b.year}", "—", "aucune enveloppe enregistrée"))
    lines.append(
        SummaryLine(
            "Décisions ouvertes",
            format_number(len(m.decisions.open)),
            f"dont {format_number(m.decisions.overdue)} en retard",
        )
    )
    return tuple(lines)
