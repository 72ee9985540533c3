"""Where a page's time goes: each benchmark page and the API list under pyinstrument, in this process.

    .venv/bin/python bench/profile_pages.py                 # the full world (make bench seeds it)
    .venv/bin/python bench/profile_pages.py --scale 0.01    # a small one, to try it
    .venv/bin/python bench/profile_pages.py --afresh        # rendered anew, not the reader's kept page

Calls the app's WSGI application (config.wsgi) directly with a browser's request — the same
middleware, views and templates gunicorn serves, nothing added to the app — after a few warm-up
requests, then profiles `--requests` more. Prints per page the time per request;
its shares in the database driver (queries and their rows), the ORM, template rendering, DRF
serialization, middleware and the rest; and the heaviest frames. Writes pyinstrument's own text
and HTML views to var/profile/.
"""

import argparse
import io
import sys
from collections import Counter
from pathlib import Path
from wsgiref.util import setup_testing_defaults

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path[0] = str(BASE_DIR)  # not bench/: its module names are not top-level ones

from bench import stats  # noqa: E402 - needs BASE_DIR on the path

OUT = BASE_DIR / "var" / "profile"

# A frame's own time goes to the innermost frame on its stack that has a category: a query that a
# template triggers counts as ORM, the template's own work as templates. Django's _get_response is
# where middleware hands over to the view, so everything under it that has no other category is "view".
CATEGORIES = (
    ("database", ("/psycopg/", "/psycopg_binary/")),  # sending queries, waiting for PostgreSQL, reading rows
    ("orm", ("/django/db/",)),
    ("templates", ("/django/template/", "/jinja2/", "/django/forms/renderers.py", "/django/forms/boundfield.py")),
    ("serialization", ("/rest_framework/serializers.py", "/rest_framework/fields.py", "/rest_framework/relations.py",
                       "/rest_framework/renderers.py", "/rest_framework/utils/serializer_helpers.py", "/json/")),
    ("middleware", ("middleware", "/core/csp.py", "/core/sessions.py", "/django/contrib/sessions/",
                    "/django/contrib/auth/", "/django_otp/", "/axes/", "/django_htmx/", "/whitenoise/")),
)  # fmt: skip
SHARES = ("database", "orm", "templates", "serialization", "middleware", "view", "other")


def category(function, file_path):
    """The category of one frame (see CATEGORIES), or None if it has none of its own."""
    path = (file_path or "").replace("\\", "/")
    if path.endswith("/django/core/handlers/base.py") and function == "_get_response":
        return "view"
    if path.endswith((".html", ".jinja", ".txt")) and "/templates/" in path:
        return "templates"  # compiled Jinja2 templates run as code from their template file
    for name, markers in CATEGORIES:
        if any(marker in path for marker in markers):
            return name
    return None


def breakdown(root):
    """{share: seconds} of a pyinstrument frame tree, each frame's own time in its innermost category."""
    totals = Counter()
    stack = [(root, "other")]
    while stack:
        frame, inherited = stack.pop()
        own = category(frame.function, frame.file_path) or inherited
        totals[own] += frame.total_self_time
        stack.extend((child, own) for child in frame.children if not child.is_synthetic)
    return {share: totals.get(share, 0.0) for share in SHARES}


def heaviest(root, limit=8):
    """The frames with the most time of their own, summed where one function shows up on several stacks."""
    own = Counter()
    stack = [root]
    while stack:
        frame = stack.pop()
        if frame.file_path:
            short = frame.file_path.split("site-packages/")[-1].replace(str(BASE_DIR) + "/", "")
            own[f"{frame.function} ({short}:{frame.line_no})"] += frame.total_self_time
        stack.extend(child for child in frame.children if not child.is_synthetic)
    return own.most_common(limit)


def ours(root, limit=8):
    """The project's own functions by the time spent in and under them (the outermost call of each)."""
    inclusive = Counter()
    stack = [(root, frozenset())]
    while stack:
        frame, seen = stack.pop()
        path = frame.file_path or ""
        key = None
        # Middleware's __call__ only wraps the rest; the views and what they call are the interesting part.
        project = path.startswith(str(BASE_DIR)) and "/.venv/" not in path and "/bench/" not in path
        if project and frame.function != "__call__":
            key = f"{frame.function} ({path.replace(str(BASE_DIR) + '/', '')}:{frame.line_no})"
            if key not in seen:
                inclusive[key] += frame.time
        stack.extend((child, seen | {key} if key else seen) for child in frame.children if not child.is_synthetic)
    return inclusive.most_common(limit)


