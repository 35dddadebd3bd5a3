"""Date rules of the one-year follow-up: end date and the four milestones (DOMAIN.md)."""

import datetime
from dataclasses import dataclass

from cite_emploi.dates import add_months

from .enums import Milestone

# A situation recorded this many days around a milestone's date counts for that milestone.
MILESTONE_WINDOW_BEFORE = datetime.timedelta(days=31)
MILESTONE_WINDOW_AFTER = datetime.timedelta(days=62)
# Nobody from the team has logged a follow-up for this long: the person is flagged.
NO_CONTACT_AFTER = datetime.timedelta(days=30)


def follow_up_end_date(entry_date: datetime.date) -> datetime.date:
    """Entry date + 1 year − 1 day (entered 29 Feb 2024 → ends 28 Feb 2025)."""
    try:
        anniversary = entry_date.replace(year=entry_date.year + 1)
    except ValueError:  # 29 February
        anniversary = datetime.date(entry_date.year + 1, 3, 1)
    return anniversary - datetime.timedelta(days=1)


@dataclass(frozen=True)
class MilestoneState:
    milestone: str
    on: datetime.date
    recorded: bool
    due: bool  # its date has come and no situation was recorded around it

    @property
    def label(self) -> str:
        return Milestone(self.milestone).label


def milestone_dates(entry_date, end_date, left_early_on=None) -> dict[str, datetime.date]:
    """The dates of the four milestones. An early exit moves the exit milestones to the exit date."""
    exit_date = left_early_on or end_date
    dates = {Milestone.ENTRY: entry_date}
    six_months = add_months(entry_date, 6)
    if six_months < exit_date:
        dates[Milestone.SIX_MONTHS] = six_months
    dates[Milestone.TWELVE_MONTHS] = exit_date
    dates[Milestone.SIX_MONTHS_AFTER] = add_months(exit_date, 6)
    return dates


def milestone_states(*, entry_date, end_date, left_early_on, situation_dates, today) -> list[MilestoneState]:
    states = []
    for milestone, on in milestone_dates(entry_date, end_date, left_early_on).items():
        recorded = any(on - MILESTONE_WINDOW_BEFORE <= d <= on + MILESTONE_WINDOW_AFTER for d in situation_dates)
        states.append(MilestoneState(milestone, on, recorded, due=not recorded and on <= today))
    return states
