"""The dashboard figures against numbers worked out by hand (the world is described in conftest.py).

Figures are read from the CSV downloads, which hold exactly the numbers of the
tables on the pages; test_pages.py checks that the pages show the same.
"""

import csv
import datetime
import io

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation

from core import tables
from dashboards import figures
from interventions.models import Action
from tests import factories as f
from tests.dashboards.dashboard_world import build_world

MONTHS = 12


def read_csv(client, url_name, figure, *args):
    response = client.get(reverse(f"dashboards:{url_name}_csv", args=[*args, figure]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return rows[0], {row[0]: row[1:] for row in rows[1:]}


def month(row, back):
    """The cell for the month `back` months ago in a signals-per-month row (months run oldest first)."""
    return row[MONTHS - 1 - back]


def total(row):
    return row[MONTHS]


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def manager_client(client, world):
    client.cookies["django_language"] = "en"
    client.force_login(world.manager)
    return client


AREA_HEADER = [
    "Area",
    "Signals (12 months)",
    "Households (CBS)",
    "Signals per 1,000 households",
    "Signals, last 3 months",
    "Signals, 3 months before",
    "Change in signals",
    "Change in signals (%)",
    "Open cases",
    "SES-WOA score (CBS)",
    "CBS year",
]


@pytest.mark.django_db
def test_signals_per_month_by_category_over_all_my_neighbourhoods(manager_client):
    header, rows = read_csv(manager_client, "neighbourhoods", "signals-per-month")

    assert header[0] == "Category" and header[-1] == "Total" and len(header) == MONTHS + 2
    # Largest category first; the total row last. N4 (outside my teams) and M-13 are not counted.
    assert list(rows) == ["Noise", "Aggression / intimidation", "Neighbour dispute", "All categories"]
    noise, aggression, dispute, everything = rows.values()
    assert (month(noise, 1), month(noise, 2), total(noise)) == ("13", "5", "18")
    assert (month(aggression, 5), total(aggression)) == ("7", "7")
    assert (month(dispute, 1), total(dispute)) == ("<5", "<5")
    assert (month(everything, 1), month(everything, 2), month(everything, 5), total(everything)) == (
        "16",
        "5",
        "7",
        "28",
    )
    assert month(everything, 3) == month(everything, 0) == "0"


@pytest.mark.django_db
def test_figures_per_area_with_rates_changes_and_open_cases(manager_client):
    header, rows = read_csv(manager_client, "neighbourhoods", "areas")

    assert header == AREA_HEADER
    assert list(rows) == ["All your neighbourhoods", "Wijk Alfa", "Buurt Een", "Buurt Twee", "Wijk Bravo", "Buurt Drie"]
    # Households: N1 2,000 (the 2019 row, not 2018's), N2 unknown, N3 500.
    # The rate leaves N2 out on both sides: (21 + 2) signals per 2,500 households.
    assert rows["All your neighbourhoods"] == ["28", "2500", "9.2", "21", "7", "+14", "+200", "8", "", ""]
    assert rows["Wijk Alfa"] == ["26", "2000", "10.5", "19", "7", "+12", "+171", "6", "", ""]
    assert rows["Buurt Een"] == ["21", "2000", "10.5", "14", "7", "+7", "+100", "6", "-0.250", "2019"]
    assert rows["Buurt Twee"] == ["5", "n/a", "n/a", "5", "0", "+5", "n/a", "0", "n/a", "2019"]
    # Two signals and two open cases: every figure built on them is suppressed.
    assert rows["Wijk Bravo"] == ["<5", "500", "<5", "<5", "0", "<5", "<5", "<5", "", ""]
    assert rows["Buurt Drie"] == ["<5", "500", "<5", "<5", "0", "<5", "<5", "<5", "0.100", "2019"]


@pytest.mark.django_db
def test_open_cases_by_status(manager_client):
    header, rows = read_csv(manager_client, "neighbourhoods", "open-cases-by-status")

    assert header == ["Status", "Open cases"]
    assert rows == {
        "Reported": ["<5"],
        "Triage": ["<5"],
        "Plan of approach": ["0"],
        "In progress": ["5"],
        "Monitoring": ["0"],
        "Escalated": ["0"],
        "All open cases": ["8"],
    }


@pytest.mark.django_db
def test_district_figures_cover_only_its_neighbourhoods(manager_client, world):
    _header, months = read_csv(manager_client, "district", "signals-per-month", world.district_a.code)
    assert total(months["Noise"]) == "16"
    assert total(months["All categories"]) == "26"

    _header, areas = read_csv(manager_client, "district", "areas", world.district_a.code)
    assert list(areas) == ["Wijk Alfa", "Buurt Een", "Buurt Twee"]
    assert areas["Wijk Alfa"][:3] == ["26", "2000", "10.5"]


@pytest.mark.django_db
def test_neighbourhood_figures_with_cbs_context(manager_client, world):
    _header, months = read_csv(manager_client, "neighbourhood", "signals-per-month", world.n1.code)
    assert (month(months["Noise"], 1), month(months["Noise"], 2), total(months["Noise"])) == ("6", "5", "11")
    assert total(months["All categories"]) == "21"

    _header, areas = read_csv(manager_client, "neighbourhood", "areas", world.n1.code)
    assert areas == {"Buurt Een": ["21", "2000", "10.5", "14", "7", "+7", "+100", "6", "-0.250", "2019"]}


@pytest.mark.django_db
def test_partner_figures(manager_client):
    header, rows = read_csv(manager_client, "partners", "partners")

    assert header == [
        "Organisation",
        "Open actions",
        "Overdue actions",
        "Actions completed (12 months)",
        "Median days to complete an action",
        "Interventions under way, leading",
        "Interventions under way, contributing",
    ]
    # Only organisations taking part in cases in my neighbourhoods (not the manager's own "Bestuur").
    assert list(rows) == ["GGZ Oost", "Woonstichting Oost"]
    # Woonstichting: 6 open of which 3 overdue; completed after 1, 2, 3, 6, 8, 13 days: median (3 + 6) / 2.
    assert rows["Woonstichting Oost"] == ["6", "<5", "6", "4.5", "5", "0"]
    # GGZ: fewer than 5 completed actions, so no median.
    assert rows["GGZ Oost"] == ["5", "5", "0", "n/a", "0", "5"]


@pytest.mark.django_db
def test_an_organisation_with_only_small_figures_is_not_named_but_counted_with_the_others(manager_client, world):
    """A police team in one case in my buurt that I cannot open: its name alone would tell me that case exists."""
    police = f.OrganisationFactory(name="Politie Geheim", kind="police")
    secret = f.CaseFactory(neighbourhood=world.n1, status="in_progress", lead_organisation=police)
    f.CaseParticipantFactory(case=secret, organisation=police)
    f.ActionFactory(case=secret, organisation=police, assignee=None)
    content = manager_client.get(reverse("dashboards:partners")).content.decode()
    assert "Politie Geheim" not in content
    _header, rows = read_csv(manager_client, "partners", "partners")
    assert "Politie Geheim" not in rows
    assert rows["Other organisations"][0] == "<5"  # its one open action, summed with the other small ones


@pytest.mark.django_db
def test_gaps_in_open_cases(manager_client):
    _header, rows = read_csv(manager_client, "partners", "gaps")

    # No owned open action: in progress 4 (unowned action) and 5 (only a done one), triage, 2 × reported.
    assert rows == {"No open action has an owner": ["5"], "No next review date": ["<5"]}


@pytest.mark.django_db
def test_case_health_figures(manager_client):
    _header, age = read_csv(manager_client, "cases", "age-of-open-cases")
    assert age == {
        "Less than 1 month": ["5"],
        "1 to 3 months": ["<5"],
        "3 to 6 months": ["0"],
        "More than 6 months": ["<5"],
        "All open cases": ["8"],
    }

    _header, reviews = read_csv(manager_client, "cases", "reviews")
    assert reviews == {
        "Overdue (the date has passed)": ["5"],
        "Planned": ["<5"],
        "Not planned": ["<5"],
        "All open cases": ["8"],
    }

    _header, closures = read_csv(manager_client, "cases", "closures-by-reason")
    # The case closed 14 months ago (moved) is outside the 12 months.
    assert closures["Nuisance stopped"] == ["5"]
    assert closures["Moved"] == ["0"]
    assert closures["All closures"] == ["5"]


@pytest.mark.django_db
def test_intervention_outcomes_by_kind_and_direction(manager_client):
    header, by_kind = read_csv(manager_client, "cases", "outcomes-by-kind")
    assert header == ["Kind", "Effective", "Partly effective", "Not effective", "Unknown", "Stopped early", "Total"]
    # Running interventions are not finished, so not counted.
    assert by_kind == {
        "Home visit (behind the front door)": ["0", "0", "0", "0", "<5", "<5"],
        "Warning letter": ["5", "0", "0", "0", "0", "5"],
    }

    _header, by_direction = read_csv(manager_client, "cases", "outcomes-by-direction")
    assert by_direction == {
        "Care and support": ["0", "0", "0", "0", "<5", "<5"],
        "Social management": ["5", "0", "0", "0", "0", "5"],
    }


@pytest.mark.django_db
def test_both_median_queries_agree(world):
    """percentile_cont (PostgreSQL) and the middle-rows query (the SQLite fallback) give the same medians."""
    done = Action.objects.filter(done_at__isnull=False)
    expected = {world.woon.pk: 4.5}
    assert figures.median_by_percentile(done) == pytest.approx(expected)
    assert figures.median_by_middle_rows(done) == pytest.approx(expected)
    # An odd number: the middle one.
    Action.objects.filter(pk=done.order_by(F("done_at") - F("created_at")).last().pk).delete()
    assert figures.median_by_percentile(done) == pytest.approx({world.woon.pk: 3.0})
    assert figures.median_by_middle_rows(done) == pytest.approx({world.woon.pk: 3.0})


@pytest.mark.parametrize(
    "make,text,csv_text",
    [
        (lambda: tables.count(0), "0", "0"),
        (lambda: tables.count(1), "<5", "<5"),
        (lambda: tables.count(4), "<5", "<5"),
        (lambda: tables.count(5), "5", "5"),
        (lambda: tables.count(12345), "12,345", "12345"),
        (lambda: tables.rate(4, 1000), "<5", "<5"),
        (lambda: tables.rate(0, 1000), "0.0", "0.0"),
        (lambda: tables.rate(7, 2000), "3.5", "3.5"),
        (lambda: tables.rate(7, 0), "n/a", "n/a"),
        (lambda: tables.rate(7, None), "n/a", "n/a"),
        (lambda: tables.change(12, 5), "+7", "+7"),
        (lambda: tables.change(5, 12), "\u22127", "-7"),
        (lambda: tables.change(5, 3), "<5", "<5"),
        (lambda: tables.change_percent(5, 0), "n/a", "n/a"),
        (lambda: tables.change_percent(5, 10), "\u221250", "-50"),
        (lambda: tables.days(4.25, basis=4), "<5", "<5"),
        (lambda: tables.days(4.25, basis=5), "4.2", "4.2"),
    ],
)
def test_the_small_number_rule(make, text, csv_text):
    with translation.override("en"):
        cell = make()
    assert (cell.text, cell.csv) == (text, csv_text)
    # A suppressed cell does not carry the real number at all.
    assert cell.number is None or not cell.suppressed


def test_periods_count_calendar_months_back():
    period = figures.Period(datetime.date(2026, 1, 15))
    assert period.months[0] == datetime.date(2025, 2, 1)
    assert period.months[-1] == datetime.date(2026, 1, 1)
    assert [d.date() for d in period.recent] == [datetime.date(2025, 10, 1), datetime.date(2026, 1, 1)]
    assert [d.date() for d in period.previous] == [datetime.date(2025, 7, 1), datetime.date(2025, 10, 1)]
    assert figures.months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)


@pytest.mark.django_db
def test_signals_outside_the_year_and_scope_are_not_counted(manager_client, world):
    f.SignalFactory(neighbourhood=world.n4, occurred_at=timezone.now())
    _header, rows = read_csv(manager_client, "neighbourhoods", "signals-per-month")
    assert total(rows["All categories"]) == "28"