# Calls that the known candidates (issue 17) are about: counts over every visible row, pagination,
# serializing list rows, rendering templates and JSON, and building model instances.
NOTABLE = {"count", "paginate_queryset", "to_representation", "render", "_fetch_all", "from_db"}


def notable(root, limit=10):
    """{Class.function: seconds} for NOTABLE calls, each counted at its outermost occurrence on a stack.

    Every render (template nodes, widgets, DRF's Response) counts once, as "render", at the outermost.
    """
    inclusive = Counter()
    stack = [(root, frozenset())]
    while stack:
        frame, seen = stack.pop()
        key = None
        if frame.function in NOTABLE:
            key = f"{frame.class_name}.{frame.function}" if frame.class_name else frame.function
            key = "render" if frame.function == "render" else key
            if key not in seen:
                inclusive[key] += frame.time
        stack.extend((child, seen | {key} if key else seen) for child in frame.children if not child.is_synthetic)
    return inclusive.most_common(limit)


def environ_for(path, cookies, afresh=False):
    path_info, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "HTTP_HOST": "127.0.0.1",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8099",
        "HTTP_ACCEPT_LANGUAGE": "nl",
        "HTTP_COOKIE": "; ".join(f"{name}={value}" for name, value in cookies.items()),
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(),
    }
    if afresh:  # as bench/run.py's `_afresh` measures ask: the page rendered anew, not the reader's kept copy
        environ["HTTP_CACHE_CONTROL"] = "no-cache"
    setup_testing_defaults(environ)
    return environ


def call(application, path, cookies, afresh=False):
    statuses = []
    environ = environ_for(path, cookies, afresh)
    body = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
    b"".join(body)
    if hasattr(body, "close"):
        body.close()
    if not statuses[0].startswith("200"):
        raise SystemExit(f"GET {path} answered {statuses[0]}")


def profile_page(application, name, path, cookies, requests, interval, afresh=False):
    from pyinstrument import Profiler
    from pyinstrument.renderers import HTMLRenderer

    for _ in range(5):
        call(application, path, cookies, afresh)
    profiler = Profiler(interval=interval)
    profiler.start()
    for _ in range(requests):
        call(application, path, cookies, afresh)
    profiler.stop()
    session = profiler.last_session
    root = session.root_frame()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}.txt").write_text(profiler.output_text(unicode=True, show_all=False))
    (OUT / f"{name}.html").write_text(HTMLRenderer().render(session))
    shares = breakdown(root)
    total = sum(shares.values()) or 1.0
    lines = [
        f"{name}  {path}: {session.duration * 1000 / requests:.1f} ms a request "
        f"({session.cpu_time * 1000 / requests:.1f} ms CPU, this process)",
        "  " + ", ".join(f"{share} {shares[share] / total:.0%}" for share in SHARES),
        "  heaviest own time: "
        + "; ".join(f"{label} {seconds * 1000 / requests:.1f} ms" for label, seconds in heaviest(root)),
        "  notable calls, inclusive: "
        + "; ".join(f"{label} {seconds * 1000 / requests:.1f} ms" for label, seconds in notable(root)),
        "  project code, inclusive: "
        + "; ".join(f"{label} {seconds * 1000 / requests:.1f} ms" for label, seconds in ours(root)),
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="which benchmark world (default 1: the full one)")
    parser.add_argument("--requests", type=int, default=10, help="requests profiled per page (default 10)")
    parser.add_argument("--interval", type=float, default=0.0005, help="pyinstrument's sampling interval in s")
    parser.add_argument("--page", action="append", help="profile only this page (repeatable), e.g. home")
    parser.add_argument("--afresh", action="store_true", help="each page rendered anew (Cache-Control: no-cache)")
    options = parser.parse_args()
    from bench.run import bench_env, prepare_database, setup_django

    env = bench_env(options.scale)
    prepare_database(env, options.scale, reseed=False)
    setup_django(env)
    from bench.world import pick_subjects, read_pages
    from config.wsgi import application

    pages = read_pages(pick_subjects())
    print(f"Profiling at scale {stats.scale_label(options.scale)}, {options.requests} requests a page", flush=True)
    for name, (path, cookies) in pages.items():
        if not options.page or name in options.page:
            label = stats.afresh(name) if options.afresh else name
            print(
                profile_page(application, label, path, cookies, options.requests, options.interval, options.afresh),
                flush=True,
            )
    print(f"\npyinstrument's views: {OUT.relative_to(BASE_DIR)}/<page>.txt and .html")


if __name__ == "__main__":
    main()
