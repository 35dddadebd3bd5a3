"""What a reader sees: the `Metrics` as tables, with statistical secrecy applied ONCE over the whole document.

The meeting pack, the dashboard and the figures XLSX all read `protected_figures(metrics)`: the same cells, the
same masks, the same rates with both bases. Every count of the document is a cell with a key
(``"members"``, ``"barrier:mobility:lifted"``…), every printed sum a constraint, and `cite_emploi.secrecy.protect`
decides once what is masked, so that no masked count can be recovered from another table of the same document.
"""

from dataclasses import dataclass
from decimal import Decimal

from cite_emploi.formatting import format_date, format_money, format_number, format_percent
from cite_emploi.secrecy import LEGEND, NOT_SIGNIFICANT, VISIBLE, Constraint, is_secret, label, protect

from .summary import summary_lines
from .types import Metrics

BARRIER_STATES = ("identified", "in_progress", "lifted", "not_lifted")
OUTCOME_FIELDS = ("emploi_durable", "emploi_de_transition", "sortie_positive", "autre")
REFERRAL_COUNTS = ("sent", "received", "accepted", "declined", "expired")
# A median time to answer is printed when it is computed over this many answers at least (statistical secrecy).
MIN_ANSWERS_FOR_MEDIAN = 5
PATHWAY_STAGES = ("identified", "contacted", "proposed", "enrolled", "not_enrolled")


@dataclass(frozen=True)
class Cell:
    text: str
    value: object = None  # what the XLSX writes: a number, or the printed text when masked
    num: bool = True
    flag: str = ""  # "overdue", "masked"


@dataclass(frozen=True)
class Table:
    key: str
    caption: str
    columns: tuple[str, ...]  # the first one heads the row headers
    rows: tuple[tuple[Cell, ...], ...]
    footer: tuple[tuple[Cell, ...], ...] = ()
    note: str = ""  # abbreviations and definitions printed under the table
    empty: str = "Aucune donnée sur la période."

    @property
    def headers(self) -> tuple[tuple[str, bool], ...]:
        """(label, numeric) for each column: a column is numeric when its cells are (right-aligned)."""
        sample = self.rows[0] if self.rows else (self.footer[0] if self.footer else ())
        return tuple(
            (column, bool(i and (sample[i].num if i < len(sample) else True))) for i, column in enumerate(self.columns)
        )


def text(value: str) -> Cell:
    return Cell(str(value), str(value), num=False)


def money(value: Decimal | None) -> Cell:
    return Cell(format_money(value), None if value is None else float(value))


