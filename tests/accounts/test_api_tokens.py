"""API tokens: hashed at rest, expiring after API_TOKEN_DAYS, managed by their owner at /account/tokens/,
and revoked when the password changes or the owner (or their only organisation) is deactivated.

A refused token gets 403 rather than 401: session authentication comes first in the API's
authentication classes, and it has no challenge to send (as for anonymous requests)."""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests import factories as f

REFUSED = (401, 403)


def api_status(secret):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client.get("/api/cases/").status_code


def create_on_the_page(client):
    """Create a token through the page; returns the secret the page showed."""
    response = client.post(reverse("accounts:token_create"), follow=True)
    assert response.status_code == 200
    found = re.search(r'<code class="token-secret">([^<]+)</code>', response.content.decode())
    assert found, "the new token's secret is shown"
    return found.group(1)


@pytest.fixture
def owner_client(client, cast):
    client.force_login(cast.participant)
    return client


def test_a_token_is_created_on_the_page_shown_once_and_works(owner_client, cast):
    secret = create_on_the_page(owner_client)
    assert api_status(secret) == 200

    page = owner_client.get(reverse("accounts:tokens")).content.decode()
    assert secret not in page, "shown once only"
    token = AuthToken.objects.get(user=cast.participant)
    assert token.token_key[:8] in page
    assert secret not in (token.digest, token.token_key), "only a digest is stored"


def test_the_page_says_the_secret_will_not_be_shown_again(owner_client):
    response = owner_client.post(reverse("accounts:token_create"), follow=True, HTTP_ACCEPT_LANGUAGE="nl")
    assert "niet nog eens getoond" in response.content.decode()


def test_a_revoked_token_is_refused(owner_client, cast):
    secret = create_on_the_page(owner_client)
    key = AuthToken.objects.get(user=cast.participant).token_key
    assert owner_client.get(reverse("accounts:token_revoke", args=[key])).status_code == 200  # confirmation
    assert AuthToken.objects.filter(user=cast.participant).exists()
    response = owner_client.post(reverse("accounts:token_revoke", args=[key]))
    assert response.status_code == 302
    assert api_status(secret) in REFUSED


def test_revoke_all_refuses_every_token(owner_client, cast):
    secrets = [create_on_the_page(owner_client), create_on_the_page(owner_client)]
    assert owner_client.post(reverse("accounts:tokens_revoke_all")).status_code == 302
    assert [api_status(secret) for secret in secrets] == [403, 403]


def test_someone_elses_token_cannot_be_revoked(client, cast):
    _token, secret = AuthToken.objects.create(user=cast.participant)
    client.force_login(cast.outsider)
    key = _token.token_key
    assert client.get(reverse("accounts:token_revoke", args=[key])).status_code == 404
    assert client.post(reverse("accounts:token_revoke", args=[key])).status_code == 404
    assert client.post(reverse("accounts:tokens_revoke_all")).status_code == 302
    assert api_status(secret) == 200


def test_the_list_shows_only_ones_own_tokens(client, cast):
    theirs, _secret = AuthToken.objects.create(user=cast.participant)
    client.force_login(cast.outsider)
    assert theirs.token_key[:8] not in client.get(reverse("accounts:tokens")).content.decode()


def test_the_page_is_for_signed_in_users_only(client, db):
    response = client.get(reverse("accounts:tokens"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_token_expires_after_api_token_days(cast):
    _token, secret = AuthToken.objects.create(user=cast.participant)
    start = timezone.now()
    with time_machine.travel(start + datetime.timedelta(days=settings.API_TOKEN_DAYS) - datetime.timedelta(hours=1)):
        assert api_status(secret) == 200
    with time_machine.travel(start + datetime.timedelta(days=settings.API_TOKEN_DAYS, minutes=1)):
        assert api_status(secret) in REFUSED


def test_using_a_token_does_not_extend_it(cast):
    token, secret = AuthToken.objects.create(user=cast.participant)
    expiry = token.expiry
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        assert api_status(secret) == 200
    token.refresh_from_db()
    assert token.expiry == expiry


def test_a_password_change_through_the_page_refuses_the_token(owner_client, cast):
    _token, secret = AuthToken.objects.create(user=cast.participant)
    response = owner_client.post(
        reverse("password_change"),
        {"old_password": "demo", "new_password1": "Nieuw-wachtwoord-42", "new_password2": "Nieuw-wachtwoord-42"},
    )
    assert response.status_code == 302
    assert api_status(secret) in REFUSED


def test_set_password_and_save_refuses_the_token(cast):
    _token, secret = AuthToken.objects.create(user=cast.participant)
    cast.participant.set_password("Nieuw-wachtwoord-42")
    cast.participant.save()
    assert api_status(secret) in REFUSED


def test_saving_the_user_otherwise_keeps_the_token(cast):
    _token, secret = AuthToken.objects.create(user=cast.participant)
    cast.participant.first_name = "Kim"
    cast.participant.save()
    assert api_status(secret) == 200


def test_a_deactivated_user_is_refused(cast):
    _token, secret = AuthToken.objects.create(user=cast.participant)
    cast.participant.is_active = False
    cast.participant.save(update_fields=["is_active"])
    assert api_status(secret) in REFUSED
    assert not AuthToken.objects.filter(user=cast.participant).exists()


def test_deactivating_the_only_organisation_refuses_its_members_tokens(cast):
    _token, secret = AuthToken.objects.create(user=cast.participant)
    organisation = cast.case.lead_organisation
    organisation.is_active = False
    organisation.save()
    assert api_status(secret) in REFUSED
    assert not AuthToken.objects.filter(user=cast.participant).exists()


def test_a_member_of_another_active_organisation_keeps_their_token(cast):
    organisation = cast.case.lead_organisation
    other = f.OrganisationFactory(name="Tweede organisatie")
    other.memberships.create(user=cast.participant)
    _token, secret = AuthToken.objects.create(user=cast.participant)
    organisation.is_active = False
    organisation.save()
    assert AuthToken.objects.filter(user=cast.participant).exists()


def test_no_admin_page_shows_a_token(client, cast):
    token, secret = AuthToken.objects.create(user=cast.participant)
    admin = f.UserFactory(username="beheer", organisation=None, is_staff=True, is_superuser=True)
    client.force_login(admin)
    pages = [reverse("admin:index"), reverse("admin:auth_user_change", args=[cast.participant.pk])]
    pages += [reverse("admin:app_list", kwargs={"app_label": "auth"})]
    for page in pages:
        body = client.get(page).content.decode()
        assert token.digest not in body and secret not in body
    assert client.get(f"/admin/knox/authtoken/{token.digest}/change/").status_code == 404
    assert client.get("/admin/knox/authtoken/").status_code == 404
