"""`make bench`: Veerkracht at city scale, against bare Django in the same run — a benchmark, not a test.

1. Creates (or reuses) a PostgreSQL database per size — `veerkracht_bench` for the full world,
   `veerkracht_bench_0_1` for `--scale 0.1`, ... — and fills it with `manage.py seed_bench`
   (the full world: all 479 Amsterdam neighbourhoods, 200,000 signals over 3 years, 20,000 cases,
   60,000 actions, 50 organisations, 2,000 users), then vacuums and analyses it. `--reseed` rebuilds it.
2. The floor: serves bench/floor.py (one trivial Django view, no database, no templates) with the
   same gunicorn arguments, measures it with the same clients, and stops it; once before the app and
   once more after its pages and writes, the ratios against their mean (bench/stats.py `combined_floor`).
3. Serves the app with gunicorn (DEBUG off, 4 workers x 2 threads; `--workers`, `--threads`).
4. Warms every page up, then for the pages and API lists people use most measures 400 requests from
   8 concurrent clients (p50/p95, requests per second, the workers' CPU per request over the window)
   and 50 requests from one client alone; then the writes the same way through the real forms
   (logging a signal, posting a note, completing an action: the database grows).
5. With `--scales 0.1,1` (the default) the smaller sizes are served too, each by its own gunicorn on its
   own database (one Redis: every key names its database), while the full size is up: one client asks
   each page of every size in turn, request by request (bench/load.py `in_turn`), so the table shows how
   each page's time grows with the data and not how the machine's speed drifted between two passes.
6. Starts a Celery worker and times the reminder sweep, the early-warning job and the weekly summary
   (bench/jobs.py), and reads the peak resident memory of a web worker and of the Celery worker.
7. Writes bench/results.json and prints the table against the targets (bench/stats.py, bench/report.py).
"""

import argparse
import json
import os
import subprocess
import sys
import time
import uuid
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path[0] = str(BASE_DIR)  # not bench/: its module names are not top-level ones

from bench import load, report, stats  # noqa: E402 - needs BASE_DIR on the path

PYTHON = str(BASE_DIR / ".venv" / "bin" / "python")
RESULTS = BASE_DIR / "bench" / "results.json"
HOST, PORT = "127.0.0.1", 8099
CLIENTS = 8
# 400 requests per page: with 200 the 95th percentile is the 10th slowest request,
# which moved by a fifth from run to run on this machine.
REQUESTS_PER_CLIENT = 50
ALONE_REQUESTS = 50
# The floor answers in about a millisecond: ten times the requests, so that its window is seconds long
# and the CPU clock's 10 ms ticks do not matter.
FLOOR_FACTOR = 10
WARM_UP = 2


def bench_env(scale):
    database = os.environ.get("DATABASE_URL", "postgres://app:app@127.0.0.1:5432/app")
    parts = urlsplit(database)
    if not parts.scheme.startswith("postgres"):
        sys.exit("The benchmark needs PostgreSQL: set DATABASE_URL=postgres://... (make bench does).")
    return {
        **os.environ,
        "DATABASE_URL": urlunsplit(parts._replace(path="/" + stats.database_name(scale))),
        # One Redis for every size, served side by side for the growth column: what is kept there (pages,
        # counts, the tables' versions) is keyed by the database's name too (core/kept.py `key`).
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-" + "x" * 58),  # production settings want 50+
        "ALLOWED_HOSTS": HOST,
        "SECURE_COOKIES": "0",
        "SECURE_SSL_REDIRECT": "0",  # served over plain http on loopback
        "CONN_MAX_AGE": "60",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "CELERY_QUEUE": f"bench-{uuid.uuid4().hex[:8]}",
        "LOG_LEVEL": "WARNING",
    }


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


