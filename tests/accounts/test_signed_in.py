"""Who is signed in is kept between requests (accounts/signed_in.py), and every change counts from the next one.

A signed-in request does not ask the database for its user or second-factor device once they are
kept; a changed password, a deactivated account, a reset of the devices or a deleted user all count
from the very next request, as they do without the cache.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.signed_in import _keys
from accounts.two_factor import reset_devices
from tests import factories as f

from .test_two_factor import HOME, SETUP, VERIFY, enrol, log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified(client, settings):
    """A member signed in with password and authenticator code, their first page behind them."""
    settings.TWO_FACTOR_REQUIRED = True
    member = f.UserFactory(username="lid", organisation=f.OrganisationFactory(name="Wijkteam"))
    log_in(client, member)
    enrol(client, member)
    assert client.get(HOME).status_code == 200
    return member


def tables_read(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, " ".join(q["sql"] for q in queries.captured_queries)


def test_the_next_request_reads_the_user_and_device_from_the_cache(client, verified):
    response, sql = tables_read(client, HOME)
    assert response.status_code == 200
    assert response.wsgi_request.user == verified
    assert response.wsgi_request.user.is_verified()
    assert 'FROM "auth_user" WHERE "auth_user"."id" =' not in sql
    assert "otp_totp_totpdevice" not in sql


def test_the_kept_user_holds_no_password_hash_and_still_checks_a_password(client, verified):
    client.get(HOME)
    kept = cache.get(_keys(verified.pk)[1])[1]
    assert "password" not in vars(kept["user"][1])
    user = client.get(HOME).wsgi_request.user._wrapped
    assert "password" not in vars(user)
    assert user.check_password("demo")  # read from the database when asked for


def test_a_changed_password_signs_out_on_the_next_request(client, verified):
    verified.set_password("een ander wachtwoord")
    verified.save()
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_deactivated_account_is_signed_out_on_the_next_request(client, verified):
    verified.is_active = False
    verified.save()
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_deleted_account_is_signed_out_on_the_next_request(client, verified):
    verified.delete()
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_reset_devices_asks_for_the_second_factor_on_the_next_request(client, verified):
    assert reset_devices(verified) == 2  # the app and the backup codes
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)


def test_an_unconfirmed_device_gives_no_second_factor(client, verified):
    TOTPDevice.objects.filter(user=verified).update(confirmed=False)  # no signal: the kept device says confirmed
    verified.save()  # any save of the user makes the kept state out of date
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)  # the backup codes are still there to confirm with


def test_the_version_is_replaced_again_when_the_change_commits(verified, django_capture_on_commit_callbacks):
    """An answer read from the database before the commit must not stay valid after it."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        TOTPDevice.objects.get(user=verified).save()
        saved = cache.get(_keys(verified.pk)[0])
    assert callbacks
    assert cache.get(_keys(verified.pk)[0]) != saved


def test_another_users_session_never_gets_the_kept_user(client, verified):
    other = f.UserFactory(username="ander", organisation=f.OrganisationFactory(name="Politie"))
    client.force_login(other)
    assert client.get(reverse("cases:signal_list")).wsgi_request.user == other


def test_what_the_user_is_a_member_of_comes_with_the_user_in_one_round_trip(client, verified, monkeypatch):
    asked, get_many = [], cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys, *args: asked.append(list(keys)) or get_many(keys, *args))
    response = client.get(HOME)
    assert response.status_code == 200 and response.wsgi_request.user.is_verified()
    (with_the_user,) = [keys for keys in asked if any(k.startswith("signed-in") for k in keys)]
    assert any(k.startswith("partnership-version") for k in with_the_user)
    assert any(k.startswith("viewer:") for k in with_the_user)
    assert not [k for keys in asked if keys is not with_the_user for k in keys if k.startswith("viewer:")]
