"""Celery tasks for early warnings and the weekly summary: thin, idempotent, ids in and out."""

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from notifications.tasks import queue

from .alerts import ALERTS, alerts_claim, alerts_detect, unsent_alert_notifications
from .weekly import WEEKLY_SUMMARIES, unsent_summaries, week_before, weekly_claim


@shared_task(autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, max_retries=3)
def detect_alerts():
    """Celery beat, daily: raise and clear alerts, claim their notifications, queue delivery of unsent claims.

    Running it twice raises nothing twice: the database allows one active
    alert per neighbourhood and address, and one claim per alert and recipient.
    """
    result = alerts_detect()
    result["claimed"] = alerts_claim()
    pending = unsent_alert_notifications()
    queue(ALERTS, pending)
    result["queued"] = len(pending)
    return result


@shared_task(autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, max_retries=3)
def send_weekly_summary():
    """Celery beat, Monday morning: claim last week's summary for every recipient, queue delivery of each."""
    week_start = week_before(timezone.localdate())
    claimed = weekly_claim(week_start)
    pending = unsent_summaries(week_start)
    queue(WEEKLY_SUMMARIES, pending)
    return {"week_start": week_start.isoformat(), "claimed": claimed, "queued": len(pending)}
