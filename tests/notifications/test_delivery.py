"""Claims are delivered in batches: each claim once, a failing one on its own, the rest regardless."""

import datetime
import logging

import pytest
from django.core import mail
from django.utils import timezone

from config.celery_app import app as celery_app
from interventions.models import ReminderSent
from interventions.reminders import reminders_claim, unsent_reminders
from interventions.tasks import send_reminders
from notifications.delivery import BATCH
from notifications.models import Notification
from notifications.tasks import deliver_claims
from tests import factories as f
from tests.flaky_mail import FlakyEmailBackend

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def claims_for(n):
    """n people, each with an action due tomorrow, claimed: n reminders to deliver."""
    case = f.CaseFactory()
    f.CaseParticipantFactory(case=case, organisation=case.lead_organisation)
    case.log("note", "note_added", {"excerpt": "Recent"})
    for _ in range(n):
        person = f.UserFactory(organisation=case.lead_organisation)
        f.ActionFactory(case=case, organisation=case.lead_organisation, assignee=person, due_on=TOMORROW)
    reminders_claim()
    return [reminder_id for reminder_id, _kind in unsent_reminders()]


def test_a_sweep_delivers_more_than_a_batch_each_once(django_capture_on_commit_callbacks):
    claims_for(BATCH + 3)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        send_reminders.delay()
    # One batch task of BATCH claims, one of the remaining three (the other callbacks replace the
    # recipients' kept unread counts, notifications/unread.py).
    assert len([callback for callback in queued if callback.__qualname__.startswith("queue.")]) == 2
    assert not ReminderSent.objects.filter(sent_at__isnull=True).exists()
    assert Notification.objects.filter(kind="due_tomorrow").count() == BATCH + 3
    assert len(mail.outbox) == BATCH + 3


def test_a_mail_failure_retries_that_claim_alone(settings):
    settings.EMAIL_BACKEND = "tests.flaky_mail.FlakyEmailBackend"
    FlakyEmailBackend.failures_left = 1  # the first claim's e-mail fails once
    ids = claims_for(3)
    celery_app.conf.task_eager_propagates = False  # eager retries happen in-process only so
    try:
        assert deliver_claims.delay("reminders", ids).get() == 2  # the other two at once
    finally:
        celery_app.conf.task_eager_propagates = True
    assert len(mail.outbox) == 3  # the first one too, by its own retrying task
    assert ReminderSent.objects.filter(sent_at__isnull=False, emailed=True).count() == 3


def test_any_other_failure_is_logged_and_leaves_the_claim_for_the_next_run(caplog):
    ids = claims_for(2)
    broken = ReminderSent.objects.get(pk=ids[0])
    broken.target_id = 0  # its action is gone: building the message fails
    broken.save()
    with caplog.at_level(logging.ERROR, logger="notifications.delivery"):
        assert deliver_claims.delay("reminders", ids).get() == 1
    assert f"claim {ids[0]} failed" in caplog.text
    assert list(ReminderSent.objects.filter(sent_at__isnull=True).values_list("pk", flat=True)) == [ids[0]]
