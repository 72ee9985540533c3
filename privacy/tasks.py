"""Celery tasks for the AVG lifecycle: thin, idempotent."""

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from notifications.tasks import queue

from .retention import RETENTION_REMINDERS, old_signals_anonymise, reminders_claim, retention_list, unsent_reminders


@shared_task(autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, max_retries=3)
def retention_run():
    """Celery beat, daily: list newly due cases, claim this week's reminders and queue them, anonymise old
    signals. Twice in a day lists and reminds nothing twice (one review per case, one reminder per week)."""
    today = timezone.localdate()
    listed = retention_list(today)
    claimed = reminders_claim(today)
    pending = unsent_reminders(today)
    queue(RETENTION_REMINDERS, pending)
    return {"listed": listed, "claimed": claimed, "queued": len(pending), "signals": old_signals_anonymise(today)}