def prepare_database(env, scale, reseed):
    import psycopg

    parts = urlsplit(env["DATABASE_URL"])
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reseed:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    manage(env, "migrate", "--noinput", "-v", "0")
    with psycopg.connect(env["DATABASE_URL"]) as conn:
        seeded = conn.execute("SELECT count(*) FROM cases_case").fetchone()[0]
    if not seeded:
        started = time.monotonic()
        print(f"Seeding the benchmark world at scale {stats.scale_label(scale)} into {name} ...", flush=True)
        manage(env, "seed_bench", "--scale", str(scale))
        print(f"Seeded in {time.monotonic() - started:.0f} s", flush=True)
    # What autovacuum does on a live database within minutes: planner statistics, and the
    # visibility map that lets counts come from an index alone. A fresh bulk load has neither.
    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    manage(env, "collectstatic", "--noinput", "-v", "0")


def start(env, args, log_name):
    log = open(BASE_DIR / "var" / log_name, "wb")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(args, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)


def stop(process):
    process.terminate()
    process.wait(timeout=20)


@contextmanager
def gunicorn(env, app, port, options, log_name, ready_path):
    """The app (or the floor) under the benchmark's gunicorn set-up, started and idle; stopped afterwards."""
    process = start(
        env,
        [str(BASE_DIR / ".venv/bin/gunicorn"), app, "-b", f"{HOST}:{port}",
         "-w", str(options.workers), "--threads", str(options.threads), "--worker-class", "gthread"],
        log_name,
    )  # fmt: skip
    server = load.Server(HOST, port, process.pid, label=f"gunicorn {app} (var/{log_name})")
    try:
        load.wait_until_serving(server, ready_path)
        load.wait_until_idle(server.worker_pids, server.label)
        yield server
    finally:
        stop(process)


def peak_rss_mb(pid):
    """Peak resident set size (VmHWM) of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def setup_django(env):
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def under_load(server, request, per_client=REQUESTS_PER_CLIENT):
    return load.run_clients(server, [[request] * (per_client + WARM_UP) for _ in range(CLIENTS)], warm_up=WARM_UP)


def alone(server, request, count=ALONE_REQUESTS):
    return load.run_clients(server, [[request] * (count + 3)], warm_up=3)


def warm_up(server, requests, rounds=3):
    """Every page a few times from every client first, as on a server that has been up a
    while: each gunicorn thread has its database connection, each process its compiled
    templates, the dashboards their figures (dashboards/cache.py)."""
    load.run_clients(server, [list(requests) * rounds for _ in range(CLIENTS)], warm_up=0)


def measure_floor(env, options):
    """The floor once: under load, then alone."""
    floor_env = {key: value for key, value in env.items() if key != "DJANGO_SETTINGS_MODULE"}
    with gunicorn(floor_env, "bench.floor:application", options.port + 1, options, "bench-floor.log", "/") as server:
        request = load.Request("/", {})
        warm_up(server, [request], rounds=20)
        floor = under_load(server, request, per_client=REQUESTS_PER_CLIENT * FLOOR_FACTOR)
        floor["alone"] = alone(server, request, count=ALONE_REQUESTS * FLOOR_FACTOR)
    print(f"floor: {floor}", flush=True)
    return floor


# Each page is measured as it is served (kept per reader, accounts/kept_pages.py) and rendered afresh, as
# a first visit or one after a change is: a browser's hard reload asks for that with this header.
AFRESH = (("Cache-Control", "no-cache"),)


def read_requests(pages):
    """Each page as it is served and rendered afresh: {measure name: Request}."""
    requests = {}
    for name, (path, cookies) in pages.items():
        requests[name] = load.Request(path, cookies)
        requests[stats.afresh(name)] = load.Request(path, cookies, headers=AFRESH)
    return requests


def measure_reads(server, pages, *, with_load):
    requests = read_requests(pages)
    if requests:  # none when --page names only writes
        warm_up(server, requests.values())
    results = {}
    for name, request in requests.items():
        results[name] = under_load(server, request) if with_load else {}
        results[name]["alone"] = alone(server, request)
        print(f"{name}: {results[name]}", flush=True)
    return results


def measure_writes(server, subjects, wanted):
    """Each write under load (8 clients) then alone, with fresh requests each time (the database grows)."""
    from bench.world import WRITES

    results = {}
    for name, plans_for in WRITES.items():
        if wanted and name not in wanted:
            continue
        plans = plans_for(server, subjects, CLIENTS, REQUESTS_PER_CLIENT + WARM_UP)
        if plans is None:
            print(f"{name}: skipped (too few open actions at this scale)", flush=True)
            continue
        results[name] = load.run_clients(server, plans, warm_up=WARM_UP)
        single = plans_for(server, subjects, 1, ALONE_REQUESTS + 3)
        if single:
            results[name]["alone"] = load.run_clients(server, single, warm_up=3)
        print(f"{name}: {results[name]}", flush=True)
    return results


def pages_at(options, scale):
    """A smaller size's database prepared and its pages picked (run as its own process: its own Django set-up)."""
    env = bench_env(scale)
    prepare_database(env, scale, options.reseed)
    setup_django(env)
    from bench.world import pick_subjects, read_pages

    return selected(read_pages(pick_subjects()), options.page)


