"""Early warning: rising neighbourhoods and hot addresses raise one alert each, told once to each coordinator."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from config.celery_app import app as celery_app
from dashboards.alerts import (
    active_alerts_for,
    alert_notification_deliver,
    alerts_claim,
    alerts_detect,
    alerts_run_now,
    unsent_alert_notifications,
)
from dashboards.models import Alert, AlertNotification
from dashboards.tasks import detect_alerts
from notifications.models import Notification, NotificationPreference
from tests import factories as f
from tests.concurrency import run_concurrently
from tests.flaky_mail import FlakyEmailBackend

TODAY = timezone.localdate()


def at(days_ago, hour=12):
    """Noon (local time), `days_ago` days before today."""
    day = TODAY - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def buurt(db):
    return f.NeighbourhoodFactory(name="Dapperbuurt Noord")


@pytest.fixture
def team(buurt):
    """A wijkteam covering the buurt: who is told about alerts there and who is not."""
    corporation = f.OrganisationFactory(name="Woonstichting De Veste")
    people = {
        "coordinator": f.UserFactory(username="coordinator", organisation=corporation, role="coordinator"),
        "director": f.UserFactory(
            username="director", organisation=f.OrganisationFactory(name="Gemeente"), role="case_director"
        ),
        "professional": f.UserFactory(username="professional", organisation=corporation),
        "manager": f.UserFactory(username="manager", organisation=corporation, role="manager"),
    }
    f.TeamFactory(name="Wijkteam Oost", members=list(people.values()), neighbourhoods=[buurt])
    elsewhere = f.UserFactory(username="elsewhere", organisation=corporation, role="coordinator")
    f.TeamFactory(name="Wijkteam West", members=[elsewhere], neighbourhoods=[f.NeighbourhoodFactory()])
    people["elsewhere"] = elsewhere
    return people


def signals(buurt, count, days_ago, **kwargs):
    for n in range(count):
        ago = days_ago(n) if callable(days_ago) else days_ago
        f.SignalFactory(neighbourhood=buurt, occurred_at=at(ago), **kwargs)


def usual(buurt, per_week=1):
    """`per_week` signals in each of the 12 weeks before the last 4 (days 29 to 112 ago)."""
    signals(buurt, 12 * per_week, lambda n: 29 + (n * 7) // per_week)


def rising_alert():
    return Alert.objects.get(kind="neighbourhood")


# --- a rising neighbourhood ----------------------------------------------------


def test_a_neighbourhood_with_more_than_one_and_a_half_times_its_usual_signals_alerts(buurt):
    usual(buurt)  # 12 in 12 weeks: about 4 in 4 weeks, so more than 6 alerts
    signals(buurt, 7, lambda n: 1 + n * 3)

    assert alerts_detect() == {"raised": 1, "cleared": 0}

    alert = rising_alert()
    assert alert.neighbourhood == buurt and alert.is_active
    assert alert.figures == {"recent": 7, "baseline": 12, "recent_weeks": 4, "baseline_weeks": 12, "expected": 4}


def test_one_and_a_half_times_exactly_is_not_a_rise(buurt):
    usual(buurt)
    signals(buurt, 6, lambda n: 1 + n * 4)

    alerts_detect()

    assert not Alert.objects.exists()


def test_a_flat_neighbourhood_raises_nothing(buurt):
    usual(buurt, per_week=2)
    signals(buurt, 8, lambda n: 1 + n * 3)

    alerts_detect()

    assert not Alert.objects.exists()


def test_a_rise_below_the_minimum_number_of_signals_raises_nothing(buurt, settings):
    settings.ALERT_MIN_SIGNALS = 5
    signals(buurt, 4, 3)  # from nothing to 4: a rise, but too few to mean anything

    alerts_detect()
    assert not Alert.objects.exists()

    signals(buurt, 1, 2)
    alerts_detect()
    assert rising_alert().figures["recent"] == 5


def test_factor_and_windows_come_from_settings(buurt, settings):
    settings.ALERT_FACTOR = 3
    usual(buurt)
    signals(buurt, 7, 2)
    alerts_detect()
    assert not Alert.objects.exists()

    settings.ALERT_FACTOR, settings.ALERT_RECENT_WEEKS = 1.5, 1  # 7 in one week against 1 a week
    alerts_detect()
    assert rising_alert().figures["recent_weeks"] == 1


def test_signals_of_today_count_from_tomorrow_so_every_run_on_one_day_agrees(buurt):
    signals(buurt, 5, 0)
    alerts_detect()
    assert not Alert.objects.exists()

    alerts_detect(today=TODAY + datetime.timedelta(days=1))
    assert rising_alert().figures["recent"] == 5


# --- a hot address -------------------------------------------------------------


def address_signals(buurt, organisations, days_ago=(80, 40, 5), postcode="1094 AB", house_number=17):
    for organisation, ago in zip(organisations, days_ago, strict=True):
        f.SignalFactory(
            neighbourhood=buurt,
            reporting_organisation=organisation,
            postcode=postcode,
            house_number=house_number,
            occurred_at=at(ago),
        )


@pytest.fixture
def veste(db):
    return f.OrganisationFactory(name="Woonstichting De Veste")


@pytest.fixture
def politie(db):
    return f.OrganisationFactory(name="Politie", kind="police")


def test_three_signals_from_two_organisations_about_one_address_alert(buurt, veste, politie):
    address_signals(buurt, [veste, politie, veste])

    assert alerts_detect() == {"raised": 1, "cleared": 0}

    alert = Alert.objects.get()
    assert (alert.kind, alert.neighbourhood, alert.address) == ("address", buurt, "1094 AB 17")
    assert alert.figures == {"count": 3, "organisations": 2, "days": 90}


def test_signals_from_one_organisation_only_raise_nothing(buurt, veste):
    address_signals(buurt, [veste, veste, veste])
    alerts_detect()
    assert not Alert.objects.exists()


def test_signals_older_than_90_days_do_not_count(buurt, veste, politie):
    address_signals(buurt, [veste, politie, veste], days_ago=(91, 40, 5))
    alerts_detect()
    assert not Alert.objects.exists()


def test_no_alert_while_a_case_is_open_at_the_address(buurt, veste, politie):
    address_signals(buurt, [veste, politie, veste])
    f.CaseFactory(neighbourhood=buurt, postcode="1094 AB", house_number=17, status="plan")
    f.CaseFactory(neighbourhood=buurt, postcode="1094 AB", house_number=19, status="in_progress")  # next door
    alerts_detect()
    assert not Alert.objects.exists()


def test_a_closed_case_at_the_address_does_not_stop_an_alert(buurt, veste, politie):
    address_signals(buurt, [veste, politie, veste])
    f.CaseFactory(neighbourhood=buurt, postcode="1094 AB", house_number=17, status="closed")
    alerts_detect()
    assert Alert.objects.get().address == "1094 AB 17"


# --- raised once, cleared, raised again ------------------------------------------


def test_an_alert_is_raised_once_however_often_the_job_runs(buurt, veste, politie):
    address_signals(buurt, [veste, politie, veste])
    alerts_detect()
    assert alerts_detect() == {"raised": 0, "cleared": 0}
    assert Alert.objects.count() == 1


def test_the_database_refuses_a_second_active_alert_for_one_address(buurt):
    Alert.objects.create(kind="address", neighbourhood=buurt, postcode="1094 AB", house_number=17)
    with pytest.raises(IntegrityError), transaction.atomic():
        Alert.objects.create(kind="address", neighbourhood=buurt, postcode="1094 AB", house_number=17)
    Alert.objects.filter(kind="address").update(cleared_at=timezone.now())
    Alert.objects.create(kind="address", neighbourhood=buurt, postcode="1094 AB", house_number=17)


def test_an_alert_clears_when_its_condition_ends_and_a_recurrence_raises_a_new_one(buurt, veste, politie, team):
    address_signals(buurt, [veste, politie, veste])
    alerts_run_now()
    first = Alert.objects.get()

    case = f.CaseFactory(neighbourhood=buurt, postcode="1094 AB", house_number=17, status="plan")
    assert alerts_run_now()["cleared"] == 1
    first.refresh_from_db()
    assert first.cleared_at is not None
    assert not Alert.objects.active().exists()

    case.status = "closed"
    case.save()
    result = alerts_run_now()

    assert result["raised"] == 1
    second = Alert.objects.active().get()
    assert second != first
    # A new alert is news again: each recipient hears of it once more.
    assert Notification.objects.filter(user=team["coordinator"], kind="address_alert").count() == 2


def test_a_neighbourhood_alert_clears_when_the_rise_falls_out_of_the_window(buurt):
    usual(buurt)
    signals(buurt, 7, lambda n: 1 + n)  # days 1 to 7 ago
    alerts_detect()
    assert alerts_detect(today=TODAY + datetime.timedelta(days=60)) == {"raised": 0, "cleared": 1}


# --- who is told, and how often -------------------------------------------------


def hot_address(buurt, house_number=17):
    veste, politie = f.OrganisationFactory(name="Woonstichting De Veste"), f.OrganisationFactory(name="Politie")
    address_signals(buurt, [veste, politie, veste], house_number=house_number)


def notified(kind="address_alert"):
    return sorted(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_coordinators_and_case_directors_of_the_covering_teams_are_told_once(buurt, team):
    hot_address(buurt)

    alerts_run_now()
    alerts_run_now()

    assert notified() == ["coordinator", "director"]
    assert sorted(message.to[0] for message in mail.outbox) == ["coordinator@example.org", "director@example.org"]


def test_the_notification_names_the_address_and_links_to_the_dashboard(buurt, team, settings):
    settings.LANGUAGE_CODE = "en"  # delivery speaks the interface language; assert on the msgid
    hot_address(buurt)
    alerts_run_now()

    notification = Notification.objects.get(user=team["director"])
    assert notification.text == (
        "3 signals from 2 organisations about 1094 AB 17 (Dapperbuurt Noord) in the last 90 days."
    )
    assert notification.url == "/overzicht/"
    [message] = [m for m in mail.outbox if m.to == ["director@example.org"]]
    assert "1094 AB 17" in message.body and f"{settings.SITE_URL}/overzicht/" in message.body
    assert message.alternatives[0][1] == "text/html"


def test_a_coordinator_who_sees_no_figures_is_sent_to_the_signals_instead(buurt, team, client):
    hot_address(buurt)
    alerts_run_now()

    url = Notification.objects.get(user=team["coordinator"]).url
    assert url.startswith("/meldingen/?")
    client.force_login(team["coordinator"])
    response = client.get(url)
    assert response.status_code == 200
    assert "1094 AB" in response.content.decode()


def test_the_rising_neighbourhood_message_gives_the_figures(buurt, team, settings):
    settings.LANGUAGE_CODE = "en"
    usual(buurt)
    signals(buurt, 7, 3)
    alerts_run_now()

    assert Notification.objects.get(user=team["director"]).text == (
        "Signals are rising in Dapperbuurt Noord: 7 in the last 4 weeks, where about 4 would be usual."
    )


def test_a_rise_from_nothing_says_so(buurt, team, settings):
    settings.LANGUAGE_CODE = "en"
    signals(buurt, 5, 3)
    alerts_run_now()

    assert Notification.objects.get(user=team["director"]).text == (
        "Signals are rising in Dapperbuurt Noord: 5 in the last 4 weeks, against none in the 12 weeks before."
    )


def test_an_alert_that_cleared_before_delivery_is_not_sent(buurt, team):
    hot_address(buurt)
    alerts_detect()
    alerts_claim()
    Alert.objects.update(cleared_at=timezone.now())

    for claim_id in unsent_alert_notifications():
        alert_notification_deliver(claim_id)

    assert notified() == []
    assert mail.outbox == []
    assert AlertNotification.objects.filter(skipped=True).count() == 2


def test_in_app_only_preference_sends_no_e_mail(buurt, team):
    NotificationPreference.objects.create(user=team["coordinator"], kind="address_alert", by_email=False)
    hot_address(buurt)
    alerts_run_now()
    assert notified() == ["coordinator", "director"]
    assert [message.to for message in mail.outbox] == [["director@example.org"]]


def test_someone_who_joins_the_team_later_is_told_of_an_active_alert_once(buurt, team):
    hot_address(buurt)
    alerts_run_now()
    newcomer = f.UserFactory(username="newcomer", role="coordinator")
    newcomer.teams.add(*team["coordinator"].teams.all())

    alerts_run_now()
    alerts_run_now()

    assert notified() == ["coordinator", "director", "newcomer"]


def test_a_claim_for_someone_who_left_the_team_is_skipped(buurt, team):
    hot_address(buurt)
    alerts_detect()
    alerts_claim()
    team["coordinator"].teams.clear()

    alerts_run_now()

    assert notified() == ["director"]
    assert AlertNotification.objects.get(recipient=team["coordinator"]).skipped


def test_the_celery_job_queues_delivery_and_retries_a_failing_mail_server(
    buurt, team, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.flaky_mail.FlakyEmailBackend"
    FlakyEmailBackend.failures_left = 2
    hot_address(buurt)
    celery_app.conf.task_eager_propagates = False  # eager Celery retries in-process only then
    try:
        with django_capture_on_commit_callbacks(execute=True):
            detect_alerts.delay()
        with django_capture_on_commit_callbacks(execute=True):
            detect_alerts.delay()
    finally:
        celery_app.conf.task_eager_propagates = True

    assert notified() == ["coordinator", "director"]
    assert len(mail.outbox) == 2
    assert AlertNotification.objects.filter(emailed=True).count() == 2


def test_the_command_runs_detection_on_demand(buurt, team, capsys, english):
    hot_address(buurt)
    call_command("detect_alerts")
    assert "1 alerts raised, 0 cleared, 2 notifications sent." in capsys.readouterr().out


def test_detection_is_a_daily_beat_job(settings):
    from celery.schedules import crontab

    assert settings.CELERY_BEAT_SCHEDULE["detect-alerts"] == {
        "task": "dashboards.tasks.detect_alerts",
        "schedule": crontab(hour=6, minute=30),
    }


def test_detection_costs_the_same_few_queries_for_any_number_of_neighbourhoods(db, django_assert_num_queries):
    for number in range(5):
        buurt = f.NeighbourhoodFactory()
        signals(buurt, 6, 2)
        hot_address(buurt, house_number=number + 1)
    # rising neighbourhoods, hot addresses, "kwetsbaar en onder druk" (the covered buurten's Kerncijfers,
    # the cities'; their signals per quarter only when a covered buurt has Kerncijfers: none here),
    # active alerts, count, insert, count
    with django_assert_num_queries(8):
        assert alerts_detect()["raised"] == 10


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_raise_each_alert_once_and_tell_each_recipient_once():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is only meaningful on PostgreSQL")
    buurten = [f.NeighbourhoodFactory() for _ in range(3)]
    coordinators = [f.UserFactory(role="coordinator") for _ in range(4)]
    f.TeamFactory(members=coordinators, neighbourhoods=buurten)
    for number, buurt in enumerate(buurten, start=1):
        signals(buurt, 6, 2)
        hot_address(buurt, house_number=number)

    results = run_concurrently(alerts_run_now)

    assert Alert.objects.active().count() == 6  # 3 rising neighbourhoods + 3 hot addresses
    assert sum(result["notified"] for result in results) == 6 * 4
    assert Notification.objects.count() == 6 * 4
    assert len(mail.outbox) == 6 * 4


# --- on the dashboard -----------------------------------------------------------


def test_active_alerts_are_those_in_the_readers_teams_neighbourhoods(buurt, team, django_assert_num_queries):
    hot_address(buurt)
    hot_address(f.NeighbourhoodFactory(), house_number=40)
    Alert.objects.create(kind="neighbourhood", neighbourhood=buurt, cleared_at=timezone.now())
    alerts_detect()

    with django_assert_num_queries(3):  # my memberships (teams count through an active one), neighbourhoods, alerts
        alerts = list(active_alerts_for(team["professional"]))
        assert [(a.neighbourhood.name, a.address) for a in alerts] == [("Dapperbuurt Noord", "1094 AB 17")]
    assert list(active_alerts_for(team["elsewhere"])) == []


def test_the_alerts_partial_lists_active_alerts(buurt, team, english):
    hot_address(buurt)
    alerts_detect()
    html = render_to_string("dashboards/_alerts.html", {"alerts": active_alerts_for(team["manager"])})
    assert "1094 AB 17" in html and "Dapperbuurt Noord" in html
    assert "3 signals from 2 organisations" in html

    empty = render_to_string("dashboards/_alerts.html", {"alerts": active_alerts_for(team["elsewhere"])})
    assert "No early warnings at the moment." in empty


# "Kwetsbaar en onder druk" (the Veerkracht monitor's rule, monitor/data.py) -----------------------


def _vulnerable_world(buurt, team):
    from neighbourhoods.models import MunicipalityStatistics, NeighbourhoodStatistics

    MunicipalityStatistics.objects.create(
        municipality=buurt.district.municipality, year=2019, low_income_households_pct=12, source="CBS"
    )
    NeighbourhoodStatistics.objects.create(
        neighbourhood=buurt, year=2019, corporation_homes_pct=62, low_income_households_pct=18, source="CBS"
    )
    reporter = team["professional"]
    organisation = reporter.memberships.get().organisation

    def signals(count, month):
        for n in range(count):
            f.SignalFactory(
                neighbourhood=buurt, reporting_organisation=organisation, reported_by=reporter,
                occurred_at=timezone.make_aware(datetime.datetime(2026, month, 2 + n, 12)),
            )  # fmt: skip

    return signals


def test_a_vulnerable_buurt_under_pressure_alerts_once_to_coordinators_and_directors(buurt, team):
    signals = _vulnerable_world(buurt, team)
    signals(3, 5)  # May–July: 3
    signals(6, 9)  # August–October: 6 (≥ 5 and more than 1.2 × 3)
    today = datetime.date(2026, 11, 15)
    alerts_run_now(today)
    alert = Alert.objects.get(kind="vulnerable")
    assert alert.figures["low_income_index"] == 150 and alert.figures["recent"] == 6
    notified = set(Notification.objects.filter(kind="neighbourhood_alert").values_list("user__username", flat=True))
    assert notified == {"coordinator", "director"}
    text = str(Notification.objects.filter(user=team["coordinator"]).first().text)
    assert "Dapperbuurt Noord is kwetsbaar en onder druk" in text
    director_link = Notification.objects.get(user=team["director"]).url
    assert director_link == f"/overzicht/veerkracht/buurt/{buurt.code}/"

    assert alerts_run_now(today)["raised"] == 0  # still holds: no second alert
    assert Alert.objects.filter(kind="vulnerable").count() == 1
    # On 1 March 2027 the last quarter (December–February) holds no signal: the alert clears.
    alerts_run_now(datetime.date(2027, 3, 1))
    assert Alert.objects.get(kind="vulnerable").cleared_at is not None


def test_a_buurt_that_is_no_corporatiebuurt_does_not_alert(buurt, team):
    signals = _vulnerable_world(buurt, team)
    buurt.statistics.update(corporation_homes_pct=30)
    signals(8, 9)
    alerts_run_now(datetime.date(2026, 11, 15))
    assert not Alert.objects.filter(kind="vulnerable").exists()
