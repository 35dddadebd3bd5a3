"""Every page of every role, in Chromium at 1366 px and at 390 px: no horizontal overflow, no console error, no
CSP violation, no axe-core finding of serious or critical impact.

"Every page" is every GET URL pattern of the project that renders HTML (the same list as the permission matrix,
tests/test_permission_matrix.py), resolved with real ids of the demo territory — a person followed by the
advisor's organisation, her follow-up and barrier, an action with participants, a meeting with decisions, a paid
commitment… — and visited by each role (anonymous, coordinator, advisor, viewer, administrator). A page the
role may not open (401, 403, 404, 405, or the sign-in page) is skipped; any other error status fails. Files
(PDF, CSV, XLSX, JSON, .ics), the API (but its documentation page), htmx fragments and sign-out are not pages.
The administrator also visits the Django admin: its index, every application, list and add form it links to, and
the first object of each list.
One browser, one page per role, the demo built once: about five minutes.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from actions.models import Action, Commitment, Participation
from cohorts.models import Barrier, Consent, FollowUp, FollowUpTeamMember, JobSeeker
from partners.models import Decision, Meeting, Organisation, User, WorkingGroup
from reporting.models import MeetingPack
from tests.factories import TEST_PASSWORD
from tests.test_permission_matrix import _kwargs_for, project_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = [
    "",
    "coordinatrice",
    "conseillere.ft",
    "prefecture",
    "admin",
    "observatoire.national",
    "admin.national",
]  # "": anonymous
ADVISOR = "conseillere.ft"
ADMIN = "admin"
WIDTHS = (1366, 390)
SERIOUS = {"serious", "critical"}
# Names whose GET is not an HTML page: files, the API, htmx fragments, sign-out, the health check.
NOT_PAGES = {"logout", "healthz", "reporting:pack_status", "schema"}
# Swagger UI draws the API documentation after the page has loaded, with its own markup: its contrast and nested
# buttons fail axe-core (third-party code, not ours); the page around it (language, title, scripts under the CSP) is
# checked like any other, and the same documentation is the OpenAPI file /api/v1/schema/ (docs/journeys.md).
AXE_CONTEXT = {"/api/v1/docs/": {"exclude": [["#swagger-ui"]]}}
NOT_PAGE_PATH = re.compile(r"\.(pdf|csv|xlsx|json|ics)$|/telecharger/$|^/api/v1/(?!docs/$)")


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    for user in User.objects.filter(username__in=ROLES):
        user.set_password(TEST_PASSWORD)
        user.save(update_fields=["password"])
    TOTPDevice.objects.filter(user__username__in=ROLES).delete()  # two-factor sign-in has its own tests


def _demo_world() -> dict:
    """Ids of the demo territory, shaped like the permission matrix's world (for its `_kwargs_for`): the objects a
    page shows most of (a person of the advisor's organisation with a journal, a meeting with decisions…)."""
    advisor = User.objects.get(username=ADVISOR)
    territory = advisor.organisation.territory
    people = JobSeeker.objects.filter(cohort__territory=territory, referent_organisation=advisor.organisation)
    person = (
        people.filter(follow_ups__author=advisor, barriers__isnull=False, team_members__isnull=False).first()
        or people.first()
    )
    own_follow_up = (
        FollowUp.objects.filter(job_seeker=person, author=advisor).first()
        or FollowUp.objects.filter(job_seeker=person).first()
    )
    barrier = Barrier.objects.filter(job_seeker=person).first()
    member = FollowUpTeamMember.objects.filter(job_seeker=person).first()
    action = Action.objects.filter(territory=territory, participations__isnull=False).first()
    participation = Participation.objects.filter(action=action).first()
    meeting = (
        Meeting.objects.filter(territory=territory, decisions__isnull=False, kind="technical_group").first()
        or Meeting.objects.filter(territory=territory).first()
    )
    decision = Decision.objects.filter(meeting=meeting).first()
    commitment = Commitment.objects.filter(envelope__territory=territory, status="committed").first()
    paid = Commitment.objects.filter(envelope__territory=territory, status="paid").first() or commitment
    pack = MeetingPack.objects.filter(territory=territory).first()
    # a consent in force that the advisor may withdraw (her organisation refers the person): the confirmation form
    consent = Consent.objects.filter(
        job_seeker__referent_organisation=advisor.organisation, withdrawn_on__isnull=True
    ).first()
    organisation = Organisation.objects.filter(territory=territory, users=advisor).first()
    ids = {
        "partners:organisation": organisation.pk,
        "partners:user": advisor.pk,
        "partners:group": WorkingGroup.objects.filter(territory=territory).first().pk,
        "partners:meeting": meeting.pk,
        "partners:decision": decision.pk if decision else 0,
        "partners:decision_create": meeting.pk,
        "cohorts:cohort": person.cohort_id,
        "cohorts": person.pk,
        "actions:commitment": commitment.pk,
        "actions:commitment_correct": paid.pk,
        "actions": action.pk,
        "reporting": pack.pk if pack else 0,
        "cohorts:consent_withdraw": consent.job_seeker_id if consent else 0,
    }
    extra = {
        "follow_up_pk": own_follow_up.pk,
        "barrier_pk": barrier.pk,
        "member_pk": member.pk if member else 0,
        "consent_pk": consent.pk if consent else 0,
        "participation_pk": participation.pk,
        "year": commitment.envelope.year,
        "token": "jeton-inconnu",
        "key": "cle-inconnue",
        "uidb64": "MQ",
    }
    return {"ids": ids, "extra": extra}


def _pages(world) -> list[str]:
    pages = []
    for name, pattern in sorted(project_urls().items()):
        if name in NOT_PAGES:
            continue
        try:
            path = reverse(name, kwargs=_kwargs_for(name, pattern, world))
        except (KeyError, ValueError):  # a file format (extension, fmt) or an API id: not a page
            continue
        if not NOT_PAGE_PATH.search(path):
            pages.append(path)
    return pages


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


def _admin_pages(page) -> list[str]:
    """The administrator's Django admin: its index, each application and list it links to, each add form, and
    the first object of each list (the pages a technical administrator works in)."""
    page.goto("/admin/")
    links = page.eval_on_selector_all("#content-main a[href^='/admin/']", "els => els.map(e => e.getAttribute('href'))")
    found = ["/admin/", *dict.fromkeys(link for link in links if not link.endswith("/logout/"))]
    for link in list(found):
        if link.count("/") == 4:  # /admin/app/model/: its first object too
            page.goto(link)
            first = page.locator("#result_list tbody th a").first
            if first.count():
                found.append(first.get_attribute("href"))
    return found


def _check_role(browser, base_url, username, pages, axe) -> tuple[list[str], dict[str, list[str]]]:
    context = browser.new_context(base_url=base_url, locale="fr-FR", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    problems: dict[str, list[str]] = {}
    current = {"path": "/connexion/"}

    def note(kind, text):
        problems.setdefault(f"{username or 'anonyme'} {current['path']}", []).append(f"{kind}: {text[:200]}")

    page.on(
        "console",
        lambda m: (
            note("console", m.text)
            if m.type == "error" or "Content Security Policy" in m.text or "Refused to" in m.text
            else None
        ),
    )
    page.on("pageerror", lambda exc: note("js", str(exc)))
    if username:
        page.goto("/connexion/")
        page.get_by_label("Identifiant").fill(username)
        page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_url(lambda url: "/connexion/" not in url)
    visited = []
    if username == ADMIN:
        pages = pages + _admin_pages(page)
    for path in pages:
        current["path"] = path
        page.set_viewport_size({"width": 1366, "height": 900})
        # The status first, with the page's cookies (Chromium does not render an empty 405 or 403 body).
        status = page.request.get(path, max_redirects=5).status
        if status >= 400:
            if status not in (401, 403, 404, 405):
                note("http", str(status))
            continue
        response = page.goto(path, wait_until="load")
        if response is None:
            continue
        if username and "/connexion/" in page.url and "/connexion/" not in path:
            note("session", "renvoyée vers la connexion")
            continue
        if not username and "/connexion/" in page.url and path != "/connexion/":
            continue  # a page behind the sign-in: the anonymous visitor sees the sign-in page (visited once)
        visited.append(path)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            overflow = _overflow(page)
            if overflow > 1:
                note("débordement", f"{width} px : {overflow} px de trop ({', '.join(page.evaluate(CULPRITS))})")
        page.set_viewport_size({"width": 1366, "height": 900})
        for violation in axe.run(page, context=AXE_CONTEXT.get(path)).response["violations"]:
            if violation.get("impact") in SERIOUS:
                targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
                note("axe", f"{violation['id']} ({len(violation['nodes'])} éléments : {', '.join(targets)})")
    context.close()
    return visited, problems


def test_every_page_of_every_role_fits_and_passes_csp_and_axe(browser, live_server, demo):
    pages = _pages(_demo_world())
    assert len(pages) > 50, pages  # every pattern, not only the pages linked from a home page
    axe = Axe()
    problems: dict[str, list[str]] = {}
    visited: dict[str, list[str]] = {}
    for username in ROLES:
        visited[username], found = _check_role(browser, live_server.url, username, pages, axe)
        problems.update(found)
    counts = {role or "anonyme": len(paths) for role, paths in visited.items()}
    # Each role opens the pages its menu promises (the counts are written in docs/journeys.md).
    assert counts["coordinatrice"] >= 45 and counts[ADVISOR] >= 20 and counts["prefecture"] >= 8, counts
    assert counts[ADMIN] >= 25 and counts["anonyme"] >= 4, counts
    print("pages visitées par rôle :", counts)
    assert problems == {}, "\n".join(f"{where}: {'; '.join(items)}" for where, items in problems.items())
