"""/health/ for the load balancer: 200 when database, cache, broker, a worker and beat are alive; 503
naming what is not; no login, no cookies, nothing about cases or where the services are."""

import contextlib
import datetime
import json
import socket

import pytest
import time_machine
from celery import current_app
from django.db import connection
from django.utils import timezone

from ops.heartbeats import WORKER_PREFIX, beat
from ops.models import Heartbeat
from tests.worker import running_worker, wait_until

pytestmark = pytest.mark.django_db


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when this returns: nothing listens there


@pytest.fixture
def alive():
    beat(f"{WORKER_PREFIX}celery@test")
    beat("delivery-sweep")


def health(client):
    response = client.get("/health/")
    return response.status_code, json.loads(response.content)


def test_all_alive_is_a_200_without_login_or_cookies(client, alive, cast):
    response = client.get("/health/")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok", "worker": "ok", "beat": "ok"},
    }
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"]
    content = response.content.decode()
    assert cast.case.title not in content and "redis" not in content and "postgres" not in content


def test_the_database_down_is_a_503(client, alive, settings):
    port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = closed_port()
    try:
        status, body = health(client)
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port
    assert status == 503
    assert body["checks"]["database"] == "unreachable" and body["checks"]["cache"] == "ok"


def test_the_cache_down_is_a_503(client, alive, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ForgivingRedisCache",  # as in production: pages forgive it, /health/ does not
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/1",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    status, body = health(client)
    assert status == 503
    assert body["checks"] == {
        "database": "ok",
        "cache": "unreachable",
        "broker": "ok",
        "worker": "ok",
        "beat": "ok",
    }


@pytest.fixture
def broker_down():
    url = current_app.conf.broker_url
    current_app.conf.broker_url = f"redis://127.0.0.1:{closed_port()}/0"
    yield
    current_app.conf.broker_url = url


def test_the_broker_down_is_a_503(client, alive, broker_down):
    status, body = health(client)
    assert status == 503
    assert body["checks"]["broker"] == "unreachable" and body["checks"]["database"] == "ok"


def test_no_worker_is_a_503(client, settings):
    beat("delivery-sweep")
    status, body = health(client)
    assert status == 503 and body["checks"]["worker"] == "no heartbeat yet"
    beat(f"{WORKER_PREFIX}celery@test")
    later = timezone.now() + datetime.timedelta(seconds=settings.HEALTH_WORKER_MAX_AGE + 5)
    with time_machine.travel(later, tick=False):
        beat("delivery-sweep")
        status, body = health(client)
    assert status == 503 and body["checks"]["worker"].startswith("no heartbeat for ")
    assert body["checks"]["beat"] == "ok"


def test_beat_that_stopped_sweeping_is_a_503(client, alive, settings):
    later = timezone.now() + datetime.timedelta(seconds=settings.HEALTH_SWEEP_MAX_AGE + 5)
    with time_machine.travel(later, tick=False):
        beat(f"{WORKER_PREFIX}celery@test")
        status, body = health(client)
    assert status == 503 and body["checks"]["beat"].startswith("no heartbeat for ")
    assert body["checks"]["worker"] == "ok"


def test_only_get(client, alive):
    assert client.post("/health/").status_code == 405


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_beats_and_logs_json_lines(tmp_path):
    workers = Heartbeat.objects.filter(name__startswith=WORKER_PREFIX)
    with running_worker(tmp_path, beat=True, env={"LOG_FORMAT": "json", "DELIVERY_SWEEP_SECONDS": "1"}) as (
        _queue,
        worker,
        log_path,
    ):
        wait_until(workers.exists, worker, log_path, what="worker heartbeat")
        wait_until(Heartbeat.objects.filter(name="delivery-sweep").exists, worker, log_path, what="beat's sweep")
    assert not workers.exists()  # a clean shutdown takes its heartbeat along
    lines = [line for line in log_path.read_text().splitlines() if line.strip()]
    records = []
    for line in lines:
        with contextlib.suppress(json.JSONDecodeError):
            records.append(json.loads(line))
    assert records and {"time", "level", "logger", "message"} <= set(records[0])
    # Everything from our code, Celery's worker and beat is JSON; only Celery's start-up banner is not.
    loggers = {r["logger"] for r in records}
    assert {"celery.beat", "celery.app.trace"} <= loggers, loggers
