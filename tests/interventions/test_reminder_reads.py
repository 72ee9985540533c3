"""A reminder e-mail carries case content out of the platform: it is a read of the case, by e-mail, in the log."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from cases.models import AccessLogEntry
from interventions.reminders import reminders_send_now
from notifications.models import NotificationPreference
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_tomorrow(db):
    case = f.CaseFactory()
    f.CaseParticipantFactory(case=case, organisation=case.lead_organisation)
    case.log("note", "note_added", {"excerpt": "Recent"})
    person = f.UserFactory(username="wijkconsulent", organisation=case.lead_organisation)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    f.ActionFactory(case=case, organisation=case.lead_organisation, assignee=person, due_on=tomorrow)
    return case, person


def test_a_reminder_sent_by_e_mail_is_logged_as_a_read_by_e_mail(due_tomorrow):
    case, person = due_tomorrow
    reminders_send_now()
    assert len(mail.outbox) == 1
    entry = AccessLogEntry.objects.get()
    assert (entry.case, entry.user, entry.channel, entry.what) == (case, person, "email", "reminder")
    assert entry.detail == {"kind": "due_tomorrow"}


def test_an_in_app_only_reminder_writes_no_log_row(due_tomorrow):
    _case, person = due_tomorrow
    NotificationPreference.objects.create(user=person, kind="due_tomorrow", by_email=False)
    reminders_send_now()
    assert not mail.outbox
    assert not AccessLogEntry.objects.exists()
