"""The weekly summary: last week's figures for managers and case directors, once, without other people's cases."""

import datetime

import pytest
from celery.schedules import crontab
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from cases.models import Case
from dashboards.models import Alert, WeeklySummarySent
from dashboards.tasks import send_weekly_summary
from dashboards.weekly import shown, week_before, weekly_send_now, weekly_summary
from interventions.models import Intervention
from notifications.models import Notification, NotificationPreference
from tests import factories as f

WEEK = week_before(timezone.localdate())  # the Monday the summary sent today is about


def at(day, hour=12):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def during(days_after_monday, hour=12):
    return at(WEEK + datetime.timedelta(days=days_after_monday), hour)


BEFORE, AFTER = during(-1, hour=23), during(7, hour=0)  # Sunday night before, the Monday 00:00 after


@pytest.fixture
def world(db):
    """Two neighbourhoods of one team; a case director whose organisation takes part in one case; a manager in none."""
    dapper, transvaal, elsewhere = (f.NeighbourhoodFactory(name=n) for n in ("Dapperbuurt", "Transvaalbuurt", "Osdorp"))
    gemeente = f.OrganisationFactory(name="Gemeente")
    director = f.UserFactory(username="director", organisation=gemeente, role="case_director")
    manager = f.UserFactory(username="manager", organisation=f.OrganisationFactory(name="Bestuur"), role="manager")
    professional = f.UserFactory(username="professional", organisation=gemeente)
    f.TeamFactory(name="Wijkteam Oost", members=[director, manager, professional], neighbourhoods=[dapper, transvaal])
    return {
        "dapper": dapper,
        "transvaal": transvaal,
        "elsewhere": elsewhere,
        "gemeente": gemeente,
        "director": director,
        "manager": manager,
    }


def case_in(buurt, title, *, opened=None, closed=None, participant=None, status="in_progress"):
    case = f.CaseFactory(neighbourhood=buurt, title=title, status="closed" if closed else status)
    Case.objects.filter(pk=case.pk).update(
        created_at=opened or at(WEEK - datetime.timedelta(days=60)), closed_at=closed
    )
    if participant:
        f.CaseParticipantFactory(case=case, organisation=participant)
    return case


def email_to(user):
    [message] = [m for m in mail.outbox if m.to == [user.email]]
    return message.body, message.alternatives[0][0]


def test_the_summary_counts_last_weeks_new_signals_per_neighbourhood(world):
    for when in (during(0), during(3), during(6, hour=23)):
        f.SignalFactory(neighbourhood=world["dapper"], occurred_at=when)
    for when in (during(1), during(2)):
        f.SignalFactory(neighbourhood=world["transvaal"], occurred_at=when)
    for when in (BEFORE, AFTER):  # outside the week
        f.SignalFactory(neighbourhood=world["dapper"], occurred_at=when)
    f.SignalFactory(neighbourhood=world["elsewhere"], occurred_at=during(2))  # outside the team

    summary = weekly_summary(world["manager"], WEEK)

    assert summary.signals == [("Dapperbuurt", 3), ("Transvaalbuurt", 2)]
    assert summary.signals_total == 5


def test_counts_over_cases_show_1_to_4_as_less_than_5():
    assert [shown(n) for n in (0, 1, 4, 5, 12)] == ["0", "<5", "<5", "5", "12"]


def test_cases_opened_and_closed_are_counted_with_small_numbers_hidden(world):
    for n in range(5):
        case_in(world["dapper"], f"Nieuw {n}", opened=during(n))
    case_in(world["transvaal"], "Gesloten", closed=during(4))
    case_in(world["dapper"], "Te vroeg", opened=BEFORE)
    case_in(world["elsewhere"], "Elders", opened=during(1))

    summary = weekly_summary(world["manager"], WEEK)

    assert (summary.cases_opened, summary.cases_closed) == ("5", "<5")


def test_titles_are_listed_only_for_cases_the_readers_organisation_takes_part_in(world):
    case_in(world["dapper"], "Overlast Javastraat 12", opened=during(1), participant=world["gemeente"])
    case_in(world["dapper"], "Vervuiling Celebesstraat 4", opened=during(2))
    case_in(world["transvaal"], "Burenruzie Kraaipanstraat", closed=during(3))

    weekly_send_now(WEEK)

    body, html = email_to(world["director"])
    assert "Overlast Javastraat 12" in body and "Overlast Javastraat 12" in html
    assert "Vervuiling Celebesstraat 4" not in body + html
    assert "Burenruzie Kraaipanstraat" not in body + html

    body, html = email_to(world["manager"])
    for title in ("Overlast Javastraat 12", "Vervuiling Celebesstraat 4", "Burenruzie Kraaipanstraat"):
        assert title not in body and title not in html
    assert "<5" in body and "&lt;5" in html


def test_actions_done_and_overdue_are_counted_per_partner_organisation(world):
    case = case_in(world["dapper"], "Casus")
    veste = f.OrganisationFactory(name="Woonstichting De Veste")
    politie = f.OrganisationFactory(name="Politie")
    for n in range(5):
        f.ActionFactory(case=case, organisation=veste, due_on=WEEK, done_at=during(n))  # done last week
    f.ActionFactory(case=case, organisation=veste, due_on=WEEK, done_at=None)  # overdue at its end
    f.ActionFactory(case=case, organisation=politie, due_on=WEEK + datetime.timedelta(days=6), done_at=AFTER)
    f.ActionFactory(case=case, organisation=politie, due_on=WEEK + datetime.timedelta(days=7))  # due after
    f.ActionFactory(case=case, organisation=politie, due_on=WEEK, done_at=BEFORE)  # done before
    f.ActionFactory(
        case=case_in(world["elsewhere"], "Elders"), organisation=politie, due_on=WEEK, done_at=None
    )  # outside the team's neighbourhoods

    summary = weekly_summary(world["manager"], WEEK)

    assert summary.actions == [("Politie", "0", "<5"), ("Woonstichting De Veste", "5", "<5")]


