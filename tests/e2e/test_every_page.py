"""Every page of every role, in Chromium at 1366 px and at 390 px: no horizontal overflow, no console error, no
CSP violation, no axe-core finding of serious or critical impact.

The pages are found by following the links of each role from its home page (breadth first): every kind of
page is visited once (URLs that differ only by their ids count as one), downloads and sign-out excepted.
"""

import re
from collections import deque

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from partners.models import User
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = ["coordinatrice", "conseillere.ft", "prefecture", "admin", "observatoire.national", "admin.national"]
WIDTHS = (1366, 390)
SERIOUS = {"serious", "critical"}
SKIP = re.compile(
    r"(\.(pdf|csv|xlsx|json|ics)(\?|$))|^/deconnexion/|^/admin/|^/api/v1/(?!docs/$)|/telecharger|/download|\?.*page="
)
MAX_PAGES_PER_ROLE = 80


def _pattern(path: str) -> str:
    path = re.sub(r"\d+", "<id>", path)
    path = re.sub(r"/[0-9a-f]{20,}", "/<clé>", path)
    return path.split("#")[0]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    for user in User.objects.filter(username__in=ROLES):
        user.set_password(TEST_PASSWORD)
        user.save(update_fields=["password"])
    TOTPDevice.objects.filter(user__username__in=ROLES).delete()  # two-factor sign-in has its own tests


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


CULPRITS = """() => {
  const width = window.innerWidth, found = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('.table-responsive, .overflow-auto')) continue;
    const box = el.getBoundingClientRect(), parent = el.parentElement.getBoundingClientRect();
    if (box.right > width + 1 && (parent.right <= width + 1 || el.parentElement === document.body || box.right > parent.right + 1)) {
      found.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + [...el.classList].join('.') + ':' + Math.round(box.right));
    }
  }
  return found.slice(0, 5);
}"""


@pytest.mark.parametrize("username", ROLES)
def test_every_page_of_every_role_fits_and_passes_csp_and_axe(browser, live_server, demo, username):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: dict[str, list[str]] = {}
    current = {"path": "/connexion/"}

    def note(kind, text):
        problems.setdefault(current["path"], []).append(f"{kind}: {text[:200]}")

    page.on(
        "console",
        lambda m: (
            note("console", m.text)
            if m.type == "error" or "Content Security Policy" in m.text or "Refused to" in m.text
            else None
        ),
    )
    page.on("pageerror", lambda exc: note("js", str(exc)))
    page.goto("/connexion/")
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(lambda url: "/connexion/" not in url)

    axe = Axe()
    seen_patterns: set[str] = set()
    queue = deque(["/"])
    visited = []
    while queue and len(visited) < MAX_PAGES_PER_ROLE:
        path = queue.popleft()
        pattern = _pattern(path)
        if pattern in seen_patterns or SKIP.search(path):
            continue
        seen_patterns.add(pattern)
        current["path"] = path
        page.set_viewport_size({"width": 1366, "height": 900})
        response = page.goto(path)
        if response is None or response.status >= 400 or "/connexion/" in page.url:
            if response is not None and response.status not in (403, 404, 405):
                note("http", f"{response.status}")
            continue
        visited.append(path)
        page.wait_for_load_state("networkidle")
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            overflow = _overflow(page)
            if overflow > 1:
                note("débordement", f"{width} px : {overflow} px de trop ({', '.join(page.evaluate(CULPRITS))})")
        page.set_viewport_size({"width": 1366, "height": 900})
        if not path.startswith("/api/"):
            results = axe.run(page)
            for violation in results.response["violations"]:
                if violation.get("impact") in SERIOUS:
                    note("axe", f"{violation['id']} ({len(violation['nodes'])} éléments)")
        for href in page.eval_on_selector_all("a[href^='/']", "els => els.map(e => e.getAttribute('href'))"):
            href = href.split("#")[0]
            if href and _pattern(href) not in seen_patterns:
                queue.append(href)
    context.close()
    assert len(visited) >= 5, visited
    assert problems == {}, "\n".join(f"{path}: {'; '.join(items)}" for path, items in problems.items())
