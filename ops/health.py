"""What /health/ checks, each answering ok or the reason it is not, quickly and without secrets.

The database, the cache (Redis when configured), the Celery broker, a worker's heartbeat and the
age of beat's last delivery sweep. Reasons name the failing part only ("unreachable",
"no heartbeat for 400 s"), never a host, a password or anything about cases.
"""

import logging
import uuid

from celery import current_app
from django.conf import settings
from django.core.cache import caches
from django.db import connection

from .heartbeats import WORKER_PREFIX, age_of

logger = logging.getLogger(__name__)

SWEEP = "delivery-sweep"  # notifications.tasks.SWEEP: written by beat's delivery sweep


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    """A real round trip. The Redis cache forgives an unreachable server (core/cache.py), so ask its client."""
    cache = caches["default"]
    client = getattr(cache, "_cache", None)
    if client is not None and hasattr(client, "get_client"):
        client.get_client(write=True).ping()
        return
    key, value = f"health:{uuid.uuid4().hex}", "ok"
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise RuntimeError("cache did not keep a value")
    cache.delete(key)


def check_broker():
    # The project's app (config/celery_app.py, loaded with the settings), without importing config.
    with current_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
        conn.default_channel  # noqa: B018 - opening a channel is the round trip


def _fresh(name, max_age, *, prefix=False):
    age = age_of(name, prefix=prefix)
    if age is None:
        raise RuntimeError("no heartbeat yet")
    if age > max_age:
        raise RuntimeError(f"no heartbeat for {int(age)} s")


def check_worker():
    _fresh(WORKER_PREFIX, settings.HEALTH_WORKER_MAX_AGE, prefix=True)


def check_beat():
    _fresh(SWEEP, settings.HEALTH_SWEEP_MAX_AGE)


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
    "worker": check_worker,
    "beat": check_beat,
}


def run_checks():
    """{name: "ok" or the reason}, and whether all are ok. A check that needs the database fails with it."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as error:
            logger.warning("health check %s failed: %s", name, error)
            results[name] = _reason(error)
    return results, all(value == "ok" for value in results.values())


def _reason(error):
    if isinstance(error, RuntimeError):
        return str(error)
    return "unreachable"
