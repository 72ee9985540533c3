"""bench/load.py against a real HTTP server: the measured window, failures named, the floor app served."""

import contextlib
import http.server
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bench import load

ROOT = Path(__file__).resolve().parents[2]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as gunicorn
    seen = []  # (port, path) of every GET, in the order they came

    def do_GET(self):
        self.seen.append((self.server.server_address[1], self.path))
        status = 404 if self.path == "/missing" else 200
        if self.path == "/fresh-only":
            status = 200 if self.headers.get("Cache-Control") == "no-cache" else 412
        self._answer(status, b"ok")

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self._answer(302 if body.startswith(b"csrfmiddlewaretoken=") else 403, b"")

    def _answer(self, status, body):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    # The master is this process: its children are not the server, so the CPU read is zero.
    yield load.Server("127.0.0.1", httpd.server_address[1], master_pid=1 << 22)
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def server():
    with serving() as server:
        yield server


def test_in_turn_one_client_asks_each_server_once_a_round_and_measures_each_apart(server):
    with serving() as other:
        Handler.seen.clear()
        small, large = load.Request("/small", {}), load.Request("/large", {})

        summaries = load.in_turn([(server, small), (other, large)], 4, warm_up=1)

        assert Handler.seen == [(server.port, "/small"), (other.port, "/large")] * 5
        assert [summary["requests"] for summary in summaries] == [4, 4]
        assert all(summary["cpu_ms_per_request"] == 0.0 for summary in summaries)
        with pytest.raises(load.NotAsExpected, match="GET /missing: a response was not 200"):
            load.in_turn([(server, small), (other, load.Request("/missing", {}))], 2)


def test_only_the_requests_after_the_warm_up_are_measured(server):
    request = load.Request("/", {"sessionid": "x"})

    summary = load.run_clients(server, [[request] * 12 for _ in range(3)], warm_up=2)

    assert summary["requests"] == 30
    assert summary["req_per_s"] > 0
    assert summary["cpu_ms_per_request"] == 0.0
    assert summary["p50_ms"] <= summary["p95_ms"]


def test_a_response_other_than_expected_fails_the_measure_with_the_path(server):
    with pytest.raises(load.NotAsExpected, match="GET /missing: 5 responses were not 200"):
        load.run_clients(server, [[load.Request("/missing", {})] * 5], warm_up=0)


def test_a_post_that_saved_is_expected_to_redirect(server):
    saved = load.Request("/form", {}, method="POST", form="csrfmiddlewaretoken=t&body=x", expect=302)
    refused = load.Request("/form", {}, method="POST", form="body=x", expect=302)

    assert load.run_clients(server, [[saved] * 3], warm_up=1)["requests"] == 2
    with pytest.raises(load.NotAsExpected, match="POST /form: 1 responses were not 302"):
        load.run_clients(server, [[saved, refused]], warm_up=0)


def test_a_request_sends_its_own_headers(server):
    afresh = load.Request("/fresh-only", {}, headers=(("Cache-Control", "no-cache"),))

    assert load.run_clients(server, [[afresh] * 3], warm_up=1)["requests"] == 2
    with pytest.raises(load.NotAsExpected, match="GET /fresh-only: 2 responses were not 200"):
        load.run_clients(server, [[load.Request("/fresh-only", {})] * 2], warm_up=0)


def test_a_server_that_is_not_listening_fails_the_measure():
    gone = load.Server("127.0.0.1", 9, master_pid=1 << 22)  # the discard port: nothing listens there

    with pytest.raises(load.NotAsExpected, match="ConnectionRefusedError"):
        load.run_clients(gone, [[load.Request("/", {})] * 3, [load.Request("/", {})] * 3], warm_up=1)


def test_the_floor_is_one_view_of_bare_django_without_database_or_templates():
    script = (
        "import io, wsgiref.util, bench.floor as f\n"
        "env = {'PATH_INFO': '/', 'HTTP_HOST': '127.0.0.1', 'wsgi.input': io.BytesIO()}\n"
        "wsgiref.util.setup_testing_defaults(env)\n"
        "seen = []\n"
        "body = b''.join(f.application(env, lambda status, headers: seen.append(status)))\n"
        "from django.conf import settings\n"
        "engine = settings.DATABASES['default']['ENGINE']\n"
        "print(seen[0], body.decode().strip(), engine, settings.MIDDLEWARE, settings.TEMPLATES)\n"
    )
    env = {"PATH": "/usr/bin:/bin"}  # no DJANGO_SETTINGS_MODULE: the floor configures itself
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "200 OK Veerkracht bench floor django.db.backends.dummy [] []"
