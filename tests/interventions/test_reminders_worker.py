"""A due reminder delivered end to end: Celery beat's schedule → Redis → a real worker → the database."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from notifications.models import Notification
from tests import factories as f
from tests.worker import running_worker, wait_until


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_beat_and_a_real_worker_deliver_a_due_reminder(tmp_path):
    case = f.CaseFactory()
    f.CaseParticipantFactory(case=case, organisation=case.lead_organisation)
    case.log("note", "note_added", {"excerpt": "Recent"})
    assignee = f.UserFactory(username="wijkconsulent", organisation=case.lead_organisation)
    action = f.ActionFactory(
        case=case,
        organisation=case.lead_organisation,
        assignee=assignee,
        due_on=timezone.localdate() + datetime.timedelta(days=1),
    )

    # Beat runs the sweep every second; the worker delivers to the file-based mailbox.
    mailbox = tmp_path / "mail"
    env = {
        "REMINDER_SWEEP_SECONDS": "1",
        "EMAIL_FILE_PATH": str(mailbox),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
    }
    with running_worker(tmp_path, beat=True, env=env) as (_queue, worker, log_path):
        reminders = Notification.objects.filter(user=assignee, kind="due_tomorrow")
        wait_until(reminders.exists, worker, log_path, what="reminder notification")
        # Let a few more sweeps run: they must not send it again.
        wait_until(lambda: "send_reminders" in log_path.read_text().split("deliver_reminder")[-1], worker, log_path)

    assert reminders.count() == 1
    assert action.title in reminders.get().text
    sent = list(mailbox.iterdir())
    assert len(sent) == 1
    assert assignee.email in sent[0].read_text()
    assert mail.outbox == []  # nothing was sent by the test process itself