def measure_growth(options, web, pages, smaller):
    """Each page alone at every size, taking turns request by request: {name: {scale label: summary}}.

    `pages` are the full size's (served by `web`), `smaller` {scale: pages} the smaller sizes', each
    served here by a gunicorn of its own on the ports after the floor's."""
    with ExitStack() as stack:
        sizes = []
        for offset, (scale, its_pages) in enumerate(sorted(smaller.items()), start=2):
            env = bench_env(scale)
            log_name = f"bench-web-{stats.scale_label(scale)}.log"
            server = stack.enter_context(
                gunicorn(env, "config.wsgi:application", options.port + offset, options, log_name, "/accounts/login/")
            )
            sizes.append((stats.scale_label(scale), server, read_requests(its_pages)))
        sizes.append((stats.scale_label(1), web, read_requests(pages)))
        for _label, server, requests in sizes[:-1]:  # the full size was warmed up by its own measures
            warm_up(server, requests.values())
        by_name = {}
        for name in sizes[-1][2]:
            if not all(name in requests for _label, _server, requests in sizes):
                continue
            summaries = load.in_turn([(server, requests[name]) for _label, server, requests in sizes], ALONE_REQUESTS)
            labels = [label for label, _server, _requests in sizes]
            by_name[name] = dict(zip(labels, summaries, strict=True))
            print(f"{name} at each size, in turn: {by_name[name]}", flush=True)
    return by_name


def selected(measures, wanted):
    return {name: value for name, value in measures.items() if not wanted or name in wanted}


def measure_all(options, scale, smaller):
    env = bench_env(scale)
    prepare_database(env, scale, options.reseed)
    results = {"scale": stats.scale_label(scale)}
    floor_before = measure_floor(env, options)
    worker = None
    with gunicorn(env, "config.wsgi:application", options.port, options, "bench-web.log", "/accounts/login/") as web:
        setup_django(env)
        from bench.jobs import measure_jobs
        from bench.world import pick_subjects, read_pages

        subjects = pick_subjects()
        pages = selected(read_pages(subjects), options.page)
        results.update(measure_reads(web, pages, with_load=True))
        growth_pass = measure_growth(options, web, pages, smaller) if smaller else {}
        if not options.skip_writes:
            results.update(measure_writes(web, subjects, options.page))
        results["memory"] = {"web_mb": round(max(peak_rss_mb(pid) for pid in web.worker_pids()), 1)}
        # The floor once more, while the pages' measurements are fresh: the machine's speed drifts over minutes
        # (seen: a third within one run), so the ratios are against the mean of both passes.
        results["floor"] = stats.combined_floor([floor_before, measure_floor(env, options)])
        if not options.pages_only:
            # Started only now: its start-up is not the pages' business.
            worker = start(
                env,
                [str(BASE_DIR / ".venv/bin/celery"), "-A", "config", "worker", "--pool=solo",
                 "-Q", env["CELERY_QUEUE"], "--without-mingle", "--without-gossip", "-l", "warning"],
                "bench-worker.log",
            )  # fmt: skip
            try:
                load.wait_until_idle(lambda: [worker.pid], "the Celery worker")
                results.update(measure_jobs())
                results["memory"]["web_mb"] = round(max(peak_rss_mb(pid) for pid in web.worker_pids()), 1)
                results["memory"]["worker_mb"] = round(peak_rss_mb(worker.pid), 1)
            finally:
                stop(worker)
    return with_ratios(results, growth_pass)


