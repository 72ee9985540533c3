"""The API signal list: rows read with values() render exactly as SignalSerializer renders the signal, and
the cursor pages walk every visible signal once, in order, with no count."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIClient

from cases.models import Severity, Signal, SignalStatus
from cases.serializers import SIGNAL_LIST_COLUMNS, SignalSerializer, signal_list_rows
from tests import factories as f

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def reader(cast):
    """The participant: in the case's lead organisation and in a team covering its neighbourhood."""
    client = APIClient()
    client.force_login(cast.participant)
    return client


@pytest.fixture
def variety(cast):
    """Signals that differ in everything SignalSerializer shows (the cast's own signal among them)."""
    here = cast.case.neighbourhood
    others = f.CaseFactory(neighbourhood=here)  # a case the reader takes no part in
    nameless = f.UserFactory(first_name="", last_name="", organisation=cast.case.lead_organisation)
    f.SignalFactory(neighbourhood=here, case=cast.case, status=SignalStatus.LINKED)
    f.SignalFactory(neighbourhood=here, case=others, status=SignalStatus.LINKED)
    f.SignalFactory(neighbourhood=here, reported_by=nameless, reporting_organisation=cast.case.lead_organisation)
    f.SignalFactory(neighbourhood=here, postcode="1094 AB", house_number=17)
    f.SignalFactory(neighbourhood=here, postcode="1094 AB", house_number=17, house_number_addition="H")
    f.SignalFactory(neighbourhood=here, status=SignalStatus.CLOSED, status_reason="Dubbel gemeld")
    f.SignalFactory(neighbourhood=here, description='Zegt "ga weg" — café\u2028\u00e9\U0001f600 <b>&amp;</b>')
    for severity in Severity.values:
        f.SignalFactory(neighbourhood=here, severity=severity)
    # Summer and winter time, whole seconds (no microseconds in the ISO text), and midnight UTC.
    f.SignalFactory(neighbourhood=here, occurred_at=datetime.datetime(2026, 7, 1, 12, 0, tzinfo=AMSTERDAM))
    f.SignalFactory(neighbourhood=here, occurred_at=datetime.datetime(2026, 1, 5, 8, 30, 15, 1, tzinfo=AMSTERDAM))
    f.SignalFactory(neighbourhood=here, occurred_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC))
    f.SignalFactory(category="VUI")  # elsewhere, reported by others: not the reader's to see
    return Signal.objects.visible_to(cast.participant).with_visible_case(cast.participant)


@pytest.mark.django_db
def test_list_rows_render_byte_for_byte_as_the_signal_serializer(cast, variety):
    rows = signal_list_rows(variety.values(*SIGNAL_LIST_COLUMNS))
    instances = variety.select_related("neighbourhood", "reporting_organisation", "reported_by")
    assert len(rows) == 15
    assert JSONRenderer().render(rows) == JSONRenderer().render(SignalSerializer(instances, many=True).data)


@pytest.mark.django_db
def test_the_api_list_renders_byte_for_byte_as_the_signal_serializer(cast, variety, reader):
    expected = JSONRenderer().render(SignalSerializer(variety.order_by("-occurred_at", "-pk"), many=True).data)
    response = reader.get("/api/signals/")
    assert response.content == b'{"next":null,"previous":null,"results":' + expected + b"}"
    assert {row["case"] for row in response.json()["results"]} == {None, cast.case.pk}  # not the others' case


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
