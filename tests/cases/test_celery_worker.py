"""End to end through a real Celery worker: Redis broker, PostgreSQL test database.

The rest of the suite runs tasks eagerly (tests/conftest.py); this one proves that
a separate worker process picks the task up from the broker and changes the same
database the test sees. Needs REDIS_URL and a PostgreSQL DATABASE_URL, as `make test`
sets them; deselect with `-m "not worker"` when they are not available.
"""

import os
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from celery.result import EagerResult
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from cases.models import AccessLogEntry, Case
from cases.tasks import prune_access_log
from config.celery_app import app as celery_app
from neighbourhoods.models import District, Municipality, Neighbourhood
from partners.models import Organisation

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


@pytest.fixture
def celery_worker(transactional_db, tmp_path):
    """A `celery -A config worker` subprocess on its own queue; yields (queue, process, log path)."""
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


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_worker_prunes_the_access_log(celery_worker):
    queue, worker, log_path = celery_worker
    municipality = Municipality.objects.create(code="GM0599", name="Rotterdam", year=2023)
    district = District.objects.create(code="WK059901", name="Stadsdriehoek", year=2023, municipality=municipality)
    neighbourhood = Neighbourhood.objects.create(code="BU05990110", name="Oude Westen", year=2023, district=district)
    organisation = Organisation.objects.create(name="Woonstad", kind="housing_corporation")
    user = get_user_model().objects.create_user(username="regisseur", password="x")
    case = Case.objects.create(
        title="Overlast portiek", neighbourhood=neighbourhood, lead_organisation=organisation, case_director=user
    )
    now = timezone.now()
    retention = timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)
    old = AccessLogEntry.objects.create(
        case=case, user=user, organisation=organisation, at=now - retention - timedelta(days=1)
    )
    recent = AccessLogEntry.objects.create(case=case, user=user, organisation=organisation, at=now - timedelta(days=1))

    result = prune_access_log.apply_async(queue=queue)
    assert not isinstance(result, EagerResult), "the task ran in the test process, not on the worker"
    deadline = time.monotonic() + RESULT_TIMEOUT
    while not result.ready():
        if worker.poll() is not None:
            pytest.fail(f"The worker exited with {worker.returncode}:\n{_output(log_path)}")
        if time.monotonic() > deadline:
            pytest.fail(f"No result within {RESULT_TIMEOUT} s; worker output:\n{_output(log_path)}")
        time.sleep(0.1)

    assert result.get(timeout=5) == 1
    result.forget()
    assert not AccessLogEntry.objects.filter(pk=old.pk).exists()
    assert AccessLogEntry.objects.filter(pk=recent.pk).exists()
