"""Links a higher app adds to an action's page: actions never imports the apps above it.

An app above actions (fse: the FSE+ operation of a co-funded action) registers, at its AppConfig.ready(), a callable
``links(user, action) -> list[ActionPageLink]`` returning the links this user may follow for this action (empty when
none); the action page reads them through `links_for`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ActionPageLink:
    label: str  # « Opération FSE+ n° 2024-0042 »
    url: str
    detail: str = ""  # a short line under the link (status, what is missing)


ACTION_PAGE_LINKS: list[Callable[[Any, Any], list[ActionPageLink]]] = []


def register(source: Callable[[Any, Any], list[ActionPageLink]]) -> None:
    if source not in ACTION_PAGE_LINKS:
        ACTION_PAGE_LINKS.append(source)


def links_for(user, action) -> list[ActionPageLink]:
    return [link for source in ACTION_PAGE_LINKS for link in source(user, action)]
