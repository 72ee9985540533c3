"""Importing the real CBS StatLine export of table 85163NED (Amsterdam, 2019)."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from neighbourhoods.cbs import DEMO_CBS_FILE, SOURCE, CbsImportError, import_cbs
from neighbourhoods.models import District, Municipality, Neighbourhood, NeighbourhoodStatistics

pytestmark = pytest.mark.django_db

REGION_MODELS = [Municipality, District, Neighbourhood, NeighbourhoodStatistics]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def real_lines():
    """The real file's lines; list index 0 is line 1 (the header)."""
    return DEMO_CBS_FILE.read_text(encoding="utf-8-sig").splitlines()


def write_csv(tmp_path, lines):
    """Write lines the way CBS does: UTF-8 with a byte-order mark, newline-terminated."""
    path = tmp_path / "85163NED.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def change_line(number, old, new):
    def change(lines):
        assert old in lines[number - 1]
        lines[number - 1] = lines[number - 1].replace(old, new, 1)

    return change


def row_counts():
    return [model.objects.count() for model in REGION_MODELS]


# --- the real file ---------------------------------------------------------------


def test_real_file_creates_one_municipality_99_districts_and_479_neighbourhoods():
    result = import_cbs(DEMO_CBS_FILE)

    assert result.year == 2019
    assert (result.municipalities_created, result.districts_created, result.neighbourhoods_created) == (1, 99, 479)
    assert (result.statistics_created, result.statistics_updated, result.statistics_unchanged) == (479, 0, 0)
    assert row_counts() == [1, 99, 479, 479]
    assert Municipality.objects.get().code == "GM0363"
    assert set(Neighbourhood.objects.values_list("year", flat=True)) == {2019}


def test_a_known_buurt_has_its_name_district_and_figures():
    import_cbs(DEMO_CBS_FILE)

    buurt = Neighbourhood.objects.select_related("district__municipality").get(code="BU03630102")
    assert buurt.name == "Nieuwendijk Noord"
    assert buurt.district.code == "WK036301"
    assert buurt.district.name == "Burgwallen-Nieuwe Zijde"
    assert buurt.district.municipality.name == "Amsterdam"

    statistics = buurt.statistics.get(year=2019)
    assert statistics.households == 300
    assert statistics.education_low_pct == Decimal("9.9")
    assert statistics.education_middle_pct == Decimal("33.9")
    assert statistics.education_high_pct == Decimal("56.3")
    assert statistics.ses_woa_score == Decimal("-0.066")
    assert statistics.ses_woa_spread == Decimal("0.880")
    assert statistics.source == SOURCE == "CBS StatLine 85163NED (CC BY 4.0)"


def test_a_dot_is_stored_as_null_not_zero():
    import_cbs(DEMO_CBS_FILE)

    statistics = NeighbourhoodStatistics.objects.get(neighbourhood__code="BU03639801")
    assert statistics.neighbourhood.name == "Landelijk gebied Driemond"
    assert statistics.households == 0  # CBS writes a real zero here, not a dot
    assert statistics.education_low_pct is None
    assert statistics.education_middle_pct is None
    assert statistics.education_high_pct is None
    assert statistics.ses_woa_score is None
    assert statistics.ses_woa_spread is None


def test_importing_the_same_file_twice_changes_nothing():
    import_cbs(DEMO_CBS_FILE)

    result = import_cbs(DEMO_CBS_FILE)

    assert row_counts() == [1, 99, 479, 479]
    assert result.municipalities_created == result.municipalities_updated == 0
    assert result.districts_created == result.districts_updated == 0
    assert result.neighbourhoods_created == result.neighbourhoods_updated == 0
    assert (result.statistics_created, result.statistics_updated, result.statistics_unchanged) == (0, 0, 479)


def test_reimport_updates_only_what_changed_and_keeps_figures_from_other_sources(tmp_path):
    import_cbs(DEMO_CBS_FILE)
    NeighbourhoodStatistics.objects.filter(neighbourhood__code="BU03630102").update(leefbaarometer_class=6)
    lines = real_lines()
    change_line(12, '"Nieuwendijk Noord"', '"Nieuwendijk-Noord"')(lines)
    change_line(13, '"     500"', '"     550"')(lines)

    result = import_cbs(write_csv(tmp_path, lines))

    assert (result.neighbourhoods_created, result.neighbourhoods_updated) == (0, 1)
    assert (result.statistics_created, result.statistics_updated, result.statistics_unchanged) == (0, 1, 478)
    assert Neighbourhood.objects.get(code="BU03630102").name == "Nieuwendijk-Noord"
    assert NeighbourhoodStatistics.objects.get(neighbourhood__code="BU03630103").households == 550
    assert NeighbourhoodStatistics.objects.get(neighbourhood__code="BU03630102").leefbaarometer_class == 6


def test_import_takes_a_bounded_number_of_queries(django_assert_max_num_queries):
    # Per level (GM, WK, BU): read existing by code, bulk insert, read back the ids;
    # statistics: read existing, bulk insert; plus the transaction's savepoint.
    # SQLite splits the bulk inserts into batches of at most 999 parameters (more batches since the
    # statistics row carries the Kerncijfers fields too).
    with django_assert_max_num_queries(23):
        import_cbs(DEMO_CBS_FILE)


