"""The one pair of delivery tasks: a batch of claims, and one claim retried on its own. Ids in, counts out."""

from celery import shared_task
from django.db import transaction

from .delivery import BATCH, TRANSIENT, deliver, deliver_each, outbox_named


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
