"""Delivering a claimed notification exactly once: reminders, early warnings, weekly summaries.

Each job first claims what it will send (a row per recipient and subject, kept
unique by the database), then delivers every unsent claim through
`deliver_claim`: in the job's own process, or in Celery tasks of BATCH claims
each (a task per claim spent half its time on the task itself). A claim that
fails for a passing reason (the mail server, the database) moves on to a task
of its own that retries it.
"""

import logging
from smtplib import SMTPException

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone, translation

from .models import Notification, wants_email

logger = logging.getLogger(__name__)

TRANSIENT = (SMTPException, ConnectionError, TimeoutError, OperationalError, InterfaceError)
BATCH = 50


def queue_in_batches(claim_ids, batch_task):
    """Once the claims are committed, queue `batch_task(ids)` for every BATCH of them."""
    for start in range(0, len(claim_ids), BATCH):
        batch = list(claim_ids[start : start + BATCH])
        transaction.on_commit(lambda batch=batch: batch_task.delay(batch))


def deliver_each(claim_ids, deliver, retry_task):
    """Deliver claims one after another, each in its own transaction; returns how many went out now.

    A transient failure rolls back that claim alone and hands it to
    `retry_task(claim_id)`, which retries with back-off. Any other failure is
    logged and leaves the claim unsent, for the job's next run; the rest go on.
    """
    delivered = 0
    for claim_id in claim_ids:
        try:
            delivered += bool(deliver(claim_id))
        except TRANSIENT:
            retry_task.delay(claim_id)
        except Exception:
            logger.exception("delivery of claim %s failed; it stays unsent for the next run", claim_id)
    return delivered


def deliver_claim(claims, claim_id, *, still_wanted, compose):
    """Deliver one claim: an in-app notification, and the e-mail if the recipient wants it.

    - `claims`: the claim model's rows, with whatever `compose` reads selected;
    - `still_wanted(claim)`: False skips the claim for good (say the recipient's
      access or role ended since it was claimed);
    - `compose(claim)`: (kind, message, url, send_email), send_email() sending the e-mail.

    Returns True if delivered now, False if it was delivered or skipped before,
    or is skipped now. The claim row stays locked for the whole delivery, so two
    workers never deliver it twice; a failing e-mail backend raises and rolls
    everything back, and a retry then delivers once. Texts are in the interface
    language.
    """
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        claim = claims.select_for_update(of=("self",)).get(pk=claim_id)
        if claim.sent_at is not None:
            return False
        claim.sent_at = timezone.now()
        if not still_wanted(claim):
            claim.skipped = True
            claim.save(update_fields=["sent_at", "skipped"])
            return False
        kind, message, url, send_email = compose(claim)
        user = claim.recipient
        Notification.objects.create(user=user, kind=kind, message=message[:300], url=url)
        if user.email and wants_email(user, kind):
            send_email()
            claim.emailed = True
        claim.save(update_fields=["sent_at", "emailed"])
        return True
