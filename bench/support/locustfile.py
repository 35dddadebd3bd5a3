"""The load of issue 13: advisors, coordinators and viewers of several territories on one deployment.

Run by bench/load.py (headless, bounded in time, 127.0.0.1 only). Each simulated person signs in with a session
or a token prepared by bench/load.py (`LOAD_ACCOUNTS`, a JSON file): no login form, no one-time code.
"""

import itertools
import json
import os
import random

from locust import HttpUser, between, task

with open(os.environ["LOAD_ACCOUNTS"], encoding="utf-8") as handle:
    ACCOUNTS = json.load(handle)
_counters = {role: itertools.count() for role in ACCOUNTS}
HEADERS = {"X-Forwarded-Proto": "https"}  # behind the HTTPS proxy, as in production


class Person(HttpUser):
    abstract = True
    role = ""
    wait_time = between(1, 3)

    def on_start(self):
        accounts = ACCOUNTS[self.role]
        if not accounts:
            raise RuntimeError(f"bench/load.py prepared no {self.role} account")
        self.account = accounts[next(_counters[self.role]) % len(accounts)]
        # The session cookie is Secure in production; the proxy speaks HTTPS, locust speaks to gunicorn directly.
        self.client.cookies.set("sessionid", self.account["session"])
        self.client.headers.update(HEADERS)

    def page(self, path, name=None, **kwargs):
        with self.client.get(path, name=name or path, catch_response=True, allow_redirects=False, **kwargs) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code} on {path}")


class Advisor(Person):
    role = "advisor"
    weight = 6

    @task(3)
    def home(self):
        self.page("/")

    @task(3)
    def cohort_list(self):
        self.page("/cohorte/?status=in_follow_up&page_size=25", name="/cohorte/?status")

    @task(2)
    def person_file(self):
        self.page(f"/cohorte/personnes/{random.choice(self.account['people'])}/", name="/cohorte/personnes/[id]/")

    @task(2)
    def api_list(self):
        self.page(
            "/api/v1/job-seekers/?status=in_follow_up&page_size=20",
            name="/api/v1/job-seekers/",
            headers={"Authorization": f"Token {self.account['token']}"},
        )

    @task(1)
    def log_a_follow_up(self):
        with self.client.post(
            "/api/v1/follow-ups/",
            json={
                "job_seeker": random.choice(self.account["people"]),
                "date": self.account["today"],
                "kind": "phone_call",
                "summary": "Appel de suivi (test de charge).",
            },
            headers={"Authorization": f"Token {self.account['token']}"},
            name="POST /api/v1/follow-ups/",
            catch_response=True,
        ) as r:
            if r.status_code != 201:
                r.failure(f"{r.status_code}: {r.text[:200]}")


class Coordinator(Person):
    role = "coordinator"
    weight = 3

    @task(3)
    def home(self):
        self.page("/")

    @task(3)
    def dashboard_figures(self):
        self.page("/pilotage/", name="/pilotage/ (htmx)", headers={"HX-Request": "true"})

    @task(1)
    def dashboard(self):
        self.page("/pilotage/")

    @task(2)
    def cohort_list(self):
        self.page("/cohorte/?status=in_follow_up&page_size=25", name="/cohorte/?status")

    @task(1)
    def actions(self):
        self.page("/actions/")


class Viewer(Person):
    role = "viewer"
    weight = 1

    @task(2)
    def home(self):
        self.page("/")

    @task(2)
    def dashboard_figures(self):
        self.page("/pilotage/", name="/pilotage/ (htmx)", headers={"HX-Request": "true"})

    @task(1)
    def packs(self):
        self.page("/dossiers-de-seance/")
