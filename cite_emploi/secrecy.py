"""Statistical secrecy: the ONE function every output a viewer receives goes through (pack, dashboard, figures XLSX,
action page, API, action sheet).

Two rules (DOMAIN.md):

- **primary**: a count of 1 to 4 reads « < 5 » (zero is shown: it reveals nobody);
- **secondary**: when the other printed figures of the same document (a table's row and column totals, a total printed
  elsewhere) would give a masked count back by subtraction, the next smallest count of the same line is masked too
  (it reads « s »), until no masked count can be computed from what is printed.

A document is described as *cells* (any hashable key → count) and *constraints* (``whole = part + part + …``): a row of
a table and its total, a column and its total, a breakdown and the total printed on page 1. ``protect`` returns the
status of every cell; ``recoverable`` says which masked cells could still be computed (it must be empty: the property
test in tests/test_secrecy.py checks it over random tables).
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

SECRECY_THRESHOLD = 5
SECRET_LABEL = "< 5"
SECONDARY_LABEL = "s"
NOT_SIGNIFICANT = "n. s. (< 5)"
VISIBLE, PRIMARY, SECONDARY = "visible", "primary", "secondary"
LEGEND = (
    "« < 5 » : effectif de 1 à 4, masqué (secret statistique) ; « s » : effectif masqué pour qu'un effectif « < 5 » "
    "ne puisse pas être retrouvé par soustraction des totaux (secret secondaire)."
)


def is_secret(count: int | None) -> bool:
    """Primary suppression: a count of 1 to 4 people."""
    return count is not None and 0 < count < SECRECY_THRESHOLD


@dataclass(frozen=True)
class Constraint:
    """``whole = sum(parts)``: a line of a table whose total is printed (the total may itself be a cell)."""

    whole: Hashable
    parts: tuple[Hashable, ...]


def grid(rows: Sequence[Hashable], columns: Sequence[Hashable], *, row_totals=True, column_totals=True, grand=True):
    """The cells and constraints of a table with its margins: cell keys ``(r, c)``, totals ``(r, "total")``,
    ``("total", c)`` and ``("total", "total")``."""
    constraints = []
    if row_totals:
        constraints += [Constraint((r, "total"), tuple((r, c) for c in columns)) for r in rows]
    if column_totals:
        constraints += [Constraint(("total", c), tuple((r, c) for r in rows)) for c in columns]
    if grand and row_totals and column_totals:
        constraints.append(Constraint(("total", "total"), tuple(("total", c) for c in columns)))
        constraints.append(Constraint(("total", "total"), tuple((r, "total") for r in rows)))
    return constraints


def _members(constraint: Constraint) -> tuple:
    return (constraint.whole, *constraint.parts)


def _determined(values: Mapping, constraints: Iterable[Constraint], masked: set) -> set:
    """The masked cells whose value follows from the constraints and the visible cells (linear algebra over Q):
    cell x is determined iff the unit vector of x lies in the row space of the constraints restricted to the masked
    cells. Exact (fractions), for tables of a few hundred cells."""
    order = sorted(masked, key=repr)
    index = {key: i for i, key in enumerate(order)}
    rows = []
    for constraint in constraints:
        vector = [Fraction(0)] * len(order)
        touched = False
        for key, sign in ((constraint.whole, -1), *((p, 1) for p in constraint.parts)):
            if key in index:
                vector[index[key]] += sign
                touched = True
        if touched and any(vector):
            rows.append(vector)
    # reduced row echelon form
    basis, pivots = [], []
    for vector in rows:
        vector = list(vector)
        for pivot_row, col in zip(basis, pivots, strict=True):
            if vector[col]:
                factor = vector[col]
                vector = [a - factor * b for a, b in zip(vector, pivot_row, strict=True)]
        col = next((i for i, v in enumerate(vector) if v), None)
        if col is None:
            continue
        vector = [v / vector[col] for v in vector]
        for i, other in enumerate(basis):
            if other[col]:
                factor = other[col]
                basis[i] = [a - factor * b for a, b in zip(other, vector, strict=True)]
        basis.append(vector)
        pivots.append(col)
    # x_j is determined iff some basis vector is exactly e_j (RREF: a unit vector in the row space appears as a row)
    determined = set()
    for vector, col in zip(basis, pivots, strict=True):
        if sum(1 for v in vector if v) == 1:
            determined.add(order[col])
    return determined


def recoverable(values: Mapping, constraints: Iterable[Constraint], masked: set) -> set:
    """The masked cells a reader could compute by subtraction from the printed cells (should always be empty)."""
    constraints = [c for c in constraints if all(k in values for k in _members(c))]
    return _determined(values, constraints, set(masked))


def protect(values: Mapping[Hashable, int | None], constraints: Iterable[Constraint] = ()) -> dict[Hashable, str]:
    """The status of every cell: ``visible``, ``primary`` (1 to 4) or ``secondary`` (masked so that no primary cell
    can be recovered from the totals). ``None`` cells are not printed and carry no information."""
    values = {k: v for k, v in values.items() if v is not None}
    constraints = [c for c in constraints if all(k in values for k in _members(c))]
    status = {key: (PRIMARY if is_secret(value) else VISIBLE) for key, value in values.items()}
    if not any(s == PRIMARY for s in status.values()):
        return status

    def masked() -> set:
        return {k for k, s in status.items() if s != VISIBLE}

    def mask_one_more(constraint: Constraint) -> bool:
        candidates = [k for k in constraint.parts if status[k] == VISIBLE]
        if not candidates and status[constraint.whole] == VISIBLE:
            candidates = [constraint.whole]
        if not candidates:
            return False
        # the smallest non-zero count first (a masked zero tells the reader the others' sum)
        key = min(candidates, key=lambda k: (values[k] == 0, values[k], repr(k)))
        status[key] = SECONDARY
        return True

    for _ in range(len(values) + 1):
        changed = False
        # a line with exactly one masked cell gives it back; a line whose masked cells are all « < 5 » (each 1 to 4)
        # with a printed total tells their sum S, which pins them all when S is k or 4k (k cells): mask one more there
        for constraint in constraints:
            members = _members(constraint)
            hidden = [k for k in members if status[k] != VISIBLE]
            if len(hidden) == 1:
                changed |= mask_one_more(constraint)
            elif hidden and status[constraint.whole] == VISIBLE and all(status[k] == PRIMARY for k in hidden):
                rest = values[constraint.whole] - sum(values[k] for k in constraint.parts if status[k] == VISIBLE)
                if rest <= len(hidden) or rest >= (SECRECY_THRESHOLD - 1) * len(hidden):
                    changed |= mask_one_more(constraint)
        if not changed:
            found = _determined(values, constraints, masked())
            for key in sorted(found, key=repr):
                # mask more in a line of this cell that has the fewest masked cells
                lines = [c for c in constraints if key in _members(c)]
                lines.sort(key=lambda c: sum(status[k] != VISIBLE for k in _members(c)))
                for line in lines:
                    if mask_one_more(line):
                        changed = True
                        break
                if changed:
                    break
        if not changed:
            break
    return status


def label(value: int | None, state: str) -> str | int | None:
    """What is printed for a cell: the count, « < 5 » or « s »."""
    if state == PRIMARY:
        return SECRET_LABEL
    if state == SECONDARY:
        return SECONDARY_LABEL
    return value


def protected_labels(values: Mapping, constraints: Iterable[Constraint] = ()) -> dict:
    """``protect`` then ``label``: each cell as printed (an int, « < 5 » or « s »)."""
    status = protect(values, constraints)
    return {key: label(values[key], state) for key, state in status.items()}
