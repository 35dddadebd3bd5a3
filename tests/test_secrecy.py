"""Statistical secrecy (cite_emploi.secrecy): primary and secondary suppression, proved over random tables."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from cite_emploi.secrecy import (
    PRIMARY,
    SECONDARY,
    VISIBLE,
    Constraint,
    grid,
    protect,
    protected_labels,
    recoverable,
)

small_counts = st.one_of(st.integers(0, 6), st.integers(0, 60))


def _table(cells):
    """A table with row totals, column totals and the grand total, as cells and constraints."""
    n_rows, n_cols = len(cells), len(cells[0])
    values = {(r, c): cells[r][c] for r in range(n_rows) for c in range(n_cols)}
    for r in range(n_rows):
        values[(r, "total")] = sum(cells[r])
    for c in range(n_cols):
        values[("total", c)] = sum(cells[r][c] for r in range(n_rows))
    values[("total", "total")] = sum(map(sum, cells))
    return values, grid(range(n_rows), range(n_cols))


def _brute_force_recoverable(values, constraints, status):
    """Independent check on small tables: try every value 0..max for the masked cells; a masked cell is recovered
    when all the assignments consistent with the printed figures give it the same value."""
    masked = [k for k, s in status.items() if s != VISIBLE]
    top = max(values.values()) + 1
    seen = {k: set() for k in masked}
    for guess in itertools.product(range(top), repeat=len(masked)):
        trial = {**values, **dict(zip(masked, guess, strict=True))}
        if all(trial[c.whole] == sum(trial[p] for p in c.parts) for c in constraints):
            for k, v in zip(masked, guess, strict=True):
                seen[k].add(v)
    return {k for k, vs in seen.items() if len(vs) == 1}


def test_the_issue_example_sex_autre_is_not_given_back_by_subtraction():
    values = {"total": 95, "F": 44, "M": 48, "X": 3}
    constraints = [Constraint("total", ("F", "M", "X"))]
    status = protect(values, constraints)
    assert status["X"] == PRIMARY
    assert status["F"] == SECONDARY  # the next smallest
    assert status["M"] == VISIBLE and status["total"] == VISIBLE
    assert protected_labels(values, constraints) == {"total": 95, "F": "s", "M": 48, "X": "< 5"}
    assert not recoverable(values, constraints, {"F", "X"})
    assert recoverable(values, constraints, {"X"}) == {"X"}  # what single-cell masking did


def test_small_cells_whose_sum_pins_them_down_get_company():
    # 10 people, 8 visible: the two « < 5 » cells add up to 2, so both are 1 — one more cell must be masked
    values = {"total": 10, "a": 8, "b": 1, "c": 1}
    status = protect(values, [Constraint("total", ("a", "b", "c"))])
    assert status["a"] == SECONDARY
    # 12 people, 7 visible: 3 + 2 (or 1 + 4, 4 + 1, 2 + 3): nothing is pinned, the 7 stays printed
    values = {"total": 12, "a": 7, "b": 3, "c": 2}
    assert protect(values, [Constraint("total", ("a", "b", "c"))])["a"] == VISIBLE


def test_a_total_printed_elsewhere_in_the_document_is_a_constraint_too():
    # early exits by reason (3 + 0 + 16...) and the early-exit total printed on page 1
    values = {"members": 95, "in_follow_up": 76, "completed": 16, "left_early": 3, "moved": 2, "gave_up": 1}
    constraints = [
        Constraint("members", ("in_follow_up", "completed", "left_early")),
        Constraint("left_early", ("moved", "gave_up")),
    ]
    status = protect(values, constraints)
    masked = {k for k, s in status.items() if s != VISIBLE}
    assert {"left_early", "moved", "gave_up"} <= masked
    assert status["completed"] == SECONDARY
    assert not recoverable(values, constraints, masked)


def test_no_small_count_no_masking():
    values, constraints = _table([[10, 20], [30, 0]])
    assert set(protect(values, constraints).values()) == {VISIBLE}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(small_counts, min_size=1, max_size=5), min_size=1, max_size=6).filter(
        lambda rows: len({len(r) for r in rows}) == 1
    )
)
def test_no_masked_cell_can_be_recovered_from_the_margins(cells):
    values, constraints = _table(cells)
    status = protect(values, constraints)
    masked = {k for k, s in status.items() if s != VISIBLE}
    # every count of 1 to 4 is masked
    assert all(status[k] == PRIMARY for k, v in values.items() if 0 < v < 5)
    # no masked cell follows from the printed cells and the row / column sums
    assert not recoverable(values, constraints, masked)
    # and in each line, a masked cell is never alone
    for constraint in constraints:
        members = (constraint.whole, *constraint.parts)
        assert sum(k in masked for k in members) != 1, constraint


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(0, 7), min_size=2, max_size=4),
    st.lists(st.integers(0, 7), min_size=2, max_size=3),
)
def test_two_breakdowns_of_one_printed_total_checked_by_brute_force(first, second):
    """Two breakdowns of the same people (sex, age band…) whose totals are printed: small values, so every
    possible filling of the masked cells can be tried."""
    total = sum(first)
    second = [*second[:-1], max(0, total - sum(second[:-1]))] if sum(second[:-1]) <= total else [total]
    values = {"total": total} | {("a", i): v for i, v in enumerate(first)} | {("b", i): v for i, v in enumerate(second)}
    constraints = [
        Constraint("total", tuple(("a", i) for i in range(len(first)))),
        Constraint("total", tuple(("b", i) for i in range(len(second)))),
    ]
    status = protect(values, constraints)
    masked = {k for k, s in status.items() if s != VISIBLE}
    if len(masked) > 4:
        return  # the brute force would be too slow; the linear check below still runs
    assert not recoverable(values, constraints, masked)
    assert not _brute_force_recoverable(values, constraints, status)
