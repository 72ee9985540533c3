"""The API signal list: the cursor pages walk every visible signal once, in order, with no count."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from rest_framework.test import APIClient

from cases.models import Signal
from tests import factories as f

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def reader(cast):
    """The participant: in the case's lead organisation and in a team covering its neighbourhood."""
    client = APIClient()
    client.force_login(cast.participant)
    return client


def walk(client, url, *, key="next"):
    """The ids on every page from `url` on, following the `key` links, and the pages' sizes."""
    ids, sizes = [], []
    while url:
        body = client.get(url).json()
        assert "count" not in body
        ids += [row["id"] for row in body["results"]]
        sizes.append(len(body["results"]))
        url = body[key]
    return ids, sizes


@pytest.mark.django_db
def test_cursor_pages_walk_every_visible_signal_once_newest_first(cast, reader):
    here = cast.case.neighbourhood
    same_moment = datetime.datetime(2026, 2, 1, 9, 0, tzinfo=AMSTERDAM)  # ties the cursor has to count past
    f.SignalFactory.create_batch(60, neighbourhood=here, occurred_at=same_moment)
    f.SignalFactory.create_batch(55, neighbourhood=here)
    f.SignalFactory(category="VUI")  # not visible
    expected = list(
        Signal.objects.visible_to(cast.participant).order_by("-occurred_at", "-pk").values_list("pk", flat=True)
    )

    ids, sizes = walk(reader, "/api/signals/")
    assert ids == expected and sizes == [50, 50, 16]

    oldest_first, _sizes = walk(reader, "/api/signals/?ordering=occurred_at")
    assert oldest_first == expected[::-1]

    last_page = reader.get("/api/signals/").json()
    while last_page["next"]:
        last_page = reader.get(last_page["next"]).json()
    backwards, _sizes = walk(reader, last_page["previous"], key="previous")
    assert backwards == expected[50:100] + expected[:50]  # each page still newest first


@pytest.mark.django_db
def test_the_list_sorts_by_time_only(reader):
    response = reader.get("/api/signals/", {"ordering": "severity"})
    assert response.status_code == 400
    assert "ordering" in response.json()


@pytest.mark.django_db
def test_a_cursor_that_is_not_one_answers_404(reader):
    assert reader.get("/api/signals/", {"cursor": "cD1ub25zZW5zZQ=="}).status_code == 404  # p=nonsense
