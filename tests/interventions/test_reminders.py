"""Reminders fire from the sweep, each exactly once, only to people who may see the case."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from config.celery_app import app as celery_app
from interventions.models import ReminderSent
from interventions.reminders import reminders_send_now
from interventions.tasks import send_reminders
from notifications.models import Notification, NotificationPreference
from tests import factories as f
from tests.concurrency import run_concurrently
from tests.flaky_mail import FlakyEmailBackend

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def case(db):
    case = f.CaseFactory()
    f.CaseParticipantFactory(case=case, organisation=case.lead_organisation)
    # Fresh activity, so the case is not "quiet" unless a test makes it so.
    case.log("note", "note_added", {"excerpt": "Recent"})
    return case


@pytest.fixture
def assignee(case):
    return f.UserFactory(username="wijkconsulent", organisation=case.lead_organisation)


def action_due(case, assignee, due_on, **kwargs):
    return f.ActionFactory(case=case, organisation=case.lead_organisation, assignee=assignee, due_on=due_on, **kwargs)


def kinds_for(user):
    return sorted(Notification.objects.filter(user=user).values_list("kind", flat=True))


def test_an_action_due_tomorrow_reminds_its_assignee_once(case, assignee):
    action_due(case, assignee, days(1))
    assert reminders_send_now() == {"due_tomorrow": 1}
    assert reminders_send_now() == {}
    assert kinds_for(assignee) == ["due_tomorrow"]


def test_an_overdue_action_reminds_the_assignee_and_after_n_days_the_case_director(case, assignee, settings):
    settings.REMINDER_ESCALATION_DAYS = 7
    action_due(case, assignee, days(-1))
    action_due(case, assignee, days(-8))
    sent = reminders_send_now()
    assert sent == {"overdue": 2, "escalation": 1}
    assert kinds_for(case.case_director) == ["escalation"]


def test_an_organisation_wide_action_reminds_its_coordinators(case):
    coordinator = f.UserFactory(organisation=case.lead_organisation, role="coordinator")
    f.ActionFactory(case=case, organisation=case.lead_organisation, assignee=None, due_on=days(-2))
    reminders_send_now()
    assert kinds_for(coordinator) == ["overdue"]


def test_a_review_coming_up_reminds_director_and_attendees(case, assignee):
    review = case.reviews.create(scheduled_for=timezone.now() + datetime.timedelta(hours=20))
    review.attendees.add(assignee)
    assert reminders_send_now() == {"review_upcoming": 2}


def test_a_quiet_case_reminds_its_director_once_per_quiet_spell(case, settings):
    settings.CASE_QUIET_DAYS = 30
    case.timeline.update(at=timezone.now() - datetime.timedelta(days=31))
    assert reminders_send_now() == {"case_quiet": 1}
    assert reminders_send_now() == {}
    case.log("note", "note_added", {"excerpt": "Weer activiteit"})
    case.timeline.update(at=timezone.now() - datetime.timedelta(days=40))
    case.log("note", "note_added", {"excerpt": "En daarna weer stil"})
    case.timeline.filter(data__excerpt="En daarna weer stil").update(at=timezone.now() - datetime.timedelta(days=32))
    assert reminders_send_now() == {"case_quiet": 1}


def test_done_actions_and_closed_cases_remind_nobody(case, assignee):
    done = action_due(case, assignee, days(-3))
    done.complete(by=assignee, result="Gebeld")
    other_case = f.CaseFactory(status="closed")
    f.CaseParticipantFactory(case=other_case, organisation=case.lead_organisation)
    action_due(other_case, assignee, days(-3))
    assert reminders_send_now() == {}


def test_someone_who_lost_access_gets_no_reminder(case, assignee):
    action_due(case, assignee, days(1))
    participation = case.participants.get()
    participation.until = TODAY
    participation.save()
    assert reminders_send_now() == {}
    assert not Notification.objects.exists()


def test_a_claim_made_before_access_ended_is_skipped_not_sent(case, assignee):
    from interventions.reminders import reminder_deliver, reminders_claim

    action_due(case, assignee, days(1))
    reminders_claim()
    case.participants.update(until=TODAY)
    reminder = ReminderSent.objects.get()
    assert reminder_deliver(reminder.pk) is False
    reminder.refresh_from_db()
    assert reminder.skipped and reminder.sent_at
    assert not Notification.objects.exists()


def test_the_reminder_e_mail_is_dutch_with_a_link_to_the_case(case, assignee):
    action = action_due(case, assignee, days(1), title="Bewoner bellen over de tuin")
    reminders_send_now()
    [message] = mail.outbox
    assert message.to == [assignee.email]
    assert "Bewoner bellen over de tuin" in message.body
    assert "morgen" in message.body
    assert f"/casussen/{case.pk}/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and action.title in html


def test_in_app_only_preference_sends_no_e_mail(case, assignee):
    NotificationPreference.objects.create(user=assignee, kind="due_tomorrow", by_email=False)
    action_due(case, assignee, days(1))
    reminders_send_now()
    assert mail.outbox == []
    assert kinds_for(assignee) == ["due_tomorrow"]


def test_a_failing_mail_server_is_retried_and_the_reminder_still_goes_once(
    case, assignee, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.flaky_mail.FlakyEmailBackend"
    FlakyEmailBackend.failures_left = 2
    action_due(case, assignee, days(1))
    # Eager Celery retries in-process only when errors are not propagated to the caller.
    celery_app.conf.task_eager_propagates = False
    try:
        with django_capture_on_commit_callbacks(execute=True):
            send_reminders.delay()
    finally:
        celery_app.conf.task_eager_propagates = True
    assert len(mail.outbox) == 1
    assert kinds_for(assignee) == ["due_tomorrow"]
    assert ReminderSent.objects.get().emailed


def test_send_reminders_command_prints_counts_per_kind(case, assignee, capsys):
    action_due(case, assignee, days(1))
    call_command("send_reminders")
    out = capsys.readouterr().out
    assert "due_tomorrow     1" in out
    assert "overdue          0" in out


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_sweeps_send_each_reminder_once():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is only meaningful on PostgreSQL")
    case = f.CaseFactory()
    f.CaseParticipantFactory(case=case, organisation=case.lead_organisation)
    case.log("note", "note_added", {"excerpt": "Recent"})
    users = [f.UserFactory(organisation=case.lead_organisation) for _ in range(5)]
    for user in users:
        for offset in (-9, -1, 1):
            action_due(case, user, days(offset))

    results = run_concurrently(reminders_send_now)

    total = sum((r for r in results), start=type(results[0])())
    # 5 users x (overdue twice + due tomorrow once) + 5 escalations to the one case director
    assert sum(total.values()) == 20
    assert Notification.objects.count() == 20
    assert len(mail.outbox) == 20
