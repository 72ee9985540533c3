"""Celery tasks for reminders: thin, idempotent, ids in and out."""

from celery import shared_task

from partners.delivery import TRANSIENT, deliver_each, queue_in_batches

from .reminders import reminder_deliver, reminders_claim, unsent_reminders


@shared_task
def send_reminders():
    """Celery beat: claim every due reminder, then queue delivery of the unsent claims in batches.

    Queuing an already-queued claim is harmless: delivery locks the claim and
    sends only what is not sent yet.
    """
    claimed = reminders_claim()
    pending = [reminder_id for reminder_id, _kind in unsent_reminders()]
    queue_in_batches(pending, deliver_reminders)
    return {"claimed": claimed, "queued": len(pending)}


@shared_task(ignore_result=True)
def deliver_reminders(reminder_ids):
    """Deliver a batch of claimed reminders; one that fails for a passing reason is retried on its own."""
    return deliver_each(reminder_ids, reminder_deliver, deliver_reminder)


@shared_task(autoretry_for=TRANSIENT, retry_backoff=2, retry_backoff_max=300, max_retries=8)
def deliver_reminder(reminder_id):
    """Deliver one claimed reminder (in-app and e-mail); retried on transient failures."""
    return reminder_deliver(reminder_id)
