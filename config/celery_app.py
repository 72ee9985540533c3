import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("veerkracht")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Every worker writes a heartbeat to the database for /health/ (ops/worker.py).
app.steps["worker"].add("ops.worker:HeartbeatStep")
