"""The monitor's figures against hand-computed values on the small fixed world (tests/monitor/monitor_world.py).

Read through the CSV downloads, i.e. exactly what the page shows.
"""

import csv
import io
import re

import pytest
import time_machine
from django.urls import reverse

from monitor.models import CorporationFigures
from monitor.services import sharing_set
from tests import factories as f

from .monitor_world import TODAY, build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def world(today):
    return build()


def table(client, user, url_name, figure, **kwargs):
    """{row label: {column: value}} of one of the monitor's CSV downloads, as `user` gets it."""
    client.force_login(user)
    response = client.get(reverse(f"monitor:{url_name}_csv", kwargs={**kwargs, "figure": figure}))
    assert response.status_code == 200
    # Dutch Excel's dialect (core/downloads.py): ';' between fields, decimal commas — read back as points.
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    return {row[0]: dict(zip(header[1:], map(decimal_point, row[1:]), strict=True)) for row in rows[1:]}


def decimal_point(value):
    return re.sub(r"^([+-]?\d+),(\d+)$", r"\1.\2", value)


def test_relative_index_and_trend_per_buurt(client, world):
    buurten = table(client, world.municipal_manager, "overview", "buurten")
    alfa, bravo, charlie = buurten["Alfa"], buurten["Bravo"], buurten["Charlie"]
    # Low income 18 % against Amsterdam's 12 %: 150; 2017 → 2019: 15 → 18, +3.0.
    assert alfa["Laag inkomen, index"] == "150"
    assert alfa["Laag inkomen, verandering"] == "+3.0"
    assert bravo["Laag inkomen, index"] == "50"
    assert charlie["Laag inkomen, index"] == "250"
    # Bijstand: 20 of 200 inhabitants = 100 per 1,000.
    assert alfa["Bijstand per 1.000 inwoners"] == "100.0"
    # Signals: 10 in Aug–Oct over 100 households = 100.0 per 1,000; May–Jul 50.0; +50.0.
    # The city: the 10 signals of the covered buurten over their 600 households (16.67): index 600.
    assert alfa["Meldingen per 1.000 huishoudens (kwartaal)"] == "100.0"
    assert alfa["Meldingen, verandering op het kwartaal ervoor"] == "+50.0"
    assert alfa["Meldingen, index"] == "600"
    assert bravo["Meldingen per 1.000 huishoudens (kwartaal)"] == "0.0"
    # Corporatiebuurt: 62 % and 80 % are; 20 % is not. Alfa is vulnerable and under pressure.
    assert [alfa["Corporatiebuurt"], bravo["Corporatiebuurt"], charlie["Corporatiebuurt"]] == ["ja", "nee", "ja"]
    assert [alfa["Kwetsbaar en onder druk"], charlie["Kwetsbaar en onder druk"]] == ["ja", "nee"]


def test_turnover_from_the_shared_corporation_figures(client, world):
    profile = table(client, world.municipal_manager, "neighbourhood", "indicators", code="BU03639001")
    turnover = profile["Mutatiegraad (verhuringen per 100 woningen), corporaties 2024 → 2025"]
    # Woonstad shares: 5 of 50 homes let in 2024, 10 in 2025. Eigenwijs does not share: left out.
    assert (turnover["Eerder"], turnover["Nu"], turnover["Verandering"]) == ("10.0", "20.0", "+10.0")
    assert (turnover["Amsterdam nu"], turnover["Index (Amsterdam = 100)"]) == ("20.0", "100")
    # 4 of the 10 lettings went to priority groups: 4 is a small number, so is the share made from it.
    priority = profile["Verhuringen aan voorrangsgroepen (%), corporaties 2024 → 2025"]
    assert priority["Nu"] == "<5"


def test_each_corporation_sees_its_own_figures_in_the_sum(client, world):
    def turnover(user):
        profile = table(client, user, "neighbourhood", "indicators", code="BU03639001")
        return profile["Mutatiegraad (verhuringen per 100 woningen), corporaties 2024 → 2025"]["Nu"]

    assert turnover(world.woonstad_manager) == "20.0"  # its own 10 of 50; Eigenwijs does not share
    assert turnover(world.eigenwijs_manager) == "13.3"  # its own 6 of 70 and Woonstad's 10 of 50: 16 of 120


def test_a_corporation_that_stops_sharing_disappears_from_the_others_figures(client, world):
    sharing_set(world.woonstad, False, by=world.woonstad_manager)
    # Eigenwijs never shared, Woonstad no longer does: the municipality's manager sees no corporation figures.
    assert table(client, world.municipal_manager, "neighbourhood", "corporation-figures", code="BU03639001") == {}
    assert (
        table(client, world.woonstad_manager, "neighbourhood", "corporation-figures", code="BU03639001")["2025"][
            "Verhuringen"
        ]
        == "10"
    )