def test_interventions_finished_last_week_are_counted_by_outcome(world, english):
    case = case_in(world["transvaal"], "Casus")
    for outcome in ("effective", "effective", "not_effective"):
        f.InterventionFactory(case=case, status="done", outcome=outcome)
    f.InterventionFactory(case=case, status="running")
    Intervention.objects.update(updated_at=during(2))
    f.InterventionFactory(case=case, status="done", outcome="effective")  # finished this week

    summary = weekly_summary(world["manager"], WEEK)

    assert summary.outcomes == [("effective", "<5"), ("not effective", "<5")]


def test_the_summary_lists_active_early_warnings(world, settings):
    settings.LANGUAGE_CODE = "en"
    Alert.objects.create(
        kind="address",
        neighbourhood=world["dapper"],
        postcode="1094 AB",
        house_number=17,
        figures={"count": 3, "organisations": 2, "days": 90},
    )
    Alert.objects.create(kind="neighbourhood", neighbourhood=world["elsewhere"], figures={})

    weekly_send_now(WEEK)

    body, html = email_to(world["manager"])
    assert "3 signals from 2 organisations about 1094 AB 17 (Dapperbuurt)" in body
    assert "Osdorp" not in body


def test_managers_and_case_directors_get_it_once_however_often_the_job_runs(world, django_capture_on_commit_callbacks):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            send_weekly_summary.delay()

    assert sorted(m.to[0] for m in mail.outbox) == ["director@example.org", "manager@example.org"]
    assert WeeklySummarySent.objects.filter(week_start=WEEK, sent_at__isnull=False).count() == 2
    assert Notification.objects.filter(kind="weekly_summary").count() == 2


def test_it_is_in_dutch_with_links_back(world, settings):
    case_in(world["dapper"], "Overlast Javastraat 12", opened=during(1), participant=world["gemeente"])
    weekly_send_now(WEEK)
    body, html = email_to(world["director"])
    [message] = [m for m in mail.outbox if m.to == [world["director"].email]]
    assert message.subject.startswith("[Veerkracht]")
    assert "Beste" in body  # the greeting is already in the Dutch catalogue
    assert f"{settings.SITE_URL}/overzicht/" in body
    assert f"{settings.SITE_URL}/casussen/" in html


def test_in_app_only_preference_sends_no_e_mail(world):
    NotificationPreference.objects.create(user=world["manager"], kind="weekly_summary", by_email=False)
    weekly_send_now(WEEK)
    assert [m.to for m in mail.outbox] == [["director@example.org"]]
    assert Notification.objects.filter(user=world["manager"], kind="weekly_summary").exists()


def test_dry_run_prints_who_would_get_what_and_sends_nothing(world, capsys):
    f.SignalFactory(neighbourhood=world["dapper"], occurred_at=during(2))
    call_command("send_weekly_summary", "--dry-run")

    out = capsys.readouterr().out
    assert "=== director <director@example.org>" in out and "=== manager <manager@example.org>" in out
    assert "professional" not in out
    assert "Dapperbuurt: 1" in out
    assert mail.outbox == []
    assert not WeeklySummarySent.objects.exists() and not Notification.objects.exists()


def test_the_command_sends_a_chosen_week(world, capsys):
    f.SignalFactory(neighbourhood=world["dapper"], occurred_at=during(-5))
    call_command("send_weekly_summary", "--week", (WEEK - datetime.timedelta(days=5)).isoformat())
    assert len(mail.outbox) == 2
    assert WeeklySummarySent.objects.filter(week_start=WEEK - datetime.timedelta(days=7)).count() == 2
    body, _html = email_to(world["manager"])
    assert "Dapperbuurt: 1" in body


def test_the_summary_costs_a_fixed_number_of_queries(world, django_assert_num_queries):
    for n in range(4):
        buurt = f.NeighbourhoodFactory()
        world["manager"].teams.get().neighbourhoods.add(buurt)
        f.SignalFactory(neighbourhood=buurt, occurred_at=during(1))
        case = case_in(buurt, f"Casus {n}", opened=during(1))
        f.ActionFactory(case=case, organisation=f.OrganisationFactory(), due_on=WEEK)
        f.InterventionFactory(case=case, status="done", outcome="effective")
    Alert.objects.create(kind="neighbourhood", neighbourhood=world["dapper"], figures={})

    # scope, signals, case counts, my memberships and the visible titles, actions per
    # organisation, outcomes, my teams' neighbourhoods and the alerts in them
    with django_assert_num_queries(9):
        summary = weekly_summary(world["director"], WEEK)
    assert len(summary.signals) == 4 and len(summary.actions) == 4


def test_the_previous_week_runs_monday_to_sunday():
    monday, sunday = datetime.date(2026, 11, 30), datetime.date(2026, 12, 6)
    assert week_before(monday) == week_before(sunday) == datetime.date(2026, 11, 23)


def test_the_beat_sends_it_on_monday_at_seven_amsterdam_time(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-weekly-summary"]
    assert entry["task"] == "dashboards.tasks.send_weekly_summary"
    assert entry["schedule"] == crontab(hour=7, minute=0, day_of_week="mon")
    assert settings.CELERY_TIMEZONE == "Europe/Amsterdam"
