"""`reverse()` with its answers remembered, for what renders URLs on every page: `{% url %}`
(cite_emploi.templatetags.fast_url) and the menu (partners.navigation).

Django reverses a URL again at every call: about 35 µs each, and a coordinator's home has 27 of them (a seventh of the
page's time, issue 13). A URL depends only on the view's name, its arguments, the current application namespace, the
URL configuration and the script prefix, which are all in the key here; the patterns never change while a process
runs. Only arguments that are strings or integers make a key (an object's `str()` could change under the same hash);
any other goes through Django's `reverse` each time. `tests/test_fast_url.py` compares the two on every URL name.
"""

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_REVERSED: dict[tuple, str] = {}
MAX_REMEMBERED = 20_000  # URLs with ids: bounded, forgotten all at once when full


def _plain(value) -> bool:
    """A string (a template's literal is a SafeString) or an integer; not a boolean, equal to 0 or 1 as a key."""
    return isinstance(value, str | int) and not isinstance(value, bool)


def cached_reverse(view_name, args=(), kwargs=None, current_app=None) -> str:
    kwargs = kwargs or {}
    if not (_plain(view_name) and all(map(_plain, args)) and all(map(_plain, kwargs.values()))):
        return reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
    urlconf = get_urlconf() or settings.ROOT_URLCONF  # a test or the bench may change ROOT_URLCONF
    key = (view_name, tuple(args), tuple(sorted(kwargs.items())), current_app, urlconf, get_script_prefix())
    url = _REVERSED.get(key)
    if url is None:
        url = reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
        if len(_REVERSED) >= MAX_REMEMBERED:
            _REVERSED.clear()
        _REVERSED[key] = url
    return url
