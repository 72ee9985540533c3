"""A Celery worker's heartbeat in the database, so /health/ can tell that some worker is alive."""

import logging

from celery import bootsteps
from django.conf import settings
from django.db import connection

from .heartbeats import WORKER_PREFIX, beat
from .models import Heartbeat

logger = logging.getLogger(__name__)


class HeartbeatStep(bootsteps.StartStopStep):
    """Writes `worker:<hostname>` every WORKER_HEARTBEAT_SECONDS from the worker's own timer (not a task:
    a worker busy with a long queue still beats), and removes it on a clean shutdown."""

    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs):
        super().__init__(worker, **kwargs)
        self.name_in_db = f"{WORKER_PREFIX}{worker.hostname}"
        self.tref = None

    def start(self, worker):
        self._beat()
        self.tref = worker.timer.call_repeatedly(settings.WORKER_HEARTBEAT_SECONDS, self._beat)

    def stop(self, worker):
        if self.tref is not None:
            self.tref.cancel()
            self.tref = None
        try:
            Heartbeat.objects.filter(name=self.name_in_db).delete()
        except Exception:  # shutting down anyway; /health/ sees the heartbeat age instead
            logger.warning("could not remove heartbeat %s", self.name_in_db)

    def _beat(self):
        try:
            # The timer outlives requests: drop a connection a database restart broke.
            connection.close_if_unusable_or_obsolete()
            beat(self.name_in_db)
        except Exception as error:
            connection.close()
            logger.warning("worker heartbeat not written: %s", error)
