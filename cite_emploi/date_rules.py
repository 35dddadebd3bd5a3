"""Plausible dates (issue 10, point 5): the bounds every model's `clean()` applies, so that pages, API and
imports refuse the same impossible dates with the same French message on the field.

- A **fact** (a follow-up, a situation, a barrier's change, an outcome, a payment, a consent) has happened:
  it cannot be later than today, nor earlier than `EARLIEST`.
- A **person's age at entry** is a working age: `MIN_AGE_AT_ENTRY` to `MAX_AGE_AT_ENTRY` years (16: the end of
  compulsory schooling and the youngest a Mission locale follows; 70: past the full-rate pension age, so a
  larger bound than the programme needs, which only catches typing errors such as 1800 or 2021).
- Dates planned ahead (an entry, a commitment) are bounded by their cohort's or envelope's year.
"""

import datetime

from django.utils import timezone

EARLIEST = datetime.date(2000, 1, 1)
MIN_AGE_AT_ENTRY = 16
MAX_AGE_AT_ENTRY = 70


def _format(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


def fact_date_error(day: datetime.date | None, *, today: datetime.date | None = None) -> str | None:
    """The French message when `day` cannot be the date of something that happened, else None."""
    if day is None:
        return None
    today = today or timezone.localdate()
    if day > today:
        return f"Cette date est dans le futur : au plus tard aujourd'hui ({_format(today)})."
    if day < EARLIEST:
        return f"Date invraisemblable : au plus tôt le {_format(EARLIEST)}."
    return None


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def birth_date_error(birth_date: datetime.date | None, entry_date: datetime.date | None) -> str | None:
    if birth_date is None:
        return None
    reference = entry_date or timezone.localdate()
    age = age_on(birth_date, reference)
    if not MIN_AGE_AT_ENTRY <= age <= MAX_AGE_AT_ENTRY:
        return (
            f"Âge à l'entrée de {age} ans : la cohorte accueille des personnes de {MIN_AGE_AT_ENTRY} "
            f"à {MAX_AGE_AT_ENTRY} ans. Vérifiez la date de naissance."
        )
    return None


def within_year_error(day: datetime.date | None, year: int | None, *, what: str, owner: str) -> str | None:
    """`day` must fall in `year` (the cohort's or the envelope's)."""
    if day is None or year is None:
        return None
    if day.year != year:
        return f"{what} doit être en {year}, l'année {owner} (du 01/01/{year} au 31/12/{year})."
    return None