def with_ratios(results, growth_pass):
    """Per measure: vs_floor, and its time alone at each size (from the pass in turn) with its growth."""
    floor = results["floor"]
    for name, row in report.measures(results).items():
        row["vs_floor"] = stats.vs_floor(row, floor)
        # One size only: its own pass alone is all there is to show.
        by_scale = growth_pass.get(name) or ({results["scale"]: row["alone"]} if "alone" in row else {})
        row["alone_by_scale"] = dict(sorted(by_scale.items(), key=lambda item: float(item[0])))
        row["growth"] = stats.growth({float(label): alone for label, alone in by_scale.items()})
    results["scales"] = sorted({results["scale"], *(label for row in growth_pass.values() for label in row)}, key=float)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reseed", action="store_true", help="drop and rebuild the benchmark database(s)")
    parser.add_argument("--pages-only", action="store_true", help="measure the pages; skip the jobs (quicker)")
    parser.add_argument("--skip-writes", action="store_true", help="measure no writes (the database stays as it is)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes (default 4)")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker (default 2)")
    parser.add_argument("--page", action="append", help="measure only this page or write (repeatable), e.g. home")
    parser.add_argument(
        "--port", type=int, default=PORT, help=f"the app's port; the floor's is the next (default {PORT})"
    )
    sizes = parser.add_mutually_exclusive_group()
    sizes.add_argument("--scale", type=float, help="one size only, a fraction of the full world, e.g. 0.1")
    sizes.add_argument(
        "--scales", default="0.1,1", help="sizes to compare; the largest is measured in full (default 0.1,1)"
    )
    sizes.add_argument("--pages-at", type=float, help=argparse.SUPPRESS)  # a smaller size, run by the main process
    options = parser.parse_args()
    (BASE_DIR / "var").mkdir(exist_ok=True)

    if options.pages_at:
        pages_file(options.pages_at).write_text(json.dumps(pages_at(options, options.pages_at), indent=2) + "\n")
        return
    try:
        scales = stats.parse_scales(str(options.scale) if options.scale else options.scales)
    except ValueError as error:
        parser.error(str(error))
    smaller = {}
    for scale in scales[:-1]:
        print(f"Scale {stats.scale_label(scale)}: the database and who reads it", flush=True)
        smaller[scale] = smaller_pages(scale, sys.argv[1:])
    print(f"Scale {stats.scale_label(scales[-1])}: the floor, every page and write, the jobs", flush=True)
    results = measure_all(options, scales[-1], smaller)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print("\n".join(report.table(results)))
    print(f"\nWritten to {RESULTS.relative_to(BASE_DIR)}")


def pages_file(scale):
    return BASE_DIR / "var" / f"bench-pages-{stats.scale_label(scale)}.json"


def smaller_pages(scale, argv):
    """Run this script for one smaller size in a process of its own (its own database and Django set-up)."""
    pages_file(scale).unlink(missing_ok=True)
    subprocess.run([PYTHON, __file__, *strip_sizes(argv), "--pages-at", str(scale)], cwd=BASE_DIR, check=True)
    return {name: tuple(page) for name, page in json.loads(pages_file(scale).read_text()).items()}


def strip_sizes(argv):
    """argv without --scale/--scales and their values (the main process decides the sizes)."""
    kept, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("--scale", "--scales"):
            skip = True
        elif not arg.startswith(("--scale=", "--scales=")):
            kept.append(arg)
    return kept


if __name__ == "__main__":
    main()
