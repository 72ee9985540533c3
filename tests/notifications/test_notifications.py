"""The bell: a count of unread notifications in the header, a list, marking read."""

import re

import pytest
from django.urls import reverse

from notifications.models import Notification, notify_coordinators
from tests import factories as f


@pytest.fixture
def user(db):
    return f.UserFactory(username="coordinator", role="coordinator")


def notify(user, url="/casussen/1/"):
    return Notification.objects.create(
        user=user,
        kind="invited_to_case",
        code="invited_to_case",
        data={"case_id": 1, "case": "Portiek", "organisation": "GGZ Amstel"},
        url=url,
    )


def test_header_shows_the_unread_count(client, user):
    notify(user)
    notify(user)
    client.force_login(user)
    content = client.get(reverse("notifications:list")).content.decode()
    assert 'badge--count">2<' in content


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, user):
    notification = notify(user)
    client.force_login(user)
    response = client.post(reverse("notifications:mark_read", args=[notification.pk]))
    assert response.status_code == 302
    assert response.url == "/casussen/1/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_an_offsite_link_is_not_followed(client, user):
    notification = notify(user, url="https://evil.example/")
    client.force_login(user)
    response = client.post(reverse("notifications:mark_read", args=[notification.pk]))
    assert response.url == reverse("notifications:list")


def test_someone_elses_notification_is_404(client, user):
    other = notify(f.UserFactory(username="other"))
    client.force_login(user)
    assert client.post(reverse("notifications:mark_read", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_mark_all_read(client, user):
    notify(user)
    notify(user)
    client.force_login(user)
    client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(user=user).unread().exists()


def test_list_has_a_fixed_query_count(client, user, django_assert_num_queries):
    client.force_login(user)
    for _ in range(30):
        notify(user)
    # user (the session comes from the cache), header organisations, header unread count, page count, page rows
    with django_assert_num_queries(5):
        client.get(reverse("notifications:list"))


def badge(client):
    content = client.get(reverse("notifications:list")).content.decode()
    match = re.search(r'badge--count">(\d+)<', content)
    return int(match.group(1)) if match else 0


def test_the_unread_count_is_kept_between_pages_and_every_change_shows_on_the_next(
    client, user, django_assert_num_queries
):
    notify(user)
    client.force_login(user)
    assert badge(client) == 1
    with django_assert_num_queries(2):  # the list's count and rows: the header's count comes from the cache
        assert badge(client) == 1
    notify(user)  # a new notification (a save)
    assert badge(client) == 2
    organisation = user.memberships.get().organisation
    notify_coordinators(organisation, kind="invited_to_case", code="invited_to_case",
                        data={"case_id": 1, "case": "Portiek", "organisation": "GGZ Amstel"})  # fmt: skip
    assert badge(client) == 3  # a bulk create
    first = Notification.objects.filter(user=user).first()
    client.post(reverse("notifications:mark_read", args=[first.pk]))
    assert badge(client) == 2  # one read
    client.post(reverse("notifications:mark_all_read"))
    assert badge(client) == 0  # all read in one update
    notify(user).delete()
    assert badge(client) == 0
