"""Links from a meeting decision to an object of a higher app: partners never imports cohorts or actions.

The cohorts app links a follow-up group's decision to the person it is about (`job_seeker`): it registers a
`DecisionLink` at ready() (cohorts/apps.py), and the decision form, the decision services, the meeting page and the
meetings API use it through this registry. The link model lives in the higher app (cohorts.JobSeekerDecision).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class LinkShown:
    label: str  # what the link is: « Personne concernée »
    text: str
    url: str
    pk: int


@dataclass(frozen=True)
class DecisionLink:
    name: str  # the keyword of the form field, of the services' argument and of the API field
    label: str
    # form_field(user, meeting) -> a form field to choose the linked object, or None where the link is not offered
    form_field: Callable[[Any, Any], Any]
    # current(decision) -> the linked object or None (initial value of the edit form)
    current: Callable[[Any], Any]
    # save(actor=, decision=, value=) -> None: checks the caller's right, writes (value None removes the link);
    # raises ValidationError({name: …}) inside the service's transaction
    save: Callable[..., None]
    # visible(user, decisions) -> {decision pk: (text, url, pk)} for the links this user may see, in one query;
    # decisions=None: every decision of the user's territory
    visible: Callable[[Any, Iterable[Any] | None], dict[int, tuple[str, str, int]]]


DECISION_LINKS: dict[str, DecisionLink] = {}


def register(link: DecisionLink) -> None:
    DECISION_LINKS[link.name] = link


def split_links(data: dict) -> dict:
    """Take the registered links' values out of a service's keyword data."""
    return {name: data.pop(name) for name in list(data) if name in DECISION_LINKS}


def changed_links(decision, values: dict) -> list[str]:
    return [name for name, value in values.items() if DECISION_LINKS[name].current(decision) != value]


def save_links(*, actor, decision, values: dict) -> None:
    for name, value in values.items():
        DECISION_LINKS[name].save(actor=actor, decision=decision, value=value)


def with_links(user, decisions) -> list:
    """The decisions, each with `links`: the linked objects this user may see (others show nothing)."""
    decisions = list(decisions)
    shown = {name: link.visible(user, decisions) for name, link in DECISION_LINKS.items()}
    for decision in decisions:
        decision.links = [
            LinkShown(DECISION_LINKS[name].label, *by_decision[decision.pk])
            for name, by_decision in shown.items()
            if decision.pk in by_decision
        ]
    return decisions


def visible_link_ids(user) -> dict[str, dict[int, int]]:
    """{link name: {decision pk: linked object pk}} for every link this user may see (API), one query a link."""
    return {
        name: {pk: shown[2] for pk, shown in link.visible(user, None).items()} for name, link in DECISION_LINKS.items()
    }
