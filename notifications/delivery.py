"""Delivering claimed notifications: reminders, early warnings, weekly summaries, anything.

The guarantee: every claim's in-app notification exactly once, its e-mail at
least once — normally once; twice, with the same Message-ID, only when a
delivery dies after the e-mail left and before that was committed (`deliver`).

A feature decides what to send to whom and *claims* it: a row of a Claim
model (notifications/models.py) whose unique constraint makes a second claim
of the same thing a no-op (`claim`). It registers an `Outbox` for that model,
saying whether a claim is still wanted when it is sent and what it says.
Everything after that is here, once: `deliver` locks the claim, checks again,
commits the in-app notification with the claim marked "sending", sends the
e-mail, and commits the claim sent;
`queue` (notifications/tasks.py) hands unsent claims to Celery in tasks of BATCH claims (a task per
claim spent half its time on the task itself). A claim that fails for a
passing reason (the mail server, the database) moves on to a task of its own
that retries it.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass
from smtplib import SMTPException
from urllib.parse import urlsplit

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone, translation

from .email import Email, notification_email, send_email
from .models import Notification, Sending, wants_email
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


def message_id(outbox, row):
    """The e-mail's Message-ID, the same every time this claim is sent: a resend after a crash is
    recognisable as the same message (mail clients fold it), and no two claims share one."""
    domain = urlsplit(settings.SITE_URL).hostname or "veerkracht.local"
    return f"<{outbox.name}.{row.pk}.{int(row.claimed_at.timestamp())}@{domain}>"


def deliver(outbox, claim_id):
    """Deliver one claim: the in-app notification exactly once, the e-mail (if wanted) at least once.

    Two commits, the e-mail between them:
    1. under the claim's row lock: check again; write the in-app notification and a
       Sending row ("sending", leased for DELIVERY_LEASE_SECONDS) — or, without an
       e-mail, mark the claim sent at once;
    2. send the e-mail, with a Message-ID derived from the claim;
    3. under the lock again: mark the claim sent ("delivered") and drop the Sending row.
    A crash between 2 and 3 leaves the Sending row: when its lease runs out, the
    sweep (`sweep_unsent`) queues the claim again and the e-mail goes out once more
    with the same Message-ID; the in-app notification is never written twice. A
    failing mail server releases the lease and raises, so a retry sends it.

    Returns True if delivered now, False if it was delivered or skipped before, is
    skipped now, or is being sent by another delivery. The e-mail is in the interface
    language; the in-app notification in each reader's own.
    """
    with translation.override(settings.LANGUAGE_CODE):
        prepared = _prepare(outbox, claim_id)
        if prepared is None or prepared is True:
            return bool(prepared)
        user, email, sending = prepared
        try:
            send_email(user, email, message_id=sending.message_id)
        except BaseException:
            # Not sent (as far as we know): let the next attempt have it at once.
            Sending.objects.filter(pk=sending.pk).update(lease_until=timezone.now())
            raise
        return _mark_delivered(outbox, claim_id, sending)


def _prepare(outbox, claim_id):
    """Commit 1: None (nothing to do), True (delivered in-app only), or (user, Email, Sending) to send."""
    now = timezone.now()
    with transaction.atomic():
        row = outbox.claims().select_for_update(of=("self",)).get(pk=claim_id)
        if row.sent_at is not None:
            return None
        sending = Sending.objects.filter(outbox=outbox.name, claim_id=row.pk).first()
        if sending is not None and sending.lease_until > now:
            return None  # another delivery is sending this e-mail right now
        if not outbox.still_wanted(row):
            # Also after a crash: never e-mail someone whose access or role ended since.
            row.sent_at, row.skipped = now, sending is None
            row.save(update_fields=["sent_at", "skipped"])
            if sending is not None:
                sending.delete()
            return None
        message = outbox.compose(row)
        text = message.text  # rendered before anything is written: a wrong code fails the delivery, not the bell
        user = row.recipient
        if sending is None:
            Notification.objects.create(
                user=user, kind=message.kind, code=message.code, data=message.data, url=message.url
            )
            if not (user.email and wants_email(user, message.kind)):
                row.sent_at = now
                row.save(update_fields=["sent_at"])
                return True
            sending = Sending.objects.create(
                outbox=outbox.name, claim_id=row.pk, message_id=message_id(outbox, row), lease_until=_lease(now)
            )
        else:
            sending.lease_until, sending.attempts = _lease(now), sending.attempts + 1
            sending.save(update_fields=["lease_until", "attempts"])
            logger.warning(
                "claim %s of %s: e-mail %s sent again (attempt %s) after a delivery died before it was marked sent",
                row.pk,
                outbox.name,
                sending.message_id,
                sending.attempts,
            )
        return user, message.email or notification_email(message.kind, text, message.url), sending


def _mark_delivered(outbox, claim_id, sending):
    """Commit 2: the e-mail went out; the claim is sent and its Sending row goes."""
    with transaction.atomic():
        row = outbox.claims().select_for_update(of=("self",)).get(pk=claim_id)
        if row.sent_at is not None:
            return False  # a delivery that took over after our lease ran out finished first
        row.sent_at, row.emailed = timezone.now(), True
        if outbox.emailed:
            outbox.emailed(row)
        row.save(update_fields=["sent_at", "emailed"])
        Sending.objects.filter(pk=sending.pk).delete()
        return True


def _lease(now):
    return now + datetime.timedelta(seconds=settings.DELIVERY_LEASE_SECONDS)


def unsent(outbox, older_than):
    """Ids of this outbox's claims not yet sent, claimed before `older_than`, that nobody is sending now."""
    busy = Sending.objects.filter(outbox=outbox.name, lease_until__gt=timezone.now()).values("claim_id")
    return list(
        outbox.claims()
        .filter(sent_at__isnull=True, claimed_at__lt=older_than)
        .exclude(pk__in=busy)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def outboxes():
    return list(_outboxes.values())


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
