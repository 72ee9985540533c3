"""Celery tasks for reminders: thin, idempotent, ids in and out."""

from smtplib import SMTPException

from celery import shared_task
from django.db import InterfaceError, OperationalError, transaction

from .reminders import reminder_deliver, reminders_claim, unsent_reminders

TRANSIENT = (SMTPException, ConnectionError, TimeoutError, OperationalError, InterfaceError)


@shared_task
def send_reminders():
    """Celery beat: claim every due reminder, then queue delivery of each unsent claim.

    Queuing an already-queued claim is harmless: delivery locks the claim and
    sends only what is not sent yet.
    """
    claimed = reminders_claim()
    pending = unsent_reminders()
    for reminder_id, _kind in pending:
        transaction.on_commit(lambda reminder_id=reminder_id: deliver_reminder.delay(reminder_id))
    return {"claimed": claimed, "queued": len(pending)}


@shared_task(autoretry_for=TRANSIENT, retry_backoff=2, retry_backoff_max=300, max_retries=8)
def deliver_reminder(reminder_id):
    """Deliver one claimed reminder (in-app and e-mail); retried on transient failures."""
    return reminder_deliver(reminder_id)
