"""The page header and footer are rendered once per user and kept (accounts/templatetags/kept_parts.py).

What they show counts from the next request after any change to it: the unread count, the user's name
and staff flag, their organisations, the language; every page marks its own menu item; and each
request fills in its own CSRF token and path, so no session ever gets another one's.
"""

import re

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.signed_in import kept_for
from accounts.templatetags.kept_parts import CSRF_PLACEHOLDER, KEPT_NAME, PATH_PLACEHOLDER
from notifications.models import Notification

pytestmark = pytest.mark.django_db

HOME = reverse("cases:home")
SIGNALS = reverse("cases:signal_list")


def header(response):
    content = response.content.decode()
    return content[content.index('<header class="site-header">') : content.index("</header>")]


def current_items(response):
    """The menu items marked as the current page."""
    return [item.strip() for item in re.findall(r'aria-current="page">([^<]+)<', header(response))]


def tokens(response):
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())


@pytest.fixture
def member(client, cast):
    client.force_login(cast.participant)
    return cast.participant


@pytest.fixture
def case(cast):
    return cast.case


def test_a_kept_header_and_footer_are_what_rendering_them_gives(client, member):
    # The clock stands still: the session's countdown in the footer is in seconds.
    with time_machine.travel(timezone.now(), tick=False):
        first = client.get(f"{SIGNALS}?status=new").content.decode()
        assert kept_for(member).get(KEPT_NAME)  # kept after the first page ...
        second = client.get(f"{SIGNALS}?status=new").content.decode()

    def without_tokens(content):
        return re.sub(r'(value=|"X-CSRFToken": )"[A-Za-z0-9]{64}"', "TOKEN", content)

    assert without_tokens(second) == without_tokens(first)  # ... and shown as it was rendered
    assert CSRF_PLACEHOLDER not in second and PATH_PLACEHOLDER not in second


def test_every_page_marks_its_own_menu_item(client, member, case):
    assert current_items(client.get(HOME)) == ["Mijn werk"]
    assert current_items(client.get(SIGNALS)) == ["Meldingen"]
    assert current_items(client.get(reverse("cases:detail", args=[case.pk]))) == ["Casussen"]
    assert current_items(client.get(HOME)) == ["Mijn werk"]  # kept, and still its own
    assert current_items(client.get(reverse("notifications:list"))) == ["Notificaties"]
    assert current_items(client.get(reverse("accounts:tokens"))) == ["API-tokens"]


def test_a_new_notification_shows_in_the_count_on_the_next_page(client, member):
    assert "badge--count" not in header(client.get(HOME))
    Notification.objects.create(user=member, kind="invited_to_case", code="invited_to_case", data={}, url="/")
    assert '<span class="badge badge--count">1' in header(client.get(HOME))


def test_a_renamed_organisation_and_a_new_staff_flag_show_on_the_next_page(client, member):
    client.get(HOME)
    organisation = member.memberships.get().organisation
    organisation.name = "Woonstichting Nieuwe Naam"
    organisation.save()
    assert "Woonstichting Nieuwe Naam" in header(client.get(HOME))
    member.is_staff = True
    member.save()
    assert reverse("admin:index") in header(client.get(HOME))


def test_the_menu_follows_the_language(client, member):
    assert "Mijn werk" in header(client.get(HOME))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = header(client.get(HOME))
    assert "My work" in english and "Mijn werk" not in english


def test_the_language_form_returns_to_this_page_with_its_query_escaped(client, member):
    client.get(HOME)
    content = client.get(SIGNALS, {"q": '"><b>'}).content.decode()
    assert 'name="next" type="hidden" value="/meldingen/?q=%22%3E%3Cb%3E"' in content
    assert "<b>" not in content


def test_each_session_of_the_same_user_posts_with_its_own_token(cast):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    for browser in (first, second):
        browser.force_login(cast.participant)
    first.get(HOME)  # renders and keeps the parts
    page = second.get(HOME)  # the kept parts, with this session's token filled in
    assert tokens(page) and len(set(tokens(page))) == len(tokens(page))
    language = {"language": "en", "next": HOME, "csrfmiddlewaretoken": tokens(page)[-1]}
    switched = second.post(reverse("set_language"), language)
    assert switched.status_code == 302
    logged_out = second.post(reverse("logout"), {"csrfmiddlewaretoken": tokens(page)[0]})
    assert logged_out.status_code == 302
    assert first.get(HOME).status_code == 200  # the other session is still signed in


def test_anonymous_pages_render_the_parts_as_they_stand(client):
    content = client.get(reverse("login"), {"next": HOME}).content.decode()
    assert 'value="/accounts/login/?next=%2F"' in content
    assert CSRF_PLACEHOLDER not in content and "site-nav" not in content