def _cells(metrics: Metrics) -> tuple[dict, list[Constraint]]:
    """Every count printed in the document and every sum a reader could use."""
    c = metrics.cohort
    values = {
        "members": c.members,
        "entered": c.entered_in_period,
        "in_follow_up": c.in_follow_up,
        "completed": c.completed,
        "left_early": c.left_early,
        "completed_in_period": c.completed_in_period,
        "left_in_period": c.left_early_in_period,
        "exits": c.exits_in_period,
    }
    values |= {f"reason:{r.code}": r.count for r in c.left_early_by_reason}
    values |= {f"reason_in_period:{r.code}": r.count for r in c.left_early_in_period_by_reason}
    values |= {f"sex:{r.code}": r.count for r in c.by_sex}
    values |= {f"age:{r.code}": r.count for r in c.by_age_band}
    values |= {f"qpv:{r.code}": r.count for r in c.by_qpv}
    constraints = [
        Constraint("members", ("in_follow_up", "completed", "left_early")),
        Constraint("left_early", tuple(f"reason:{r.code}" for r in c.left_early_by_reason)),
        Constraint("left_in_period", tuple(f"reason_in_period:{r.code}" for r in c.left_early_in_period_by_reason)),
        Constraint("exits", ("completed_in_period", "left_in_period")),
        Constraint("members", tuple(f"sex:{r.code}" for r in c.by_sex)),
        Constraint("members", tuple(f"age:{r.code}" for r in c.by_age_band)),
        Constraint("members", tuple(f"qpv:{r.code}" for r in c.by_qpv)),
    ]
    # barriers: a table with row totals (Total column) and column totals (Total row)
    rows = [r.code for r in metrics.barriers.rows]
    for r in (*metrics.barriers.rows, metrics.barriers.total):
        for name in (*BARRIER_STATES, "total", "lifted_in_period"):
            values[f"barrier:{r.code}:{name}"] = getattr(r, name)
    for code in [*rows, "total"]:
        constraints.append(Constraint(f"barrier:{code}:total", tuple(f"barrier:{code}:{n}" for n in BARRIER_STATES)))
    for name in (*BARRIER_STATES, "total", "lifted_in_period"):
        constraints.append(Constraint(f"barrier:total:{name}", tuple(f"barrier:{code}:{name}" for code in rows)))
    # milestones: reached = recorded + not recorded; recorded = dynamic + other; dynamic = the three classes
    for m in metrics.outcomes:
        k = f"m:{m.code}"
        values |= {
            f"{k}:{name}": getattr(m, name)
            for name in (*OUTCOME_FIELDS, "reached", "recorded", "not_recorded", "dynamic")
        }
        constraints += [
            Constraint(f"{k}:dynamic", (f"{k}:emploi_durable", f"{k}:emploi_de_transition", f"{k}:sortie_positive")),
            Constraint(f"{k}:recorded", (f"{k}:dynamic", f"{k}:autre")),
            Constraint(f"{k}:reached", (f"{k}:recorded", f"{k}:not_recorded")),
        ]
    # partners: the people each one refers add up to everyone counted; follow-ups to the total
    for p in metrics.partners:
        k = f"partner:{p.organisation}"
        values |= {f"{k}:referred": p.referred, f"{k}:followed_people": p.followed_people, f"{k}:in_teams": p.in_teams}
    values["follow_ups"] = metrics.activity.follow_ups
    values["followed_people"] = metrics.activity.people
    constraints.append(Constraint("members", tuple(f"partner:{p.organisation}:referred" for p in metrics.partners)))
    # referrals: each count per organisation, and the totals printed under the table
    for name in REFERRAL_COUNTS:
        for referral in metrics.referrals:
            values[f"referral:{referral.organisation}:{name}"] = getattr(referral, name)
        values[f"referrals:{name}"] = sum(getattr(referral, name) for referral in metrics.referrals)
        constraints.append(
            Constraint(f"referrals:{name}", tuple(f"referral:{p.organisation}:{name}" for p in metrics.referrals))
        )
    # actions: participants = single parents + the others (the rate would print the others)
    for a in metrics.actions:
        i, k = a.indicators, f"action:{a.action_id}"
        values |= {
            f"{k}:participants": i.participant_count,
            f"{k}:single_parent": i.single_parent_count,
            f"{k}:other_parent": i.participant_count - i.single_parent_count,
        }
        values |= {f"{k}:outcome:{o.code}": o.count for o in i.outcome_counts}
        constraints.append(Constraint(f"{k}:participants", (f"{k}:single_parent", f"{k}:other_parent")))
    values |= {f"cohort:{t.cohort_id}": t.members for t in metrics.cohorts}
    # the path into the cohort: each stage's total is the sum over the identifying organisations
    for step in (*metrics.pathway.rows, metrics.pathway.total):
        values |= {f"pathway:{step.organisation}:{name}": getattr(step, name) for name in PATHWAY_STAGES}
    for name in PATHWAY_STAGES:
        constraints.append(
            Constraint(f"pathway:Total:{name}", tuple(f"pathway:{r.organisation}:{name}" for r in metrics.pathway.rows))
        )
    # reconnection to mainstream schemes: distinct people per scheme (a person may count under several: no sum)
    values |= {f"scheme:{r.code}": r.count for r in metrics.schemes}
    return values, constraints


