"""Per-territory data version and the values computed from it (figures, filter choices).

Anything derived from a territory's data (the dashboard's figures, the pack's, the home page's counts,
the choices of the list filters) is stored in the cache under the territory's current *version*. Every
write service records an audit entry (`partners.services.audit_record`), which bumps the version of the
actor's territory: the next read computes afresh, so a figure is never shown stale after a write, and
nothing expires blindly. Old entries are left to the cache's eviction (`FIGURES_CACHE_TIMEOUT`).

The version is bumped twice: at once (readers inside the writing transaction's lifetime may compute from
the old rows and store them under the new version...) and again after the commit (...which makes those
entries unreachable). It lives here, in the core, so that the apps that write (partners, cohorts, actions)
never import reporting.
"""

import hashlib
import pickle
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "territory-data-version:{territory_id}"
VALUE_KEY = "territory-data:{territory_id}:{version}:{name}:{digest}"


def _timeout() -> int:
    return getattr(settings, "FIGURES_CACHE_TIMEOUT", 24 * 60 * 60)


def version(territory_id: int) -> int:
    """The territory's current data version (created at 1 the first time)."""
    key = VERSION_KEY.format(territory_id=territory_id)
    current = cache.get(key)
    if current is None:
        cache.add(key, 1, timeout=None)
        current = cache.get(key, 1)
    return current


def _incr(territory_id: int) -> None:
    key = VERSION_KEY.format(territory_id=territory_id)
    try:
        cache.incr(key)
    except ValueError:  # never read yet: nothing cached under it either
        cache.add(key, 2, timeout=None)


def bump(territory_id: int | None) -> None:
    """The territory's data changed (called by the write services through the audit entry)."""
    if territory_id is None:
        return
    _incr(territory_id)
    transaction.on_commit(lambda: _incr(territory_id))


def get_or_compute(territory_id: int, name: str, parts: tuple, compute: Callable[[], Any]) -> Any:
    """The value `name` for `parts` (period, cohort…) of the territory at its current version."""
    digest = hashlib.sha1(pickle.dumps(parts), usedforsecurity=False).hexdigest()[:16]
    key = VALUE_KEY.format(territory_id=territory_id, version=version(territory_id), name=name, digest=digest)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=_timeout())
    return value
