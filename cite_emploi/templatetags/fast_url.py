"""`{% url %}` with its answers remembered: a built-in of every template (TEMPLATES' `builtins`), in place of Django's.

Django reverses the URL again at every `{% url %}`: about 35 µs each, and a coordinator's home has 27 of them (a
seventh of the page's time, issue 13). URLs depend only on the view's name, its arguments, the current application
namespace, the URL configuration and the script prefix, which are all in the key here; the patterns never change
while a process runs. Only arguments that are strings or integers make a key (an object's `str()` could change
under the same hash); any other goes through Django's `reverse` as before. The node
is Django's `URLNode`; only the reversal is remembered, and `tests/test_fast_url.py` compares the two on every
name of the URL configuration.
"""

from django import template
from django.template import defaulttags
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape

register = template.Library()

_REVERSED: dict[tuple, str] = {}
MAX_REMEMBERED = 20_000  # URLs with ids: bounded, forgotten all at once when full


def _plain(value) -> bool:
    """A string (a template's literal is a SafeString) or an integer; not a boolean, equal to 0 or 1 as a key."""
    return isinstance(value, str | int) and not isinstance(value, bool)


def cached_reverse(view_name, args=(), kwargs=None, current_app=None) -> str:
    kwargs = kwargs or {}
    if not (_plain(view_name) and all(map(_plain, args)) and all(map(_plain, kwargs.values()))):
        return reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
    key = (view_name, tuple(args), tuple(sorted(kwargs.items())), current_app, get_urlconf(), get_script_prefix())
    url = _REVERSED.get(key)
    if url is None:
        url = reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
        if len(_REVERSED) >= MAX_REMEMBERED:
            _REVERSED.clear()
        _REVERSED[key] = url
    return url


class URLNode(defaulttags.URLNode):
    def render(self, context):  # Django's URLNode.render, with cached_reverse
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = cached_reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    return URLNode(node.view_name, node.args, node.kwargs, node.asvar)
