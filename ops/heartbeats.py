"""Writing and reading heartbeats (ops.models.Heartbeat)."""

from django.utils import timezone

from .models import Heartbeat

WORKER_PREFIX = "worker:"


def beat(name):
    """Record that `name` is alive now (one row per name, overwritten)."""
    Heartbeat.objects.update_or_create(name=name, defaults={"at": timezone.now()})


def age_of(name_or_prefix, *, prefix=False):
    """Seconds since the latest heartbeat of `name` (or of any name starting with it); None if never."""
    rows = (
        Heartbeat.objects.filter(name__startswith=name_or_prefix)
        if prefix
        else Heartbeat.objects.filter(name=name_or_prefix)
    )
    latest = rows.order_by("-at").values_list("at", flat=True).first()
    return None if latest is None else (timezone.now() - latest).total_seconds()
