"""Figure downloads open correctly in Dutch Excel: in the Dutch interface a ';'-separated CSV with decimal commas
and a byte-order mark under a Dutch file name; an .xlsx beside it with the same rows and real numbers."""

import csv
import io

import openpyxl
import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from core import tables
from core.downloads import csv_response, xlsx_response
from tests.dashboards.dashboard_world import build_world

TODAY = "2026-11-28 12:00 +01:00"


@pytest.fixture
def table():
    return tables.Table(
        slug="signals-per-month",
        title="Meldingen per maand",
        label_heading="Buurt",
        columns=["Meldingen", "Per 1.000 huishoudens", "Verschil"],
        rows=[
            tables.Row("Dapperbuurt", [tables.count(12), tables.rate(12, 4800), tables.difference(-1.25)]),
            tables.Row("Oostpoort", [tables.count(3), tables.rate(3, 1000), tables.not_available()]),
            tables.Row("=SUM(A1)", [tables.count(0), tables.reference(1234.5, 1), tables.blank()]),
        ],
    )


def read(response, delimiter):
    body = response.content
    assert body.startswith("\ufeff".encode())  # the byte-order mark, so Excel reads accents
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=delimiter))


@time_machine.travel(TODAY, tick=False)
def test_dutch_csv_is_semicolon_separated_with_decimal_commas_and_a_dutch_name(table):
    with translation.override("nl"):
        response = csv_response(table, name="neighbourhoods")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="veerkracht-buurten-meldingen-per-maand-2026-11-28.csv"'
    )
    rows = read(response, ";")
    assert rows == [
        ["Buurt", "Meldingen", "Per 1.000 huishoudens", "Verschil"],
        ["Dapperbuurt", "12", "2,5", "-1,2"],
        ["Oostpoort", "<5", "<5", "onbekend"],
        ["'=SUM(A1)", "0", "1234,5", ""],  # a label that looks like a formula stays text
    ]


@time_machine.travel(TODAY, tick=False)
def test_english_csv_keeps_commas_and_decimal_points_and_english_names(table):
    with translation.override("en"):
        response = csv_response(table, name="district-WK036301")
    assert "veerkracht-district-WK036301-signals-per-month-2026-11-28.csv" in response["Content-Disposition"]
    assert read(response, ",")[1] == ["Dapperbuurt", "12", "2.5", "-1.2"]


@time_machine.travel(TODAY, tick=False)
def test_the_xlsx_holds_the_same_rows_with_numbers_as_numbers(table):
    with translation.override("nl"):
        response = xlsx_response(table, name="district-WK036301")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "veerkracht-wijk-WK036301-meldingen-per-maand-2026-11-28.xlsx" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values == [
        ["Buurt", "Meldingen", "Per 1.000 huishoudens", "Verschil"],
        ["Dapperbuurt", 12, 2.5, -1.2],
        ["Oostpoort", "<5", "<5", "onbekend"],
        ["'=SUM(A1)", 0, 1234.5, None],
    ]
    assert sheet["A1"].font.bold and sheet.freeze_panes == "B2"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)  # no formulas


@pytest.mark.django_db
def test_every_figure_page_links_an_xlsx_beside_each_csv_with_the_same_figures(client):
    world = build_world()
    client.force_login(world.manager)
    page = client.get(reverse("dashboards:neighbourhoods")).content.decode()
    csv_url = reverse("dashboards:neighbourhoods_csv", args=["areas"])
    xlsx_url = reverse("dashboards:neighbourhoods_xlsx", args=["areas"])
    assert csv_url in page and xlsx_url in page
    assert page.count("/csv/") == page.count("/xlsx/")

    from_csv = [[value.removeprefix("+") for value in row] for row in read(client.get(csv_url), ";")]
    response = client.get(xlsx_url)
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    from_xlsx = [[as_dutch_text(cell) for cell in row] for row in sheet.iter_rows()]
    assert from_xlsx == from_csv
    assert any(isinstance(cell.value, int | float) for row in sheet.iter_rows(min_row=2) for cell in row)
    assert client.get(reverse("dashboards:neighbourhoods_xlsx", args=["nonsense"])).status_code == 404


def as_dutch_text(cell):
    """An .xlsx cell as the Dutch CSV writes it: numbers with a decimal comma and their decimals, empty as ''."""
    if cell.value is None:
        return ""
    if isinstance(cell.value, float):
        decimals = len(cell.number_format.partition(".")[2])
        return f"{cell.value:.{decimals}f}".replace(".", ",")
    return str(cell.value)
