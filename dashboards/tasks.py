"""Celery tasks for early warnings and the weekly summary: thin, idempotent, ids in and out."""

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from partners.delivery import TRANSIENT, deliver_each, queue_in_batches

from .alerts import alert_notification_deliver, alerts_claim, alerts_detect, unsent_alert_notifications
from .weekly import unsent_summaries, week_before, weekly_claim, weekly_deliver


@shared_task(autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, max_retries=3)
def detect_alerts():
    """Celery beat, daily: raise and clear alerts, claim their notifications, queue delivery of unsent claims.

    Running it twice raises nothing twice: the database allows one active
    alert per neighbourhood and address, and one claim per alert and recipient.
    """
    result = alerts_detect()
    result["claimed"] = alerts_claim()
    pending = unsent_alert_notifications()
    queue_in_batches(pending, deliver_alert_notifications)
    result["queued"] = len(pending)
    return result


@shared_task(ignore_result=True)
def deliver_alert_notifications(claim_ids):
    """Deliver a batch of claimed alert notifications; a transient failure is retried on its own."""
    return deliver_each(claim_ids, alert_notification_deliver, deliver_alert_notification)


@shared_task(autoretry_for=TRANSIENT, retry_backoff=2, retry_backoff_max=300, max_retries=8)
def deliver_alert_notification(claim_id):
    """Deliver one claimed alert notification (in-app and e-mail); retried on transient failures."""
    return alert_notification_deliver(claim_id)


@shared_task(autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, max_retries=3)
def send_weekly_summary():
    """Celery beat, Monday morning: claim last week's summary for every recipient, queue delivery of each."""
    week_start = week_before(timezone.localdate())
    claimed = weekly_claim(week_start)
    pending = unsent_summaries(week_start)
    queue_in_batches(pending, deliver_weekly_summaries)
    return {"week_start": week_start.isoformat(), "claimed": claimed, "queued": len(pending)}


@shared_task(ignore_result=True)
def deliver_weekly_summaries(claim_ids):
    """Deliver a batch of claimed weekly summaries; a transient failure is retried on its own."""
    return deliver_each(claim_ids, weekly_deliver, deliver_weekly_summary)


@shared_task(autoretry_for=TRANSIENT, retry_backoff=2, retry_backoff_max=300, max_retries=8)
def deliver_weekly_summary(claim_id):
    """Deliver one claimed weekly summary (in-app and e-mail); retried on transient failures."""
    return weekly_deliver(claim_id)
