"""Sign-in lockout: too many failed logins block the username and the address for a while."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse

from tests import factories as f

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def user(db):
    return f.UserFactory(username="wijkagent")


def log_in(client, username, password="fout", address="198.51.100.7", url=None):
    return client.post(url or reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, username, times, address="198.51.100.7", url=None):
    return [log_in(client, username, address=address, url=url) for _ in range(times)]


def logged_in(client):
    return "_auth_user_id" in client.session


def test_four_failures_still_allow_a_login(client, user):
    assert [response.status_code for response in fail(client, "wijkagent", 4)] == [200] * 4
    assert log_in(client, "wijkagent", "demo").status_code == 302
    assert logged_in(client)


def test_the_fifth_failure_locks_the_account_even_for_the_right_password(client, user):
    *_, fifth = fail(client, "wijkagent", 5)
    assert fifth.status_code == 429
    content = fifth.content.decode()
    assert "<h1>Inloggen is tijdelijk geblokkeerd</h1>" in content
    assert "15 minuten" in content

    locked = log_in(client, "wijkagent", "demo")
    assert locked.status_code == 429
    assert not logged_in(client)


def test_the_lock_follows_the_username_to_another_address(client, user):
    for number in range(5):
        log_in(client, "wijkagent", address=f"203.0.113.{number}")
    assert log_in(client, "wijkagent", "demo", address="203.0.113.99").status_code == 429
    assert not logged_in(client)


def test_the_lock_covers_every_username_from_the_address(client, user):
    for number in range(5):
        log_in(client, f"gok{number}", address="192.0.2.1")
    assert log_in(client, "wijkagent", "demo", address="192.0.2.1").status_code == 429
    assert log_in(client, "wijkagent", "demo", address="192.0.2.2").status_code == 302


def test_the_lock_ends_after_the_lockout_minutes(client, user):
    with time_machine.travel(START, tick=False) as traveller:
        fail(client, "wijkagent", 5)
        traveller.shift(timedelta(minutes=14))
        assert log_in(client, "wijkagent", "demo").status_code == 429
        # Trying during the lock does not make it longer.
        traveller.shift(timedelta(minutes=1, seconds=1))
        assert log_in(client, "wijkagent", "demo").status_code == 302
        assert logged_in(client)


def without_tokens(response):
    return re.sub(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"', "", response.content.decode())


def test_the_lockout_page_is_the_same_for_a_known_and_an_unknown_username(client, user):
    *_, known = fail(client, "wijkagent", 5, address="198.51.100.1")
    *_, unknown = fail(client, "niemand-bekend", 5, address="198.51.100.2")
    assert known.status_code == unknown.status_code == 429
    assert without_tokens(known) == without_tokens(unknown)
    assert "wijkagent" not in known.content.decode()


def test_the_lockout_page_is_in_english_with_the_language_cookie(client, user):
    client.cookies["django_language"] = "en"
    *_, locked = fail(client, "wijkagent", 5)
    assert "<h1>Logging in is blocked for now</h1>" in locked.content.decode()


def test_the_admin_login_is_locked_too(client, user):
    admin_login = reverse("admin:login")
    *_, fifth = fail(client, "wijkagent", 5, url=admin_login)
    assert fifth.status_code == 429
    assert log_in(client, "wijkagent", "demo").status_code == 429


def test_axes_reset_lifts_every_lock(client, user):
    fail(client, "wijkagent", 5)
    call_command("axes_reset", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert log_in(client, "wijkagent", "demo").status_code == 302


def test_an_administrator_sees_a_lock_in_the_admin_and_lifts_it(client, user, admin_client):
    fail(client, "wijkagent", 5)
    changelist = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200
    assert "wijkagent" in changelist.content.decode()

    attempt = AccessAttempt.objects.get(username="wijkagent")
    deleted = admin_client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert deleted.status_code == 302
    assert log_in(client, "wijkagent", "demo").status_code == 302


def test_the_password_is_not_stored_with_the_attempt(client, user):
    log_in(client, "wijkagent", password="Geheim-Wachtwoord-1")
    attempt = AccessAttempt.objects.get()
    assert "Geheim-Wachtwoord-1" not in attempt.post_data


def test_behind_a_trusted_proxy_the_client_address_is_locked_not_the_proxy(client, user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(5):
        # Whatever the client writes into X-Forwarded-For itself, the proxy appends what it saw.
        client.post(
            reverse("login"),
            {"username": f"gok{number}", "password": "fout"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"1.2.3.{number}, 192.0.2.50",
        )
    right = {"username": "wijkagent", "password": "demo"}
    locked = client.post(reverse("login"), right, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.50")
    assert locked.status_code == 429
    colleague = client.post(reverse("login"), right, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.51")
    assert colleague.status_code == 302