# --- the management command -----------------------------------------------------


def test_command_prints_a_summary():
    out = StringIO()

    call_command("import_cbs", str(DEMO_CBS_FILE), stdout=out)

    assert "year 2019" in out.getvalue()
    assert "municipalities: 1 created, 0 updated" in out.getvalue()
    assert "districts: 99 created, 0 updated" in out.getvalue()
    assert "neighbourhoods: 479 created, 0 updated" in out.getvalue()
    assert "statistics: 479 created, 0 updated, 0 unchanged" in out.getvalue()


def test_command_run_twice_reports_nothing_changed():
    call_command("import_cbs", str(DEMO_CBS_FILE), stdout=StringIO())
    out = StringIO()

    call_command("import_cbs", str(DEMO_CBS_FILE), stdout=out)

    assert "neighbourhoods: 0 created, 0 updated" in out.getvalue()
    assert "statistics: 0 created, 0 updated, 479 unchanged" in out.getvalue()


def test_command_reports_the_bad_line_and_saves_nothing(tmp_path):
    lines = real_lines()
    change_line(580, '"BU03639801"', '"BU0363980X"')(lines)

    with pytest.raises(CommandError, match=r"^line 580: 'BU0363980X' is not a CBS region code"):
        call_command("import_cbs", str(write_csv(tmp_path, lines)), stdout=StringIO())

    assert row_counts() == [0, 0, 0, 0]


def test_command_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_cbs", str(tmp_path / "missing.csv"), stdout=StringIO())


# --- malformed files: stop at the right line, save nothing ----------------------

MALFORMED = {
    "renamed header column": (
        change_line(1, '"Particuliere huishoudens (Aantal)"', '"Huishoudens"'),
        1,
        "column 4 should be 'Particuliere huishoudens (Aantal)', found 'Huishoudens'",
    ),
    "missing header column": (
        change_line(1, ';"Spreiding/Spreiding totaal/Waarde (Getal)"', ""),
        1,
        "expected 9 columns, found 8",
    ),
    "period that is not a year": (
        change_line(2, '"2019"', '"2019JJ00"'),
        2,
        "period '2019JJ00' is not a year",
    ),
    "bad region code": (
        change_line(12, '"BU03630102"', '"BU0363010"'),
        12,
        "'BU0363010' is not a CBS region code",
    ),
    "bad region code on the last line": (
        change_line(580, '"BU03639801"', '"BU0363980X"'),
        580,
        "'BU0363980X' is not a CBS region code",
    ),
    "decimal comma": (
        change_line(579, '"   0.131"', '"   0,131"'),
        579,
        "'0,131' in column 'SES-WOA/Totaalscore/Gemiddelde score (Getal)' is not a number or '.'",
    ),
    "too many decimals": (
        change_line(579, '"    21.2"', '"    21.25"'),
        579,
        "'21.25' in column 'Opleidingsniveau/Laag/Waarde (%)'",
    ),
    "row with a missing field": (
        change_line(300, ';"       ."', ""),
        300,
        "expected 9 columns, found 8",
    ),
    "second period": (
        change_line(580, '"2019"', '"2020"'),
        580,
        "period 2020 differs from 2019 on line 2",
    ),
    "buurt without its wijk": (
        lambda lines: lines.pop(578 - 1),  # WK036398 Driemond; Dorp Driemond moves up to line 578
        578,
        "WK036398, the parent of BU03639800, is not in the file",
    ),
    "region listed twice": (
        lambda lines: lines.append(lines[12 - 1]),
        581,
        "region BU03630102 already appears on line 12",
    ),
}


@pytest.mark.parametrize(("change", "line", "reason"), MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_file_stops_at_the_bad_line_and_saves_nothing(tmp_path, change, line, reason):
    lines = real_lines()
    change(lines)

    with pytest.raises(CbsImportError) as error:
        import_cbs(write_csv(tmp_path, lines))

    assert error.value.line == line
    assert reason in str(error.value.reason)
    assert row_counts() == [0, 0, 0, 0]


def test_bad_file_leaves_an_earlier_import_untouched(tmp_path):
    import_cbs(DEMO_CBS_FILE)
    lines = real_lines()
    change_line(12, '"Nieuwendijk Noord"', '"Nieuwendijk-Noord"')(lines)
    change_line(580, '"BU03639801"', '"BU0363980X"')(lines)

    with pytest.raises(CbsImportError):
        import_cbs(write_csv(tmp_path, lines))

    assert row_counts() == [1, 99, 479, 479]
    assert Neighbourhood.objects.get(code="BU03630102").name == "Nieuwendijk Noord"


def test_file_that_is_not_utf8_stops_at_the_line_with_the_bad_byte(tmp_path):
    lines = real_lines()
    lines[12 - 1] = lines[12 - 1].replace("Nieuwendijk Noord", "Nieuwendijk Café")
    path = tmp_path / "latin1.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("latin-1"))

    with pytest.raises(CbsImportError) as error:
        import_cbs(path)

    assert (error.value.line, error.value.reason) == (12, "the file is not UTF-8 encoded")
    assert row_counts() == [0, 0, 0, 0]


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")

    with pytest.raises(CbsImportError) as error:
        import_cbs(path)

    assert (error.value.line, error.value.reason) == (1, "the file is empty")
