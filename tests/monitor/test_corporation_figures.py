"""A corporation enters its figures on a form or as a CSV upload; a bad line saves nothing; who may do it."""

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from monitor.models import CorporationFigures, FiguresRecord, SharingSetting
from monitor.uploads import HEADERS, template_response

from .monitor_world import TODAY, build

pytestmark = pytest.mark.django_db

HEADER = "buurtcode;buurtnaam;" + ";".join(HEADERS.values())


@pytest.fixture
def world():
    with time_machine.travel(TODAY, tick=False):
        yield build()


def upload(client, world, lines, year=2025, who=None):
    client.force_login(who or world.woonstad_manager)
    data = ("\n".join([HEADER, *lines]) + "\n").encode()
    return client.post(
        reverse("monitor:corporation_upload"),
        {"organisation": world.woonstad.pk, "year": year, "file": SimpleUploadedFile("cijfers.csv", data)},
    )


def test_the_template_has_dutch_headers_separated_by_semicolons(client, world):
    client.force_login(world.woonstad_manager)
    response = client.get(reverse("monitor:corporation_template"))
    first = response.content.decode("utf-8-sig").splitlines()[0]
    assert first == HEADER
    assert "BU03639001;Alfa;" in response.content.decode("utf-8-sig")  # the buurten it entered last year
    assert template_response().status_code == 200


def test_an_upload_replaces_the_year_and_keeps_who_and_when(client, world):
    response = upload(client, world, ["BU03639001;Alfa;60;12;3;1;1;1;0;2", "BU03639003;Charlie;1.200;90;20;5;5;5;2;10"])
    assert response.status_code == 302
    rows = CorporationFigures.objects.filter(organisation=world.woonstad, year=2025).order_by("neighbourhood__code")
    assert [(r.neighbourhood.code, r.homes, r.lettings) for r in rows] == [
        ("BU03639001", 60, 12),
        ("BU03639003", 1200, 90),
    ]
    record = FiguresRecord.objects.get(organisation=world.woonstad, channel="upload")
    assert (record.year, record.rows, record.replaced, record.by, record.file_name) == (
        2025, 2, 1, world.woonstad_manager, "cijfers.csv"
    )  # fmt: skip
    # 2024 is untouched, and Eigenwijs's own 2025 too.
    assert CorporationFigures.objects.filter(organisation=world.woonstad, year=2024).count() == 1
    assert CorporationFigures.objects.filter(organisation=world.eigenwijs, year=2025).count() == 1


def test_bad_lines_are_reported_by_number_and_nothing_is_saved(client, world):
    before = list(CorporationFigures.objects.values_list("pk", "lettings"))
    response = upload(
        client,
        world,
        [
            "BU03639001;Alfa;60;12;3;1;1;1;0;2",  # line 2: fine
            "BU09999999;Nergens;60;12;3;1;1;1;0;2",  # line 3: unknown buurt
            "BU03639003;Charlie;200;12,5;3;1;1;1;0;2",  # line 4: not a whole number
            "BU03639002;Bravo;10;20;0;0;0;0;0;0",  # line 5: more lettings than homes
            "BU03639001;Alfa;60;12;3;1;1;1;0;2",  # line 6: Alfa again
            "BU03639002;Bravo;10",  # line 7: too few fields
        ],
    )
    assert response.status_code == 200
    errors = response.context["line_errors"]
    assert [line for line, _reason in errors] == [3, 4, 5, 6, 7]
    text = response.content.decode()
    assert "Er is niets opgeslagen" in text
    assert "Regel 3: “BU09999999” is geen bekende CBS-buurtcode" in text
    assert "Regel 4: “12,5” in kolom “verhuringen” is geen geheel getal van 0 of meer" in text
    assert "Regel 5: Meer verhuringen dan woningen." in text
    assert "Regel 6: buurt BU03639001 staat ook op regel 2" in text
    assert "Regel 7: 10 velden verwacht, 3 gevonden" in text
    assert list(CorporationFigures.objects.values_list("pk", "lettings")) == before
    assert not FiguresRecord.objects.exists()


def test_a_comma_separated_file_is_refused_with_the_reason(client, world):
    client.force_login(world.woonstad_manager)
    data = b"buurtcode,buurtnaam,woningen\nBU03639001,Alfa,60\n"
    response = client.post(
        reverse("monitor:corporation_upload"),
        {"organisation": world.woonstad.pk, "year": 2025, "file": SimpleUploadedFile("c.csv", data)},
    )
    assert "gescheiden door komma" in response.content.decode()
    assert response.context["line_errors"][0][0] == 1


def test_the_form_enters_one_buurt_and_refuses_contradictions(client, world):
    client.force_login(world.woonstad_manager)
    values = {
        "organisation": world.woonstad.pk, "neighbourhood": "BU03639002", "year": 2025, "homes": 40,
        "lettings": 4, "lettings_urgent": 3, "lettings_sheltered": 3, "lettings_status_holders": 0,
        "lettings_other_priority": 0, "nuisance_terminations": 0, "leavers_middle_income": 1,
    }  # fmt: skip
    response = client.post(reverse("monitor:corporation_enter"), values)
    assert response.status_code == 200
    assert "De verhuringen aan voorrangsgroepen zijn samen meer dan alle verhuringen." in response.content.decode()
    assert not CorporationFigures.objects.filter(neighbourhood=world.b).exists()
    response = client.post(reverse("monitor:corporation_enter"), {**values, "lettings_sheltered": 0})
    assert response.status_code == 302
    assert CorporationFigures.objects.get(neighbourhood=world.b).lettings_urgent == 3
    assert FiguresRecord.objects.get(channel="form").by == world.woonstad_manager


def test_the_detail_is_the_corporations_own(client, world):
    client.force_login(world.woonstad_manager)
    page = client.get(reverse("monitor:corporation")).content.decode()
    assert "Corporatiecijfers van Woonstad" in page
    # Another corporation's page is not found; people who may not enter figures are refused.
    assert client.get(reverse("monitor:corporation"), {"organisation": world.eigenwijs.pk}).status_code == 404
    for who in (world.municipal_manager, world.professional):
        client.force_login(who)
        assert client.get(reverse("monitor:corporation")).status_code == 403
        assert upload(client, world, ["BU03639001;Alfa;60;12;3;1;1;1;0;2"], who=who).status_code == 403


def test_the_sharing_setting_is_switched_by_the_corporation(client, world):
    client.force_login(world.eigenwijs_manager)
    response = client.post(reverse("monitor:corporation_sharing"), {"organisation": world.eigenwijs.pk, "shares": "on"})
    assert response.status_code == 302
    assert SharingSetting.objects.get(organisation=world.eigenwijs).shares_aggregates
    client.force_login(world.woonstad_manager)
    response = client.post(reverse("monitor:corporation_sharing"), {"organisation": world.eigenwijs.pk, "shares": ""})
    assert response.status_code == 404
    assert SharingSetting.objects.get(organisation=world.eigenwijs).shares_aggregates
