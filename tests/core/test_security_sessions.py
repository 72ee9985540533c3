"""A signed-in session ends after SESSION_IDLE_MINUTES without activity and SESSION_MAX_HOURS after the login."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from tests import factories as f

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def user(db):
    return f.UserFactory(username="wijkagent")


@pytest.fixture
def traveller():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def log_in(client):
    response = client.post(reverse("login"), {"username": "wijkagent", "password": "demo"})
    assert response.status_code == 302


def logged_in(client):
    return "_auth_user_id" in client.session


def test_activity_keeps_a_session_going_and_half_an_hour_idle_ends_it(client, user, traveller):
    log_in(client)
    for _ in range(3):
        traveller.shift(timedelta(minutes=29))
        assert client.get(reverse("cases:home")).status_code == 200

    traveller.shift(timedelta(minutes=30, seconds=1))
    response = client.get(reverse("cases:signal_list") + "?status=new")
    assert response.status_code == 302
    assert response.url == reverse("login") + "?next=/meldingen/%3Fstatus%3Dnew"
    assert not logged_in(client)

    login_page = client.get(response.url).content.decode()
    assert "Je bent uitgelogd na 30 minuten zonder activiteit." in login_page


def test_a_session_ends_after_twelve_hours_however_busy(client, user, traveller):
    log_in(client)
    for _ in range(12 * 3 - 1):
        traveller.shift(timedelta(minutes=20))
        assert client.get(reverse("cases:home")).status_code == 200
    traveller.shift(timedelta(minutes=20, seconds=1))
    response = client.get(reverse("cases:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert "een sessie duurt hoogstens 12 uur" in client.get(response.url).content.decode()


def test_the_limits_come_from_the_settings(client, user, traveller, settings):
    settings.SESSION_IDLE_MINUTES = 5
    log_in(client)
    traveller.shift(timedelta(minutes=4))
    assert client.get(reverse("cases:home")).status_code == 200
    traveller.shift(timedelta(minutes=5, seconds=1))
    assert client.get(reverse("cases:home")).status_code == 302


def test_a_form_sent_after_expiry_returns_to_the_page_it_came_from(client, user, traveller):
    log_in(client)
    traveller.shift(timedelta(minutes=31))
    response = client.post(
        reverse("cases:signal_new"), {"description": "..."}, HTTP_REFERER="http://testserver/meldingen/nieuw/"
    )
    assert response.status_code == 302
    assert response.url == reverse("login") + "?next=/meldingen/nieuw/"


def test_a_form_from_another_site_after_expiry_goes_to_the_plain_login_page(client, user, traveller):
    log_in(client)
    traveller.shift(timedelta(minutes=31))
    response = client.post(reverse("cases:signal_new"), {}, HTTP_REFERER="https://elders.example/meldingen/nieuw/")
    assert response.url == reverse("login")


def test_an_htmx_request_after_expiry_loads_the_login_page_as_a_whole_page(client, user, traveller):
    log_in(client)
    traveller.shift(timedelta(minutes=31))
    response = client.get(
        reverse("cases:signal_list") + "?page=2",
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/meldingen/?status=new",
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("login") + "?next=/meldingen/%3Fstatus%3Dnew"
    assert not logged_in(client)


def test_the_session_cookie_ends_with_the_browser_and_the_session_after_twelve_hours(client, user):
    log_in(client)
    cookie = client.cookies["sessionid"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""
    assert client.session.get_expiry_age() == 12 * 60 * 60


def test_a_signed_in_page_carries_the_time_left_for_the_warning(client, user, traveller):
    log_in(client)
    traveller.shift(timedelta(minutes=10))
    content = client.get(reverse("cases:home")).content.decode()
    warning = re.search(r'<div class="wrap session-warning" id="session-warning"[^>]*>', content).group(0)
    assert 'data-idle-seconds="1800"' in warning
    assert 'data-idle-left="1800"' in warning  # the request just now was activity
    assert f'data-total-left="{12 * 3600 - 600}"' in warning
    assert '<script src="/static/js/session.js" defer></script>' in content


def test_the_login_page_has_no_session_warning(client, db):
    assert 'id="session-warning"' not in client.get(reverse("login")).content.decode()
