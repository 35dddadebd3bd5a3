"""Benchmark (not a test): build the meeting pack of the demo territory and print time, peak memory and pages.

    .venv/bin/python bench/meeting_pack.py            # scratch SQLite database in a temporary directory
    DATABASE_URL=postgres://… .venv/bin/python bench/meeting_pack.py   # a scratch PostgreSQL database (wiped!)

It migrates the scratch database, loads the demo (`seed_demo`), then builds one pack for the last two months,
all cohorts, through the same service as the Celery task. Target (issue 13): under 3 s and 200 MB.
Options: `--years 5` for a five-year period; `--profile` prints where a third build spends its time;
`--bench` builds the pack of territory n° 1 of bench/national.py's database (450 people, 5 cohorts; run
bench/national.py first, `BENCH_DATABASE_URL` as there) instead of the demo, without wiping anything:

    .venv/bin/python bench/meeting_pack.py --bench --years 5     # issue 13: 450 people, 5 years, < 3 s, < 200 MB
"""

import datetime
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
scratch = Path(tempfile.mkdtemp(prefix="bench-pack-"))
BENCH = "--bench" in sys.argv
if BENCH:  # the national bench's database and production settings (bench/national.py)
    sys.path.insert(0, str(ROOT / "bench"))
    import national

    national._configure()
else:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch / 'bench.sqlite3'}")
    os.environ["DEBUG"] = "true"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cite_emploi.settings.dev")
os.environ["MEDIA_ROOT"] = str(scratch / "media")
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"

import logging  # noqa: E402

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from partners.models import Territory, User  # noqa: E402
from reporting import services  # noqa: E402
from reporting.metrics import Period, default_period  # noqa: E402
from reporting.models import MeetingPack  # noqa: E402


def main():
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    print(f"base : {connection.vendor} ({connection.settings_dict['NAME']})")
    if BENCH:
        territory = User.objects.select_related("organisation__territory").get(username="coordination-01").territory
    else:
        if connection.vendor == "postgresql":
            call_command("flush", interactive=False, verbosity=0)
        call_command("migrate", verbosity=0)
        with open(os.devnull, "w") as devnull:
            call_command("seed_demo", stdout=devnull)
        territory = Territory.objects.get(slug="angers-loire-metropole")
    period = default_period()
    if "--years" in sys.argv:  # a long period (issue 13: a one-territory 5-year pack)
        years = int(sys.argv[sys.argv.index("--years") + 1])
        period = Period(period.end.replace(year=period.end.year - years) + datetime.timedelta(days=1), period.end)
    print(f"période : du {period.start} au {period.end}")
    pack = MeetingPack.objects.create(territory=territory, period_start=period.start, period_end=period.end)

    from reporting.metrics import compute_metrics

    started = time.perf_counter()
    compute_metrics(territory, Period(pack.period_start, pack.period_end))
    metrics_time = time.perf_counter() - started
    started = time.perf_counter()
    services.meeting_pack_build(pack_id=pack.pk)
    elapsed = time.perf_counter() - started  # timed without tracemalloc, which slows Python down
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    # peak memory of a second build, under tracemalloc (Python allocations of the build only)
    again = MeetingPack.objects.create(territory=territory, period_start=period.start, period_end=period.end)
    tracemalloc.start()
    services.meeting_pack_build(pack_id=again.pk)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    if "--profile" in sys.argv:  # where the time goes: figures, HTML, WeasyPrint layout (fonts, tables, SVG), PDF
        import cProfile
        import pstats

        third = MeetingPack.objects.create(territory=territory, period_start=period.start, period_end=period.end)
        profiler = cProfile.Profile()
        profiler.enable()
        services.meeting_pack_build(pack_id=third.pk)
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(r"(weasyprint|pydyf|fontTools|reporting|django/template)", 40)

    pack.refresh_from_db()
    people = territory.job_seekers.count()
    print(f"personnes du territoire : {people}")
    print(f"état : {pack.status} {pack.error}")
    print(f"temps de fabrication : {elapsed:.2f} s (objectif < 3 s), dont indicateurs seuls : {metrics_time:.2f} s")
    print(f"pic mémoire Python (tracemalloc) : {peak / 1024 / 1024:.1f} Mo ; RSS max du processus : {rss_mb:.0f} Mo")
    print(f"pages : {pack.page_count} ; taille : {pack.file_size / 1024:.0f} Ko")
    print(f"fichier : {pack.file.path}")
    return 0 if pack.status == "done" else 1


if __name__ == "__main__":
    sys.exit(main())
