"""Delivering claimed notifications exactly once: reminders, early warnings, weekly summaries, anything.

A feature decides what to send to whom and *claims* it: a row of a Claim
model (notifications/models.py) whose unique constraint makes a second claim
of the same thing a no-op (`claim`). It registers an `Outbox` for that model,
saying whether a claim is still wanted when it is sent and what it says.
Everything after that is here, once: `deliver` locks the claim, checks again,
writes the in-app notification and sends the e-mail, and marks the claim sent;
`queue` (notifications/tasks.py) hands unsent claims to Celery in tasks of BATCH claims (a task per
claim spent half its time on the task itself). A claim that fails for a
passing reason (the mail server, the database) moves on to a task of its own
that retries it.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from smtplib import SMTPException

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone, translation

from .email import Email, notification_email, send_email
from .models import Notification, wants_email
from .texts import NOTIFICATIONS

logger = logging.getLogger(__name__)

TRANSIENT = (SMTPException, ConnectionError, TimeoutError, OperationalError, InterfaceError)
BATCH = 50


@dataclass(frozen=True)
class Message:
    """What a claim says: in-app (kind, a registered text's code and data, link), and by e-mail
    (the standard one unless `email` is given).

    The in-app notification keeps the code and data, so each reader sees it in
    their language; the e-mail is written when it is sent.
    """

    kind: str
    code: str
    data: dict
    url: str
    email: Email | None = None

    @property
    def text(self):
        """The text in the active language (strict: a wrong code or missing data raises)."""
        return NOTIFICATIONS.render(self.code, self.data)


@dataclass(frozen=True)
class Outbox:
    """A kind of claim and how to send it.

    - `claims()`: the claim model's rows, with whatever `compose` reads selected;
    - `still_wanted(claim)`: False skips the claim for good (say the recipient's
      access or role ended since it was claimed);
    - `compose(claim)`: the Message (its e-mail in the active language);
    - `emailed(claim)`, optional: called once the e-mail went out, in the same
      transaction (say, to write that case content left the platform by e-mail).
    """

    name: str
    claims: Callable
    still_wanted: Callable
    compose: Callable
    emailed: Callable | None = None


_outboxes = {}


def register(outbox):
    """Make an outbox known to the delivery tasks by its name (apps do this when they load)."""
    _outboxes[outbox.name] = outbox
    return outbox


def outbox_named(name):
    return _outboxes[name]


def claim(model, candidates):
    """Insert the claims not made before (the unique constraint decides); returns how many are new."""
    before = model.objects.count()
    model.objects.bulk_create(candidates, ignore_conflicts=True, batch_size=1000)
    return model.objects.count() - before


def deliver(outbox, claim_id):
    """Deliver one claim: an in-app notification, and the e-mail if the recipient wants it.

    Returns True if delivered now, False if it was delivered or skipped before,
    or is skipped now. The claim row stays locked for the whole delivery, so two
    workers never deliver it twice; a failing e-mail backend raises and rolls
    everything back, and a retry then delivers once. The e-mail is in the
    interface language; the in-app notification in each reader's own.
    """
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        row = outbox.claims().select_for_update(of=("self",)).get(pk=claim_id)
        if row.sent_at is not None:
            return False
        row.sent_at = timezone.now()
        if not outbox.still_wanted(row):
            row.skipped = True
            row.save(update_fields=["sent_at", "skipped"])
            return False
        message = outbox.compose(row)
        text = message.text  # rendered before anything is written: a wrong code fails the delivery, not the bell
        user = row.recipient
        Notification.objects.create(user=user, kind=message.kind, code=message.code, data=message.data, url=message.url)
        if user.email and wants_email(user, message.kind):
            send_email(user, message.email or notification_email(message.kind, text, message.url))
            row.emailed = True
            if outbox.emailed:
                outbox.emailed(row)
        row.save(update_fields=["sent_at", "emailed"])
        return True


def deliver_now(outbox, claim_ids):
    """Deliver claims in this process, one transaction each; returns how many went out now."""
    return sum(deliver(outbox, claim_id) for claim_id in claim_ids)


def deliver_each(outbox, claim_ids, retry_task):
    """Deliver claims one after another, each in its own transaction; returns how many went out now.

    A transient failure rolls back that claim alone and hands it to
    `retry_task(outbox name, claim id)`, which retries with back-off. Any other
    failure is logged and leaves the claim unsent, for the job's next run; the
    rest go on.
    """
    delivered = 0
    for claim_id in claim_ids:
        try:
            delivered += bool(deliver(outbox, claim_id))
        except TRANSIENT:
            retry_task.delay(outbox.name, claim_id)
        except Exception:
            logger.exception("delivery of %s claim %s failed; it stays unsent for the next run", outbox.name, claim_id)
    return delivered
