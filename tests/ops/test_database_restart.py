"""A database that drops every connection (as a PostgreSQL restart does) costs no failed request once
it is back: a kept connection is checked before a request reuses it (CONN_HEALTH_CHECKS)."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.db import connection

from ops.heartbeats import WORKER_PREFIX, beat
from tests.worker import _test_database_url

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(tmp_path, **env):
    """The app under gunicorn (one worker, one thread: one kept connection) on the test database."""
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL: set DATABASE_URL (make test does).")
    port = _free_port()
    log = (tmp_path / "gunicorn.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": _test_database_url(), "CONN_MAX_AGE": "600", **env},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def drop_the_apps_connections():
    """What a restart does to every connection the app holds (ours, the test's, survives)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def requests_around_a_restart(base):
    beat(f"{WORKER_PREFIX}test")
    beat("delivery-sweep")
    before = [status(f"{base}/health/") for _ in range(3)]
    assert drop_the_apps_connections() >= 1  # the server's kept connection
    after = [status(f"{base}/health/") for _ in range(5)]
    return before, after


def test_no_failed_request_after_the_database_dropped_every_connection(tmp_path):
    with gunicorn(tmp_path) as base:
        before, after = requests_around_a_restart(base)
    assert before == [200] * 3
    assert after == [200] * 5


def test_without_the_check_the_first_request_after_it_fails(tmp_path):
    """The control: with CONN_HEALTH_CHECKS=0 the kept, broken connection is used once."""
    with gunicorn(tmp_path, CONN_HEALTH_CHECKS="0") as base:
        before, after = requests_around_a_restart(base)
    assert before == [200] * 3
    assert after[0] != 200 and after[1:] == [200] * 4
