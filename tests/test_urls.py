"""Deny by default: every URL of the project needs a login, except the few public ones."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import get_converters

# The only pages an anonymous visitor may open, why, and what a GET of the walk's placeholder URL answers exactly.
PUBLIC = {
    "login": 200,  # to sign in
    "password_reset": 200,  # to recover an account
    "password_reset_done": 200,
    "password_reset_confirm": 200,  # an invalid link: the page says so
    "password_reset_complete": 200,
    "healthz": 200,  # load balancers and probes
    "accessibility": 200,  # the accessibility statement must be public (loi 2005-102, art. 47)
    "personal_data": 200,  # the privacy notice must be readable by the people concerned (RGPD art. 13-14)
    "auth-token": 405,  # the API's sign-in: POST only
    "admin:login": 200,  # Django admin's own sign-in page
    "admin:logout": 302,  # nobody to sign out: back to the admin's sign-in
    "partners:invitation_accept": 404,  # the invitee has no account yet: the single-use token is the credential
    "partners:calendar_feed": 404,  # calendar apps cannot sign in: the secret key in the URL is the credential
    # Signing in with ProConnect (404 here: not configured; configured, tests/test_permission_matrix.py).
    "proconnect_login": 404,
    "proconnect_callback": 404,
    "proconnect_logout": 404,
    "logout": 405,  # POST only; open without a session (a refused ProConnect identity ends its session there)
}


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            yield route, f"{namespace}{pattern.name}" if pattern.name else None


def _concrete(route: str) -> str:
    """Turn a route or regex into a URL with placeholder values."""
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    route = re.sub(r"<(?:int:)?(\w+)>", "1", route)
    route = re.sub(r"<(\w+):\w+>", lambda m: getattr(get_converters()[m.group(1)], "example", "x"), route)
    route = route.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")
    route = re.sub(r"\(\?:[^)]*\)\??", "", route)
    route = route.replace("?", "")
    return "/" + route


ROUTES = sorted(set(_walk(get_resolver().url_patterns)))


def test_the_walk_finds_the_project_urls():
    names = {name for _, name in ROUTES}
    assert {"home", "login", "users-me", "organisation-list", "schema", "admin:index"} <= names
    assert len(ROUTES) > 30


@pytest.mark.parametrize(("route", "name"), ROUTES, ids=[f"{name or '?'}:{route}" for route, name in ROUTES])
def test_anonymous_visitor_is_sent_to_login_or_refused(client, db, route, name):
    url = _concrete(route)
    response = client.get(url)
    if name in PUBLIC:
        assert response.status_code == PUBLIC[name], f"{url} répond {response.status_code}, attendu {PUBLIC[name]}"
        return
    if url.startswith("/admin/"):
        assert response.status_code in {302, 404}, f"{url} répond {response.status_code} à un anonyme"
        if response.status_code == 302:
            assert "/admin/login/" in response["Location"] or "/connexion/" in response["Location"], url
        return
    if url.startswith("/api/"):
        assert response.status_code in {401, 403}, f"{url} répond {response.status_code} à un anonyme"
        return
    assert response.status_code == 302, f"{url} répond {response.status_code} à un anonyme"
    assert response["Location"].startswith("/connexion/"), url
