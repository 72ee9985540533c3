"""Logging in and out, and resetting a forgotten password: in Dutch, without JavaScript."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests import factories as f


@pytest.fixture
def user(db):
    user = f.UserFactory(username="wijkagent", email="wijkagent@example.org", first_name="Fatima", last_name="Bakker")
    user.set_password("demo")
    user.save(update_fields=["password"])
    return user


@pytest.mark.django_db
def test_login_page_is_dutch_with_labelled_fields(client):
    content = client.get(reverse("login")).content.decode()
    assert '<html lang="nl">' in content
    assert "<h1>Inloggen</h1>" in content
    assert '<label for="id_username">Gebruikersnaam:</label>' in content
    assert '<label for="id_password">Wachtwoord:</label>' in content
    assert "Wachtwoord vergeten?" in content


def test_login_through_the_form_lands_on_my_work(client, user):
    response = client.post(reverse("login"), {"username": "wijkagent", "password": "demo"}, follow=True)
    assert response.redirect_chain == [(reverse("cases:home"), 302)]
    content = response.content.decode()
    assert "<h1>Mijn werk</h1>" in content
    assert "Fatima Bakker" in content


def test_login_returns_to_the_page_asked_for(client, user):
    response = client.post(reverse("login"), {"username": "wijkagent", "password": "demo", "next": "/casussen/1/"})
    assert response.status_code == 302
    assert response.url == "/casussen/1/"


def test_wrong_password_shows_a_dutch_error_and_keeps_the_username(client, user):
    response = client.post(reverse("login"), {"username": "wijkagent", "password": "fout"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in content
    assert 'value="wijkagent"' in content
    assert 'role="alert"' in content
    assert "_auth_user_id" not in client.session


def test_english_is_available_through_the_language_switch(client, user):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")}, follow=True)
    content = response.content.decode()
    assert '<html lang="en">' in content
    assert "<h1>Log in</h1>" in content


def test_password_reset_mails_a_link_that_sets_a_new_password(client, user):
    response = client.post(reverse("password_reset"), {"email": "wijkagent@example.org"}, follow=True)
    assert "Kijk in je e-mail" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["wijkagent@example.org"]
    assert message.subject == "Stel je Veerkracht-wachtwoord opnieuw in"
    assert "Je gebruikersnaam is: wijkagent" in message.body
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert "Kies een nieuw wachtwoord" in form_page.content.decode()
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_password_url,
        {"new_password1": "Zonnebloem-Oost-2026", "new_password2": "Zonnebloem-Oost-2026"},
        follow=True,
    )
    assert "Wachtwoord opgeslagen" in done.content.decode()
    assert client.login(username="wijkagent", password="Zonnebloem-Oost-2026")


def test_password_reset_for_unknown_address_sends_nothing_and_says_the_same(client, user):
    response = client.post(reverse("password_reset"), {"email": "niemand@example.org"}, follow=True)
    assert "Kijk in je e-mail" in response.content.decode()
    assert mail.outbox == []


def test_used_reset_link_is_refused(client, user):
    client.post(reverse("password_reset"), {"email": "wijkagent@example.org"})
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    set_password_url = client.get(link).url
    client.post(set_password_url, {"new_password1": "Zonnebloem-Oost-2026", "new_password2": "Zonnebloem-Oost-2026"})
    again = client.get(link, follow=True)
    assert "Deze link is niet meer geldig" in again.content.decode()


def test_logout_is_a_post_from_the_header(client, user):
    client.force_login(user)
    home = client.get(reverse("cases:home")).content.decode()
    assert f'<form method="post" action="{reverse("logout")}"' in home
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response.url == reverse("login")
    assert client.get(reverse("cases:home")).status_code == 302
