"""A real Celery worker (optionally with an embedded beat) for integration tests.

The rest of the suite runs tasks eagerly (tests/conftest.py); tests using this
prove that a separate worker process picks tasks up from Redis and changes the
same PostgreSQL test database the test sees. `make test` provides both; without
them these tests fail with a clear message (deselect with -m "not worker").
"""

import contextlib
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.conf import settings
from django.db import connection

from config.celery_app import app as celery_app

BASE_DIR = Path(settings.BASE_DIR)
RESULT_TIMEOUT = 30


def _test_database_url():
    """DATABASE_URL for the database this test runs in (pytest-django's test_<name>)."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "127.0.0.1"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{quote(db['NAME'], safe='')}"


def _output(log_path):
    return log_path.read_text(errors="replace")[-3000:] if log_path.exists() else ""


@contextlib.contextmanager
def running_worker(tmp_path, *, beat=False, env=None):
    """A `celery -A config worker` subprocess on its own queue; yields (queue, process, log path).

    With beat=True the worker also runs Celery beat (the settings' schedule), and
    the queue becomes the default queue, so what beat sends reaches this worker.
    """
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        pytest.fail('This test needs Redis: set REDIS_URL (make test does), or deselect it with -m "not worker".')
    if connection.vendor != "postgresql":
        pytest.fail(
            "This test needs PostgreSQL, so that the worker shares the test database: "
            'set DATABASE_URL (make test does), or deselect it with -m "not worker".'
        )
    unreachable = None
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1)
    except Exception as exc:
        unreachable = exc
    if unreachable:
        pytest.fail(f"Redis at REDIS_URL={redis_url} is not reachable: {unreachable}")

    queue = f"test-worker-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": _test_database_url(),
        "REDIS_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "CONN_MAX_AGE": "0",
        "CELERY_QUEUE": queue,
        **(env or {}),
    }
    log_path = tmp_path / "worker.log"
    with log_path.open("wb") as log:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "--without-mingle",
                "--without-gossip",
                "--without-heartbeat",
                "-Q",
                queue,
                "-n",
                f"{queue}@%h",
                "-l",
                "info",
                *(["-B", "--schedule", str(tmp_path / "beat-schedule")] if beat else []),
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    was_eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        yield queue, worker, log_path
    finally:
        celery_app.conf.task_always_eager = was_eager
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        # The queue's list and kombu's binding sets would otherwise pile up, one per run.
        client = redis.Redis.from_url(redis_url)
        for key in client.scan_iter(match=f"*{queue}*"):
            client.delete(key)
        client.close()


def wait_until(predicate, worker, log_path, timeout=RESULT_TIMEOUT, what="the worker's result"):
    """Poll `predicate` until true; fail with the worker's log if it dies or time runs out."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if worker.poll() is not None:
            pytest.fail(f"The worker exited with {worker.returncode}:\n{_output(log_path)}")
        if time.monotonic() > deadline:
            pytest.fail(f"No {what} within {timeout} s; worker output:\n{_output(log_path)}")
        time.sleep(0.2)
