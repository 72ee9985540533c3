"""A delivery that dies between its e-mail and its commit: the in-app notification exactly once, the
e-mail at most once more with the same Message-ID, and nothing missing after the next sweep."""

import datetime
import email
import time

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from interventions.models import ReminderSent
from interventions.reminders import reminders_claim, unsent_reminders
from notifications.models import Notification, Sending
from notifications.tasks import deliver_claims, sweep_deliveries
from ops.heartbeats import age_of
from tests import factories as f
from tests.flaky_mail import DieAfterSendBackend, DisconnectAfterSendBackend
from tests.worker import running_worker, wait_until

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def one_reminder():
    """An action due tomorrow for one assignee, claimed: one reminder to deliver."""
    case = f.CaseFactory()
    f.CaseParticipantFactory(case=case, organisation=case.lead_organisation)
    case.log("note", "note_added", {"excerpt": "Recent"})
    person = f.UserFactory(organisation=case.lead_organisation)
    f.ActionFactory(case=case, organisation=case.lead_organisation, assignee=person, due_on=TOMORROW)
    reminders_claim()
    [(reminder_id, _kind)] = unsent_reminders()
    return reminder_id, person


def message_ids(messages):
    return [m.extra_headers["Message-ID"] for m in messages]


@pytest.mark.django_db
def test_an_e_mail_carries_a_message_id_derived_from_its_claim():
    reminder_id, person = one_reminder()
    deliver_claims.delay("reminders", [reminder_id])
    [sent] = mail.outbox
    assert sent.to == [person.email]
    claimed_at = int(ReminderSent.objects.get(pk=reminder_id).claimed_at.timestamp())
    assert sent.message()["Message-ID"] == f"<reminders.{reminder_id}.{claimed_at}@127.0.0.1>"
    assert not Sending.objects.exists()
    assert ReminderSent.objects.get(pk=reminder_id).emailed


@pytest.mark.django_db
def test_a_connection_lost_after_the_server_took_the_e_mail_sends_it_once_more_with_the_same_id(settings):
    settings.EMAIL_BACKEND = "tests.flaky_mail.DisconnectAfterSendBackend"
    DisconnectAfterSendBackend.failures_left = 1
    reminder_id, person = one_reminder()

    deliver_claims.delay("reminders", [reminder_id])  # the retry task runs at once (eager)

    assert Notification.objects.filter(user=person).count() == 1
    assert len(mail.outbox) == 2
    assert len(set(message_ids(mail.outbox))) == 1
    reminder = ReminderSent.objects.get(pk=reminder_id)
    assert reminder.sent_at is not None and reminder.emailed
    assert not Sending.objects.exists()


@pytest.mark.django_db
def test_a_delivery_that_died_after_its_e_mail_is_finished_by_the_next_sweep(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.flaky_mail.DieAfterSendBackend"
    DieAfterSendBackend.failures_left = 1
    reminder_id, person = one_reminder()

    with pytest.raises(SystemExit):
        deliver_claims.delay("reminders", [reminder_id])

    # Between the two commits: in-app written and committed as "sending", e-mail out, claim not sent.
    assert Notification.objects.filter(user=person).count() == 1
    assert len(mail.outbox) == 1
    assert ReminderSent.objects.get(pk=reminder_id).sent_at is None
    assert Sending.objects.filter(outbox="reminders", claim_id=reminder_id).exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_deliveries.delay().get() == {}  # too fresh: its own job queued it a moment ago
    later = timezone.now() + datetime.timedelta(seconds=settings.DELIVERY_SWEEP_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert sweep_deliveries.delay().get() == {"reminders": 1}
        with django_capture_on_commit_callbacks(execute=True):
            assert sweep_deliveries.delay().get() == {}  # once delivered, nothing is queued again

    assert Notification.objects.filter(user=person).count() == 1
    assert len(mail.outbox) == 2 and len(set(message_ids(mail.outbox))) == 1
    reminder = ReminderSent.objects.get(pk=reminder_id)
    assert reminder.sent_at is not None and reminder.emailed
    assert not Sending.objects.exists()
    assert age_of("delivery-sweep") is not None


@pytest.mark.django_db
def test_a_delivery_being_sent_is_not_sent_twice_by_a_requeue(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.flaky_mail.DieAfterSendBackend"
    DieAfterSendBackend.failures_left = 1
    reminder_id, _person = one_reminder()
    with pytest.raises(SystemExit):
        deliver_claims.delay("reminders", [reminder_id])
    # Another delivery holds the lease (say it is still talking to the mail server).
    Sending.objects.update(lease_until=timezone.now() + datetime.timedelta(minutes=10))
    later = timezone.now() + datetime.timedelta(seconds=settings.DELIVERY_SWEEP_SECONDS + 1)
    with time_machine.travel(later, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert sweep_deliveries.delay().get() == {}
        assert deliver_claims.delay("reminders", [reminder_id]).get() == 0
    assert len(mail.outbox) == 1


def _mails(mailbox):
    return [email.message_from_string(path.read_text()) for path in sorted(mailbox.iterdir())]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_between_e_mail_and_commit_loses_nothing(tmp_path):
    reminder_id, person = one_reminder()
    mailbox, marker = tmp_path / "mail", tmp_path / "kill-once"
    marker.touch()
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    env = {
        "EMAIL_FILE_PATH": str(mailbox),
        "EMAIL_BACKEND": "tests.flaky_mail.KilledAfterSendBackend",
        "KILL_MARKER": str(marker),
        "DELIVERY_LEASE_SECONDS": "2",
        "EMAIL_TIMEOUT": "1",
        "DELIVERY_SWEEP_SECONDS": "1",
    }
    with running_worker(tmp_path / "first", env=env) as (queue, worker, _log_path):
        deliver_claims.apply_async(("reminders", [reminder_id]), queue=queue)
        worker.wait(timeout=30)  # killed by its own mail backend, right after the e-mail left
    assert worker.returncode == 1 and not marker.exists()
    assert Notification.objects.filter(user=person).count() == 1
    assert len(_mails(mailbox)) == 1
    assert ReminderSent.objects.get(pk=reminder_id).sent_at is None

    # A new worker; beat's sweep (sent here every second, as beat would) finds the claim once the lease ran out.
    with running_worker(tmp_path / "second", env=env) as (queue, worker, log_path):
        delivered = ReminderSent.objects.filter(pk=reminder_id, sent_at__isnull=False)

        def swept():
            sweep_deliveries.apply_async(queue=queue)
            time.sleep(1)
            return delivered.exists()

        wait_until(swept, worker, log_path, what="delivery after the sweep")
    mails = _mails(mailbox)
    assert Notification.objects.filter(user=person).count() == 1
    assert len(mails) == 2
    assert mails[0]["Message-ID"] == mails[1]["Message-ID"]
    assert mails[0]["Message-ID"].startswith(f"<reminders.{reminder_id}.")
    assert not Sending.objects.exists()