def test_shared_figures_under_5_lettings_are_withheld(client, world):
    woonstad_2025 = CorporationFigures.objects.filter(organisation=world.woonstad, year=2025)
    woonstad_2025.update(lettings=4, lettings_urgent=0, lettings_status_holders=0)
    figures = table(client, world.municipal_manager, "neighbourhood", "corporation-figures", code="BU03639001")
    assert figures["2025"]["Corporatiewoningen"] == "niet gedeeld of minder dan 5 verhuringen"
    assert figures["2024"]["Verhuringen"] == "5"  # 2024's 5 lettings are enough
    assert figures["2024"]["Corporatiewoningen"] == "50"


def test_corporatiebuurten_against_the_other_buurten(client, world):
    split = table(client, world.municipal_manager, "overview", "corporatiebuurten")
    share = split["Corporatiewoningen (%), CBS 2017 → 2019"]
    # Alfa and Charlie, weighted by homes: (62 × 100 + 80 × 200) / 300 = 74.0; 2017: 73.3.
    assert (share["Corporatiebuurten (2): eerder"], share["Corporatiebuurten: nu"]) == ("73.3", "74.0")
    low_income = split["Huishoudens met een laag inkomen (%), CBS 2017 → 2019"]
    # Weighted by households: (18 × 100 + 30 × 300) / 400 = 27.0; 2017: (15 × 90 + 28 × 300) / 390 = 25.0.
    assert (low_income["Corporatiebuurten (2): eerder"], low_income["Corporatiebuurten: nu"]) == ("25.0", "27.0")
    assert low_income["Corporatiebuurten: verandering"] == "+2.0"
    assert (low_income["Overige buurten (1): eerder"], low_income["Overige buurten: nu"]) == ("7.0", "6.0")
    assert low_income["Amsterdam nu"] == "12.0"
    signals = split["Meldingen per 1.000 huishoudens, kwartaal op kwartaal"]
    # 10 and 5 signals over Alfa's and Charlie's 400 households.
    assert (signals["Corporatiebuurten (2): eerder"], signals["Corporatiebuurten: nu"]) == ("12.5", "25.0")


def test_small_counts_of_signals_are_suppressed(client, world):
    one = world.a.signals.order_by("-occurred_at").first().occurred_at  # in the last quarter
    f.SignalFactory(neighbourhood=world.b, reporting_organisation=world.woonstad, reported_by=world.professional,
                    occurred_at=one)  # fmt: skip
    bravo = table(client, world.municipal_manager, "overview", "buurten")["Bravo"]
    assert bravo["Meldingen per 1.000 huishoudens (kwartaal)"] == "<5"
    assert bravo["Meldingen, index"] == "<5"
    assert bravo["Meldingen, verandering op het kwartaal ervoor"] == "<5"


def test_the_quadrant_highlights_and_links_the_vulnerable_buurt(client, world):
    client.force_login(world.municipal_manager)
    response = client.get(reverse("monitor:overview"))
    html = response.content.decode()
    profile = reverse("monitor:neighbourhood", args=["BU03639001"])
    assert f'<a href="{profile}" class="quadrant__highlight" aria-label="Alfa">' in html
    assert "Bron: CBS" in html
    quadrant = table(client, world.municipal_manager, "overview", "quadrant")
    assert quadrant["Alfa"]["Kwetsbaar en onder druk"] == "ja"


def test_the_monitor_costs_the_same_queries_for_more_buurten_and_signals(client, world, django_assert_num_queries):
    client.force_login(world.municipal_manager)
    # Session, user, memberships, team buurten, the header's unread count (all but the session from the
    # cache after the first page, accounts/signed_in.py and partners/viewer.py); the buurten; Kerncijfers
    # of the buurten; the city's; signals per buurt; corporation figures; finished interventions.
    with django_assert_num_queries(10):
        assert client.get(reverse("monitor:overview")).status_code == 200
    more = f.NeighbourhoodFactory(district=world.district, code="BU03639004", name="Delta")
    world.a.teams.first().neighbourhoods.add(more)  # a team change: memberships and buurten are read again
    for _ in range(3):
        f.SignalFactory(neighbourhood=more, reporting_organisation=world.woonstad, reported_by=world.professional)
    with django_assert_num_queries(8):
        assert client.get(reverse("monitor:overview")).status_code == 200
    with django_assert_num_queries(6):
        assert client.get(reverse("monitor:neighbourhood", args=["BU03639001"])).status_code == 200
