"""Per-territory data version and the values computed from it (figures, filter choices).

Anything derived from a territory's data (the dashboard's figures, the pack's, the home page's counts,
the choices of the list filters) is stored in the cache under the territory's current *version*. Every
write service records an audit entry (`partners.services.audit_record`), which bumps the version of the
actor's territory: the next read computes afresh, so a figure is never shown stale after a write, and
nothing expires blindly. Old entries are left to the cache's eviction (`ENTRY_TIMEOUT`).

The version is bumped twice: at once (readers inside the writing transaction's lifetime may compute from
the old rows and store them under the new version...) and again after the commit (...which makes those
entries unreachable). It lives here, in the core, so that the apps that write (partners, cohorts, actions)
never import reporting.
"""

import hashlib
import pickle
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "territory-data-version:{territory_id}"
VALUE_KEY = "territory-data:{territory_id}:{version}:{name}:{digest}"


# Entries of an old version are never read again; this only bounds how long they occupy the cache.
ENTRY_TIMEOUT = 24 * 60 * 60


# The versions read during the current request (set by `RequestVersionsMiddleware`): a page that reads several
# cached values of its territory reads the version once. A write in the request forgets it (`bump`). Outside a
# request (Celery tasks, shell) there is no memo and every read goes to the cache.
_request_versions: ContextVar[dict[int, int] | None] = ContextVar("territory_data_versions", default=None)
# The values a page asked for in one round trip (`prefetch`), by cache key (the key holds the version: a value of
# an older version is never found under the new one).
_request_values: ContextVar[dict[str, Any] | None] = ContextVar("territory_data_values", default=None)


class RequestVersionsMiddleware:
    """One read of a territory's data version per request, at most (issue 13)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        versions, values = _request_versions.set({}), _request_values.set({})
        try:
            return self.get_response(request)
        finally:
            _request_versions.reset(versions)
            _request_values.reset(values)


def _forget(territory_id: int) -> None:
    memo = _request_versions.get()
    if memo is not None:
        memo.pop(territory_id, None)


def _fresh_version() -> int:
    """A starting version later than any earlier one (milliseconds): if the cache loses the counter (eviction,
    restart), it never goes back to a version whose entries may still be stored."""
    return time.time_ns() // 1_000_000


def version(territory_id: int) -> int:
    """The territory's current data version (read once per request)."""
    memo = _request_versions.get()
    if memo is not None and territory_id in memo:
        return memo[territory_id]
    key = VERSION_KEY.format(territory_id=territory_id)
    current = cache.get(key)
    if current is None:
        cache.add(key, _fresh_version(), timeout=None)
        current = cache.get(key)
    if memo is not None:
        memo[territory_id] = current
    return current


def _incr(territory_id: int) -> None:
    _forget(territory_id)
    key = VERSION_KEY.format(territory_id=territory_id)
    try:
        cache.incr(key)
    except ValueError:  # never read (or lost): a fresh version is later than any stored one
        cache.add(key, _fresh_version(), timeout=None)


def bump(territory_id: int | None) -> None:
    """The territory's data changed (called by the write services through the audit entry)."""
    if territory_id is None:
        return
    _incr(territory_id)
    transaction.on_commit(lambda: _incr(territory_id))


def _value_key(territory_id: int, name: str, parts: tuple) -> str:
    digest = hashlib.sha1(pickle.dumps(parts), usedforsecurity=False).hexdigest()[:16]
    return VALUE_KEY.format(territory_id=territory_id, version=version(territory_id), name=name, digest=digest)


def prefetch(territory_id: int, wanted) -> None:
    """Read the values `wanted` ((name, parts) pairs) of the territory in one round trip, for the rest of the
    request: a page that shows several cached panels (dashboard, home) asks for them at once instead of one by one.
    Outside a request it does nothing. A value not stored is computed as usual when the page asks for it."""
    memo = _request_values.get()
    if memo is None:
        return
    keys = [key for key in (_value_key(territory_id, name, parts) for name, parts in wanted) if key not in memo]
    if keys:
        found = cache.get_many(keys)
        memo.update({key: found.get(key) for key in keys})  # None: not stored, computed when asked (no 2nd trip)


def _cached(key: str) -> Any:
    memo = _request_values.get()
    if memo is not None and key in memo:
        return memo[key]
    return cache.get(key)


def get(territory_id: int, name: str, parts: tuple) -> Any:
    """The value stored for `parts` at the territory's current version, else None."""
    return _cached(_value_key(territory_id, name, parts))


def store(territory_id: int, name: str, parts: tuple, value: Any) -> None:
    """Store `value` for `parts` at the territory's current version (what `get_or_compute` would store)."""
    key = _value_key(territory_id, name, parts)
    cache.set(key, value, timeout=ENTRY_TIMEOUT)
    memo = _request_values.get()
    if memo is not None:
        memo[key] = value


def get_or_compute(territory_id: int, name: str, parts: tuple, compute: Callable[[], Any]) -> Any:
    """The value `name` for `parts` (period, cohort…) of the territory at its current version."""
    key = _value_key(territory_id, name, parts)
    value = _cached(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=ENTRY_TIMEOUT)
        memo = _request_values.get()
        if memo is not None:
            memo[key] = value
    return value


def get_or_compute_each(
    territory_ids, name: str, parts: tuple, compute_missing: Callable[[list[int]], dict[int, Any]]
) -> dict[int, Any]:
    """One value per territory (its line of the national figures), each stored under its OWN territory's version:
    a write in one territory recomputes that territory's value only. `compute_missing(ids)` returns {id: value} for
    the territories whose value is not stored at their current version (one call for all of them). Three round trips
    to the cache when everything is stored."""
    ids = list(territory_ids)
    version_keys = [VERSION_KEY.format(territory_id=tid) for tid in ids]
    found = cache.get_many(version_keys)
    digest = hashlib.sha1(pickle.dumps(parts), usedforsecurity=False).hexdigest()[:16]
    keys = {
        tid: VALUE_KEY.format(
            territory_id=tid, version=found[key] if key in found else version(tid), name=name, digest=digest
        )
        for tid, key in zip(ids, version_keys, strict=True)
    }
    stored = cache.get_many(list(keys.values()))
    values = {tid: stored[key] for tid, key in keys.items() if key in stored}
    missing = [tid for tid in ids if tid not in values]
    if missing:
        computed = compute_missing(missing)
        cache.set_many({keys[tid]: value for tid, value in computed.items() if tid in keys}, timeout=ENTRY_TIMEOUT)
        values |= computed
    return values