class ProtectedFigures:
    """The metrics as printed: `count(key)` and `rate(...)` cells, and the tables of the document."""

    legend = LEGEND

    def __init__(self, metrics: Metrics):
        self.metrics = metrics
        self.values, self.constraints = _cells(metrics)
        self.status = protect(self.values, self.constraints)

    # --- cells ---------------------------------------------------------------------------------------------------

    def masked(self, key: str) -> bool:
        return self.status.get(key, VISIBLE) != VISIBLE

    def count(self, key: str) -> Cell:
        value = self.values[key]
        shown = label(value, self.status.get(key, VISIBLE))
        if isinstance(shown, str):
            return Cell(shown, shown, flag="masked")
        return Cell(format_number(value), value)

    def shown(self, key: str) -> str:
        return self.count(key).text

    def rate(self, value, numerator: str, denominator: str) -> Cell:
        """A rate is printed only when its base is 5 or more and both its counts are printed."""
        base = self.values[denominator]
        if not base or value is None:
            return Cell("—", None)
        if is_secret(base) or self.masked(numerator) or self.masked(denominator):
            return Cell(NOT_SIGNIFICANT, NOT_SIGNIFICANT, flag="masked")
        return Cell(format_percent(value), float(value))

    # --- page 1 ----------------------------------------------------------------------------------------------------

    def _visible(self, key):
        return None if self.masked(key) else self.values[key]

    def _visible_rate(self, value, numerator, denominator):
        cell = self.rate(value, numerator, denominator)
        return None if cell.flag or cell.value is None else value

    def summary(self, previous=None):
        """Page 1 of the pack and the dashboard's key figures (reporting.metrics.summary)."""
        return summary_lines(self, previous)

    # --- tables --------------------------------------------------------------------------------------------------

    def tables(self) -> dict[str, Table]:
        return {
            table.key: table
            for table in (
                self.states(),
                self.flows(),
                self.qpv(),
                self.sex_age(),
                self.barriers(),
                self.milestones(),
                self.dynamic(),
                self.partners(),
                self.referrals(),
                self.pathway(),
                self.schemes(),
                self.actions(),
                self.money(),
                self.budget(),
                self.decisions(),
                self.closed_decisions(),
            )
        }

    def states(self) -> Table:
        m = self.metrics
        target = m.cohort.target_size
        members = "Personnes comptées" + (f" (objectif {target})" if target else "")
        rows = [
            (text(members), self.count("members")),
            (text("En suivi"), self.count("in_follow_up")),
            (text("Suivi terminé"), self.count("completed")),
            (text("Sortie anticipée"), self.count("left_early")),
            *((text(f"dont {r.label.lower()}"), self.count(f"reason:{r.code}")) for r in m.cohort.left_early_by_reason),
        ]
        return Table("states", f"Personnes par état au {format_date(m.period.end)}", ("État", "Personnes"), tuple(rows))

    def flows(self) -> Table:
        m = self.metrics
        rows = [
            (text("Entrées"), self.count("entered")),
            (text("Sorties"), self.count("exits")),
            (text("dont fins de suivi (12 mois)"), self.count("completed_in_period")),
            (text("dont sorties anticipées"), self.count("left_in_period")),
            *(
                (text(f"sorties anticipées : {r.label.lower()}"), self.count(f"reason_in_period:{r.code}"))
                for r in m.cohort.left_early_in_period_by_reason
            ),
        ]
        return Table(
            "flows",
            f"Entrées et sorties du {format_date(m.period.start)} au {format_date(m.period.end)}",
            ("Mouvement", "Personnes"),
            tuple(rows),
        )

    def qpv(self) -> Table:
        rows = tuple((text(r.label), self.count(f"qpv:{r.code}")) for r in self.metrics.cohort.by_qpv)
        return Table(
            "qpv",
            "Personnes par QPV de résidence",
            ("QPV", "Personnes"),
            rows,
            ((text("Total"), self.count("members")),),
        )

    def sex_age(self) -> Table:
        c = self.metrics.cohort
        rows = (
            *((text(r.label), self.count(f"sex:{r.code}")) for r in c.by_sex),
            *((text(r.label), self.count(f"age:{r.code}")) for r in c.by_age_band),
        )
        return Table("sex_age", "Personnes par sexe et par tranche d'âge", ("Catégorie", "Personnes"), tuple(rows))

    def barriers(self) -> Table:
        b = self.metrics.barriers

        def line(r):
            k = f"barrier:{r.code}"
            return (
                text(r.label),
                *(self.count(f"{k}:{n}") for n in (*BARRIER_STATES, "total")),
                self.rate(r.lift_rate, f"{k}:lifted", f"{k}:total"),
                self.count(f"{k}:lifted_in_period"),
            )

        return Table(
            "barriers",
            f"Freins périphériques par catégorie, état au {format_date(self.metrics.period.end)}",
            ("Catégorie", "Ident.", "En cours", "Levés", "Non levés", "Total", "Taux de levée", "Levés pér."),
            tuple(line(r) for r in b.rows),
            (line(b.total),),
            note="Ident. : identifiés, pas encore en cours de levée ; Non levés : non levés ou abandonnés ; "
            "Levés pér. : levés pendant la période. Taux de levée = levés / total.",
            empty="Aucun frein identifié.",
        )

    def milestones(self) -> Table:
        rows = tuple(
            (text(m.label), *(self.count(f"m:{m.code}:{n}") for n in ("reached", *OUTCOME_FIELDS, "not_recorded")))
            for m in self.metrics.outcomes
        )
        return Table(
            "milestones",
            "Situations aux jalons (emploi durable : contrat de 6 mois ou plus)",
            ("Jalon", "Atteint", "Empl. durable", "Empl. trans.", "Sortie pos.", "Autre", "Non rens."),
            rows,
            note="Atteint : personnes dont le jalon est passé à la fin de la période ; Empl. durable : emploi durable "
            "(6 mois ou plus) ; Empl. trans. : emploi de transition (moins de 6 mois) ; Sortie pos. : sortie positive "
            "(formation, SIAE) ; Autre : autre situation ; Non rens. : situation non renseignée.",
        )

    def dynamic(self) -> Table:
        rows = tuple(
            (
                text(m.label),
                self.count(f"m:{m.code}:dynamic"),
                self.count(f"m:{m.code}:recorded"),
                self.count(f"m:{m.code}:not_recorded"),
                self.rate(m.dynamic_rate, f"m:{m.code}:dynamic", f"m:{m.code}:recorded"),
                self.rate(m.dynamic_rate_reached, f"m:{m.code}:dynamic", f"m:{m.code}:reached"),
            )
            for m in self.metrics.outcomes
        )
        return Table(
            "dynamic",
            "Sorties dynamiques par jalon, sur deux bases",
            ("Jalon", "Sorties dyn.", "Renseignées", "Non rens.", "Taux / renseignées", "Taux / jalon atteint"),
            rows,
            note="Sorties dyn. : emploi durable + emploi de transition + sortie positive. Taux / renseignées : sur les "
            "situations renseignées au jalon ; Taux / jalon atteint : sur toutes les personnes qui ont atteint le "
            "jalon, situation renseignée ou non. Les autres situations ne sont pas des sorties positives.",
        )

    def pathway(self) -> Table:
        pathway = self.metrics.pathway
        rows = tuple(
            (text(r.organisation), *(self.count(f"pathway:{r.organisation}:{name}") for name in PATHWAY_STAGES))
            for r in pathway.rows
        )
        footer = ((text("Total"), *(self.count(f"pathway:Total:{name}") for name in PATHWAY_STAGES)),) if rows else ()
        return Table(
            "pathway",
            "Repérage : le chemin vers la cohorte, par partenaire, sur la période",
            ("Repérées par", "Repérées", "Contactées", "Proposées", "Inscrites", "Non inscrites"),
            rows,
            footer,
            note="Chaque étape est comptée à sa date, pendant la période (une personne repérée avant la période et "
            "inscrite pendant compte dans « Inscrites » seulement). Tout le territoire : avant son inscription, une "
            "personne n'appartient à aucune cohorte.",
            empty="Aucun repérage sur la période.",
        )

    def schemes(self) -> Table:
        rows = tuple((text(r.label), self.count(f"scheme:{r.code}")) for r in self.metrics.schemes if r.count)
        return Table(
            "schemes",
            "Raccrochage aux dispositifs de droit commun sur la période",
            ("Dispositif", "Personnes"),
            rows,
            note="Personnes distinctes de la cohorte raccrochées au dispositif pendant la période (une personne peut "
            "l'être à plusieurs dispositifs).",
            empty="Aucun raccrochage enregistré sur la période.",
        )

    def partners(self) -> Table:
        rows = tuple(
            (
                text(p.organisation),
                self.count(f"partner:{p.organisation}:referred"),
                Cell(format_number(p.follow_ups), p.follow_ups),
                self.count(f"partner:{p.organisation}:followed_people"),
                self.count(f"partner:{p.organisation}:in_teams"),
                Cell(f"{p.meetings_present} / {p.meetings_invited}" if p.meetings_invited else "—", p.meetings_present),
                Cell(format_number(p.decisions_owned), p.decisions_owned),
                Cell(format_number(p.decisions_done), p.decisions_done),
                Cell(
                    format_number(p.decisions_overdue),
                    p.decisions_overdue,
                    flag="overdue" if p.decisions_overdue else "",
                ),
            )
            for p in self.metrics.partners
        )
        footer = (
            (text("Total"), self.count("members"), Cell(format_number(self.metrics.activity.follow_ups), self.metrics.activity.follow_ups),
             self.count("followed_people"), *(Cell("—", None) for _ in range(5))),
        )  # fmt: skip
        return Table(
            "partners",
            "Tableau de bord des partenaires sur la période",
            ("Organisation", "Réf.", "Suivis", "Pers. suivies", "Équipes", "GT", "Déc.", "Faites", "En retard"),
            rows,
            footer,
            note="Réf. : personnes dont l'organisation est référente ; Suivis : suivis saisis pendant la période ; "
            "Pers. suivies : personnes distinctes concernées ; Équipes : personnes dont elle est dans l'équipe de "
            "suivi ; GT : présences / invitations aux groupes techniques de la période ; Déc. : décisions dont elle "
            "est responsable, réalisées et en retard à la fin de la période.",
            empty="Aucune activité de partenaire sur la période.",
        )

    def referrals(self) -> Table:
        def median(r) -> Cell:
            if r.median_days_to_answer is None:
                return Cell("—", None)
            if r.accepted + r.declined < MIN_ANSWERS_FOR_MEDIAN:
                return Cell(NOT_SIGNIFICANT, NOT_SIGNIFICANT, flag="masked")
            return Cell(f"{format_number(r.median_days_to_answer, 1)} j", r.median_days_to_answer)

        rows = tuple(
            (text(r.organisation), *(self.count(f"referral:{r.organisation}:{n}") for n in REFERRAL_COUNTS), median(r))
            for r in self.metrics.referrals
        )
        footer = ((text("Total"), *(self.count(f"referrals:{n}") for n in REFERRAL_COUNTS), Cell("—", None)),)
        return Table(
            "referrals",
            "Orientations entre partenaires envoyées pendant la période",
            ("Organisation", "Envoyées", "Reçues", "Acceptées", "Déclinées", "Expirées", "Délai médian"),
            rows,
            footer,
            note="Envoyées : orientations de personnes faites par l'organisation ; Reçues : adressées à elle ; "
            "Acceptées, Déclinées, Expirées : sa réponse aux orientations reçues, à la fin de la période (les autres "
            "attendent) ; Délai médian : jours entre l'envoi et la réponse (acceptée ou déclinée), affiché à partir "
            f"de {MIN_ANSWERS_FOR_MEDIAN} réponses.",
            empty="Aucune orientation pendant la période.",
        )

    def actions(self) -> Table:
        rows = []
        for a in self.metrics.actions:
            i, k = a.indicators, f"action:{a.action_id}"
            outcomes = " ; ".join(f"{o.label} : {self.shown(f'{k}:outcome:{o.code}')}" for o in i.outcome_counts) or "—"
            title = a.title + (" (FSE+)" if a.fse_plus_cofunded else "")
            rows.append(
                (
                    text(title),
                    text(a.lead_organisation),
                    text(a.status_label),
                    self.count(f"{k}:participants"),
                    self.rate(i.single_parent_rate, f"{k}:single_parent", f"{k}:participants"),
                    text(outcomes),
                )
            )
        return Table(
            "actions",
            "Actions en cours pendant la période et leurs résultats (depuis le début de chaque action)",
            ("Action", "Porteur", "Statut", "Part.", "Parents isolés", "Résultats"),
            tuple(rows),
            note="Part. : participants inscrits (hors liste d'attente) à la fin de la période.",
            empty="Aucune action en cours sur la période.",
        )

    def money(self) -> Table:
        rows = []
        for a in self.metrics.actions:
            i = a.indicators
            funders = (
                " ; ".join(f"{funder} : {format_money(amount)}" for funder, amount in i.cofunding_by_funder) or "—"
            )
            per_participant = i.cost_per_participant if not self.masked(f"action:{a.action_id}:participants") else None
            rows.append(
                (
                    text(a.title),
                    money(i.committed),
                    money(i.paid),
                    text(funders),
                    money(i.total_cost),
                    money(per_participant),
                )
            )
        return Table(
            "money",
            "Argent par action, arrêté à la fin de la période",
            ("Action", "Engagé (env.)", "Payé", "Cofinancements", "Coût total", "Coût / part."),
            tuple(rows),
            note="Engagé (env.) : engagements sur l'enveloppe de l'État, non annulés ; Coût total : engagé + "
            "cofinancements ; Coût / part. : coût total par participant.",
            empty="Aucune action en cours sur la période.",
        )

    def budget(self) -> Table:
        b = self.metrics.budget
        rows = tuple((text(r.label), money(r.committed), money(r.paid), money(r.to_pay)) for r in b.rows)
        footer: tuple[tuple[Cell, ...], ...] = (
            (text("Total engagé"), money(b.committed), money(b.paid), money(b.committed - b.paid)),
        )
        if b.amount is not None:
            footer += (
                (text("Montant de l'enveloppe"), money(b.amount), Cell("", None), Cell("", None)),
                (text(f"Reste à engager ({format_percent(b.committed_rate)} engagés)"), money(b.remaining), Cell("", None), Cell("", None)),
            )  # fmt: skip
        return Table(
            "budget",
            f"Enveloppe {b.year} par catégorie de dépense, au {format_date(self.metrics.period.end)}",
            ("Catégorie", "Engagé", "Payé", "Reste à payer"),
            rows,
            footer,
            empty=f"Aucun engagement sur l'enveloppe {b.year}."
            if b.amount is not None
            else f"Aucune enveloppe enregistrée pour {b.year}.",
        )

    def decisions(self) -> Table:
        rows = tuple(
            (
                text(d.text),
                text(format_date(d.meeting_date)),
                text(d.owner or "—"),
                Cell(format_date(d.due_date), format_date(d.due_date), num=False, flag="overdue" if d.overdue else ""),
                Cell("En retard" if d.overdue else "En cours", "En retard" if d.overdue else "En cours", num=False,
                     flag="overdue" if d.overdue else ""),
            )
            for d in self.metrics.decisions.open
        )  # fmt: skip
        return Table(
            "decisions",
            f"Décisions ouvertes au {format_date(self.metrics.period.end)}, reportées jusqu'à leur réalisation",
            ("Décision", "Prise le", "Responsable", "Échéance", "État"),
            rows,
            empty="Aucune décision ouverte.",
        )

    def closed_decisions(self) -> Table:
        rows = tuple(
            (text(d.text), text(format_date(d.meeting_date)), text(d.owner or "—"), text(d.status_label),
             text(format_date(d.closed_on)))
            for d in self.metrics.decisions.closed_in_period
        )  # fmt: skip
        return Table(
            "closed_decisions",
            "Décisions réalisées ou abandonnées pendant la période",
            ("Décision", "Prise le", "Responsable", "État", "Le"),
            rows,
            empty="Aucune décision close pendant la période.",
        )


def protected_figures(metrics: Metrics) -> ProtectedFigures:
    return ProtectedFigures(metrics)
