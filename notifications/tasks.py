"""The one pair of delivery tasks (a batch of claims, one claim retried on its own) and the sweep
that queues again what a lost task left unsent. Ids in, counts out."""

import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ops.heartbeats import beat

from .delivery import BATCH, TRANSIENT, deliver, deliver_each, outbox_named, outboxes, unsent

logger = logging.getLogger(__name__)

SWEEP = "delivery-sweep"


def queue(outbox, claim_ids):
    """Once the claims are committed, queue a delivery task for every BATCH of them."""
    for start in range(0, len(claim_ids), BATCH):
        batch = list(claim_ids[start : start + BATCH])
        transaction.on_commit(lambda batch=batch: deliver_claims.delay(outbox.name, batch))


@shared_task(ignore_result=True)
def deliver_claims(outbox_name, claim_ids):
    """Deliver a batch of claims of one outbox; one that fails for a passing reason is retried on its own."""
    return deliver_each(outbox_named(outbox_name), claim_ids, deliver_claim)


@shared_task(autoretry_for=TRANSIENT, retry_backoff=2, retry_backoff_max=300, max_retries=8)
def deliver_claim(outbox_name, claim_id):
    """Deliver one claim (in-app and e-mail); retried on transient failures."""
    return deliver(outbox_named(outbox_name), claim_id)


def sweep_unsent():
    """Queue again every claim of every outbox that is unsent a sweep after it was claimed (and that nobody
    is sending now); returns how many per outbox.

    A task can be lost: a worker killed mid-batch (its message comes back only after the
    broker's visibility timeout), a Redis restart that drops the queue, a delivery that
    died between its e-mail and its commit. The job that claimed a claim queued it
    itself, so one sweep's grace keeps this from doubling fresh work; after that, a
    claim waits at most one more sweep. Queuing a claim twice is harmless: delivery
    locks the claim and sends only what is not sent yet.
    """
    older_than = timezone.now() - datetime.timedelta(seconds=settings.DELIVERY_SWEEP_SECONDS)
    queued = {}
    for outbox in outboxes():
        pending = unsent(outbox, older_than)
        if pending:
            queue(outbox, pending)
            queued[outbox.name] = len(pending)
    if queued:
        logger.warning("delivery sweep queued unsent claims again: %s", queued)
    return queued


@shared_task
def sweep_deliveries():
    """Celery beat, every DELIVERY_SWEEP_SECONDS: `sweep_unsent`, and the beat's heartbeat for /health/."""
    queued = sweep_unsent()
    beat(SWEEP)
    return queued
