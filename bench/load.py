"""Load test (not a test) of issue 13: 50 people on gunicorn with the production settings, loopback only.

    .venv/bin/python bench/national.py --scale small     # first: the bench database (cite_emploi_bench)
    .venv/bin/python bench/load.py                       # 50 users, 60 s, 3 gunicorn workers
    .venv/bin/python bench/load.py --users 50 --duration 120 --workers 3

It starts gunicorn (production settings, DEBUG off, hashed static files, `REDIS_URL` cache when set) on 127.0.0.1
and a free port, prepares sessions and API tokens for advisors, coordinators and viewers of the first territories
of the bench database, runs locust headless and bounded in time against it (weights: advisors 6, coordinators 3,
viewers 1; advisors also log follow-ups through the API, so the figures cache is invalidated under load), then
prints throughput, p50/p95/p99 and errors. Target (issue 13): p95 < 150 ms, 0 errors.

What differs from production, on purpose: two-factor sign-in is off (the simulated people get sessions made here),
gunicorn speaks HTTP to locust and is told the proxy spoke HTTPS (`X-Forwarded-Proto`).
"""

import argparse
import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import national  # noqa: E402 — the same environment as bench/national.py


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _accounts(territories: int, path: Path) -> dict:
    """Sessions (as a login would make them) and API tokens for the people of the first territories."""
    import datetime

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from cohorts.models import JobSeeker
    from partners.enums import Role
    from partners.middleware import SESSION_LAST_SEEN, SESSION_LOGIN_AT
    from partners.models import User

    now = int(time.time())
    today = timezone.localdate()
    accounts = {"advisor": [], "coordinator": [], "viewer": []}
    users = User.objects.filter(
        organisation__territory__slug__in=[f"cite-{n:02d}" for n in range(1, territories + 1)],
        role__in=list(accounts),
        is_active=True,
    ).select_related("organisation")
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[SESSION_LOGIN_AT] = session[SESSION_LAST_SEEN] = now
        session.create()
        token, _ = Token.objects.get_or_create(user=user)
        people = []
        if user.role == Role.ADVISOR:
            in_follow_up = JobSeeker.objects.filter(
                referent_organisation=user.organisation_id,
                follow_up_end_date__gte=today,
                entry_date__lte=today - datetime.timedelta(days=1),
            )
            people = list(in_follow_up.values_list("pk", flat=True)[:50])
            if not people:
                continue
        accounts[user.role].append(
            {"session": session.session_key, "token": token.key, "people": people, "today": today.isoformat()}
        )
    path.write_text(json.dumps(accounts), encoding="utf-8")
    return {role: len(items) for role, items in accounts.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60, help="secondes (défaut 60)")
    parser.add_argument("--workers", type=int, default=3, help="processus gunicorn (défaut 3)")
    parser.add_argument("--territories", type=int, default=4, help="territoires dont les personnes se connectent")
    args = parser.parse_args()

    national._configure()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    try:
        connection.ensure_connection()
        from partners.models import Territory

        if not Territory.objects.filter(slug="cite-01").exists():
            raise LookupError
    except Exception:  # noqa: BLE001 — no bench database yet
        raise SystemExit("Base du banc absente : lancez d'abord bench/national.py.") from None
    call_command("collectstatic", interactive=False, verbosity=0)
    workdir = Path(tempfile.mkdtemp(prefix="bench-load-"))
    counts = _accounts(args.territories, workdir / "accounts.json")
    connection.close()
    port = _free_port()
    env = {**os.environ, "LOAD_ACCOUNTS": str(workdir / "accounts.json")}
    gunicorn = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "cite_emploi.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.3)
        print(
            f"gunicorn {args.workers} processus sur 127.0.0.1:{port} (réglages de production) ; "
            f"{args.users} personnes pendant {args.duration} s ; comptes : {counts}"
        )
        subprocess.run(
            [
                str(Path(sys.executable).parent / "locust"),
                "-f",
                str(ROOT / "bench" / "support" / "locustfile.py"),
                "--headless",
                "--host",
                f"http://127.0.0.1:{port}",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(max(1, args.users // 5)),
                "--run-time",
                f"{args.duration}s",
                "--stop-timeout",
                "10",
                "--csv",
                str(workdir / "load"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
            check=False,
            stdout=subprocess.DEVNULL,
        )
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
    report(workdir / "load_stats.csv", args.duration)


def report(stats_csv: Path, duration: int) -> None:
    rows = list(csv.DictReader(stats_csv.open(encoding="utf-8")))
    print()
    print(f"{'requête':<34} {'n':>6} {'err':>4} {'p50':>6} {'p95':>6} {'p99':>6} {'req/s':>6}")
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "TOTAL"
        print(
            f"{(row['Type'] + ' ' + name)[:34] if name != 'TOTAL' else 'TOTAL':<34} {row['Request Count']:>6} "
            f"{row['Failure Count']:>4} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6} "
            f"{float(row['Requests/s']):6.1f}"
        )
    total = rows[-1]
    print()
    print(
        f"débit {float(total['Requests/s']):.1f} req/s · p50 {total['50%']} ms · p95 {total['95%']} ms "
        f"(objectif < 150) · p99 {total['99%']} ms · erreurs {total['Failure Count']} (objectif 0)"
    )


if __name__ == "__main__":
    main()
