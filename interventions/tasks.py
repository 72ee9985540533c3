"""Celery tasks for reminders: thin, idempotent, ids in and out."""

from celery import shared_task

from notifications.tasks import queue

from .reminders import REMINDERS, reminders_claim, unsent_reminders


@shared_task
def send_reminders():
    """Celery beat: claim every due reminder, then queue delivery of the unsent claims in batches.

    Queuing an already-queued claim is harmless: delivery locks the claim and
    sends only what is not sent yet.
    """
    claimed = reminders_claim()
    pending = [reminder_id for reminder_id, _kind in unsent_reminders()]
    queue(REMINDERS, pending)
    return {"claimed": claimed, "queued": len(pending)}
