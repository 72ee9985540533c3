"""Importing the real CBS Kerncijfers wijken en buurten 2017 and 2019 (Amsterdam), as R wrote them."""

import csv
import itertools
import re
import shutil
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import translation

from neighbourhoods.cbs import DEMO_CBS_FILE, CbsImportError, import_cbs
from neighbourhoods.kwb import FIGURES, KWB_FILES, import_kwb, source_for, year_from_file_name
from neighbourhoods.models import (
    KEY_FIGURES,
    District,
    DistrictStatistics,
    Municipality,
    MunicipalityStatistics,
    Neighbourhood,
    NeighbourhoodStatistics,
)

pytestmark = pytest.mark.django_db

MODELS = [Municipality, District, Neighbourhood, MunicipalityStatistics, DistrictStatistics, NeighbourhoodStatistics]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# --- helpers: small variants of the real files -------------------------------------

TOKEN = re.compile(r'"[^"]*"|[^,]*')


def real_lines(year):
    """The real file's lines; list index 0 is line 1 (the header)."""
    return KWB_FILES[year].read_text(encoding="utf-8").splitlines()


def write_csv(tmp_path, lines, name="Kerncijfers_wijken_en_buurten_2019.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def tokens(line):
    """The fields of one line exactly as written (quotes and padding kept)."""
    found, position = [], 0
    while True:
        match = TOKEN.match(line, position)
        found.append(match.group())
        position = match.end()
        if position == len(line):
            return found
        assert line[position] == ","
        position += 1


def set_cell(number, fragment, old, new):
    """Change the field of line `number` in the one column whose name contains `fragment`."""

    def change(lines):
        header = next(csv.reader([lines[0]]))
        (index,) = [i for i, title in enumerate(header) if fragment in title]
        fields = tokens(lines[number - 1])
        assert fields[index] == old, fields[index]
        fields[index] = new
        lines[number - 1] = ",".join(fields)

    return change


def change_line(number, old, new):
    def change(lines):
        assert old in lines[number - 1]
        lines[number - 1] = lines[number - 1].replace(old, new, 1)

    return change


def row_counts():
    return [model.objects.count() for model in MODELS]


def statistics(code, year):
    return NeighbourhoodStatistics.objects.get(neighbourhood__code=code, year=year)


def figures(row):
    return {name: getattr(row, name) for name in KEY_FIGURES}


def snapshot():
    """Everything the imports wrote, without database ids."""

    def rows(queryset, *fields):
        return sorted(queryset.values_list(*fields))

    statistics_fields = [
        f.name for f in NeighbourhoodStatistics._meta.concrete_fields if f.name not in ("id", "neighbourhood")
    ]
    return [
        rows(Municipality.objects, "code", "name", "year"),
        rows(District.objects, "code", "name", "year", "municipality__code"),
        rows(Neighbourhood.objects, "code", "name", "year", "district__code"),
        rows(MunicipalityStatistics.objects, "municipality__code", "year", "source", *KEY_FIGURES),
        rows(DistrictStatistics.objects, "district__code", "year", "source", *KEY_FIGURES),
        rows(NeighbourhoodStatistics.objects, "neighbourhood__code", *statistics_fields),
    ]


def delete_everything():
    for model in reversed(MODELS):
        model.objects.all().delete()


# --- the real files ----------------------------------------------------------------


def test_2019_file_creates_the_city_its_99_districts_and_479_neighbourhoods():
    result = import_kwb(KWB_FILES[2019], year=2019)

    assert (result.year, result.neighbourhoods_in_file, result.country_rows_skipped) == (2019, 479, 1)
    assert [(c.created, c.updated) for c in result.regions.values()] == [(1, 0), (99, 0), (479, 0)]
    assert [(c.created, c.updated, c.unchanged) for c in result.statistics.values()] == [
        (1, 0, 0),
        (99, 0, 0),
        (479, 0, 0),
    ]
    assert row_counts() == [1, 99, 479, 1, 99, 479]
    assert Municipality.objects.get().name == "Amsterdam"
    assert not Municipality.objects.filter(code__startswith="NL").exists()  # Nederland is skipped
    buurt = Neighbourhood.objects.select_related("district").get(code="BU03630102")
    assert (buurt.name, buurt.year, buurt.district.code) == ("Nieuwendijk Noord", 2019, "WK036301")


def test_amsterdam_2019_has_the_readme_spot_checks():
    import_kwb(KWB_FILES[2019], year=2019)

    city = MunicipalityStatistics.objects.get(municipality__code="GM0363", year=2019)
    assert figures(city) == {
        "inhabitants": 862_965,
        "kwb_households": 470_223,
        "homes": 441_490,
        "average_woz_value": 375,
        "owner_occupied_pct": Decimal("30"),
        "corporation_homes_pct": Decimal("42"),
        "low_income_households_pct": Decimal("12.8"),
        "social_assistance_recipients": 40_340,
    }
    assert city.source == source_for(2019) == "CBS StatLine 84583NED Kerncijfers wijken en buurten (CC BY 4.0)"


def test_amsterdam_2017_has_its_own_totals():
    import_kwb(KWB_FILES[2017], year=2017)

    city = MunicipalityStatistics.objects.get(municipality__code="GM0363", year=2017)
    assert figures(city) == {
        "inhabitants": 844_947,
        "kwb_households": 462_329,
        "homes": 428_035,
        "average_woz_value": 290,
        "owner_occupied_pct": Decimal("30"),
        "corporation_homes_pct": Decimal("42"),
        "low_income_households_pct": Decimal("13.7"),
        "social_assistance_recipients": 42_610,
    }
    assert city.source == "CBS StatLine 83765NED Kerncijfers wijken en buurten (CC BY 4.0)"


COVERAGE = {
    # Buurten (of 479) with a value, per figure: 2019 as the README says, 2017 counted in the file.
    2019: {
        "inhabitants": 479,
        "kwb_households": 479,
        "homes": 479,
        "average_woz_value": 402,
        "owner_occupied_pct": 409,
        "corporation_homes_pct": 409,
        "low_income_households_pct": 387,
        "social_assistance_recipients": 423,
    },
    2017: {
        "inhabitants": 479,
        "kwb_households": 479,
        "homes": 479,
        "average_woz_value": 384,
        "owner_occupied_pct": 398,
        "corporation_homes_pct": 398,
        "low_income_households_pct": 378,
        "social_assistance_recipients": 419,
    },
}


@pytest.mark.parametrize("year", [2019, 2017])
def test_coverage_of_the_479_buurten(year):
    result = import_kwb(KWB_FILES[year], year=year)

    rows = NeighbourhoodStatistics.objects.filter(year=year)
    assert rows.count() == 479
    assert {name: rows.filter(**{f"{name}__isnull": False}).count() for name in KEY_FIGURES} == COVERAGE[year]
    assert result.not_available == {name: 479 - count for name, count in COVERAGE[year].items()}


def test_a_decimal_comma_is_read_as_a_decimal():
    # 2019, line 5, Kop Zeedijk: "15,3" % low-income households.
    import_kwb(KWB_FILES[2019], year=2019)

    assert statistics("BU03630000", 2019).low_income_households_pct == Decimal("15.3")


def test_a_padded_decimal_point_is_read_as_a_decimal():
    # 2017, line 5, Kop Zeedijk: "    12.3" % low-income households, "     307" WOZ.
    import_kwb(KWB_FILES[2017], year=2017)

    row = statistics("BU03630000", 2017)
    assert row.low_income_households_pct == Decimal("12.3")
    assert row.average_woz_value == 307


def test_na_empty_and_dot_are_stored_as_null_and_a_real_zero_stays_zero():
    import_kwb(KWB_FILES[2019], year=2019)
    import_kwb(KWB_FILES[2017], year=2017)

    # Bretten West (line 100), an industrial area: NA (WOZ, tenure, bijstand) and "" (low income) in 2019 ...
    bretten_2019 = statistics("BU03631109", 2019)
    assert (bretten_2019.inhabitants, bretten_2019.kwb_households, bretten_2019.homes) == (0, 0, 0)
    assert bretten_2019.average_woz_value is None
    assert bretten_2019.owner_occupied_pct is None
    assert bretten_2019.corporation_homes_pct is None
    assert bretten_2019.low_income_households_pct is None
    assert bretten_2019.social_assistance_recipients is None
    # ... and CBS's own "       ." in 2017.
    bretten_2017 = statistics("BU03631109", 2017)
    assert (bretten_2017.inhabitants, bretten_2017.homes) == (0, 1)
    assert bretten_2017.average_woz_value is None
    assert bretten_2017.social_assistance_recipients is None
    # Landelijk gebied Driemond: a published 0 % corporation homes and 0 on bijstand are zeros, not gaps.
    driemond = statistics("BU03639801", 2019)
    assert (driemond.corporation_homes_pct, driemond.social_assistance_recipients) == (Decimal("0"), 0)
    assert driemond.low_income_households_pct is None


def test_both_years_side_by_side_for_one_buurt():
    import_kwb(KWB_FILES[2017], year=2017)
    import_kwb(KWB_FILES[2019], year=2019)

    kop_zeedijk = Neighbourhood.objects.get(code="BU03630000")
    assert kop_zeedijk.name == "Kop Zeedijk"
    assert {row.year: figures(row) for row in kop_zeedijk.statistics.all()} == {
        2019: {
            "inhabitants": 1035,
            "kwb_households": 755,
            "homes": 742,
            "average_woz_value": 395,
            "owner_occupied_pct": Decimal("20"),
            "corporation_homes_pct": Decimal("7"),
            "low_income_households_pct": Decimal("15.3"),
            "social_assistance_recipients": 20,
        },
        2017: {
            "inhabitants": 1020,
            "kwb_households": 740,
            "homes": 740,
            "average_woz_value": 307,
            "owner_occupied_pct": Decimal("21"),
            "corporation_homes_pct": Decimal("3"),
            "low_income_households_pct": Decimal("12.3"),
            "social_assistance_recipients": 20,
        },
    }


def test_districts_get_their_figures_too():
    import_kwb(KWB_FILES[2019], year=2019)

    wijk = DistrictStatistics.objects.get(district__code="WK036300", year=2019)
    assert wijk.district.name == "Burgwallen-Oude Zijde"
    assert (wijk.inhabitants, wijk.homes, wijk.low_income_households_pct) == (4295, 2917, Decimal("15"))


def test_importing_the_same_file_twice_changes_nothing():
    import_kwb(KWB_FILES[2019], year=2019)
    before = snapshot()

    result = import_kwb(KWB_FILES[2019], year=2019)

    assert not result.changed
    assert [(c.created, c.updated, c.unchanged) for c in result.regions.values()] == [
        (0, 0, 1),
        (0, 0, 99),
        (0, 0, 479),
    ]
    assert [(c.created, c.updated, c.unchanged) for c in result.statistics.values()] == [
        (0, 0, 1),
        (0, 0, 99),
        (0, 0, 479),
    ]
    assert snapshot() == before


def test_a_later_year_renames_regions_and_an_earlier_one_does_not():
    # CBS corrected five buurt names between 2017 and 2019 (e.g. "Nieuwendammmerdijk West").
    import_kwb(KWB_FILES[2017], year=2017)
    assert Neighbourhood.objects.get(code="BU03636402").name == "Nieuwendammmerdijk West"

    result = import_kwb(KWB_FILES[2019], year=2019)
    assert result.regions["neighbourhoods"].updated == 479  # the reference year of every buurt moves to 2019
    assert Neighbourhood.objects.get(code="BU03636402").name == "Nieuwendammerdijk West"

    result = import_kwb(KWB_FILES[2017], year=2017)
    assert not result.changed
    plantage = Neighbourhood.objects.get(code="BU03630803")
    assert (plantage.name, plantage.year) == ("de Plantage", 2019)


def test_kwb_and_ses_woa_fill_one_row_per_buurt_and_year():
    import_cbs(DEMO_CBS_FILE)
    NeighbourhoodStatistics.objects.filter(neighbourhood__code="BU03630102").update(leefbaarometer_class=6)

    import_kwb(KWB_FILES[2019], year=2019)

    assert NeighbourhoodStatistics.objects.filter(year=2019).count() == 479
    row = statistics("BU03630102", 2019)
    assert row.households == 300  # SES-WOA, rounded to 100: left alone
    assert row.kwb_households == 335  # Kerncijfers, rounded to 5
    assert row.ses_woa_score == Decimal("-0.066")
    assert row.leefbaarometer_class == 6
    assert row.corporation_homes_pct is not None
    assert row.source == (
        "CBS StatLine 84583NED Kerncijfers wijken en buurten (CC BY 4.0); CBS StatLine 85163NED (CC BY 4.0)"
    )


def test_the_three_imports_end_in_the_same_state_in_any_order():
    imports = {
        "kwb 2017": lambda: import_kwb(KWB_FILES[2017], year=2017),
        "kwb 2019": lambda: import_kwb(KWB_FILES[2019], year=2019),
        "ses 2019": lambda: import_cbs(DEMO_CBS_FILE),
    }
    states = {}
    for order in itertools.permutations(imports):
        delete_everything()
        for name in order:
            imports[name]()
        states[order] = snapshot()

    first, *others = states.values()
    assert all(state == first for state in others)
    assert row_counts() == [1, 99, 479, 2, 198, 958]
    # Once all three are in, running any of them again changes nothing.
    assert not imports["kwb 2017"]().changed
    assert not imports["kwb 2019"]().changed
    assert import_cbs(DEMO_CBS_FILE).statistics_updated == 0
    assert snapshot() == first


def test_import_takes_a_bounded_number_of_queries(django_assert_max_num_queries):
    # Per level (GM, WK, BU): regions read by code, bulk insert, read back the ids;
    # statistics read, bulk insert; plus the savepoint and its release: 17 on
    # PostgreSQL, however many buurten. SQLite splits each bulk insert into batches
    # of at most 999 parameters (49 statistics rows), so allow for those there.
    with django_assert_max_num_queries(17 if connection.vendor == "postgresql" else 30):
        import_kwb(KWB_FILES[2019], year=2019)


def test_every_key_figure_has_a_column():
    assert FIGURES == KEY_FIGURES


# --- the year ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("Kerncijfers_wijken_en_buurten_2019.csv", 2019),
        ("kwb-2017.csv", 2017),
        ("84583NED.csv", 2019),
        ("83765NED_amsterdam_2017.csv", 2017),
        ("kerncijfers.csv", None),
        ("kwb_2017_2019.csv", None),
        ("kwb_12019.csv", None),
    ],
)
def test_the_year_comes_from_the_file_name(name, year):
    assert year_from_file_name(f"/some/dir/{name}") == year


# --- the management command --------------------------------------------------------


def test_command_prints_a_summary():
    out = StringIO()

    call_command("import_kwb", str(KWB_FILES[2019]), stdout=out)

    output = out.getvalue()
    assert "year 2019 (from the file name)" in output
    assert "municipalities: 1 created, 0 updated; figures: 1 created, 0 updated, 0 unchanged" in output
    assert "districts: 99 created, 0 updated; figures: 99 created, 0 updated, 0 unchanged" in output
    assert "neighbourhoods: 479 created, 0 updated; figures: 479 created, 0 updated, 0 unchanged" in output
    assert "country rows skipped: 1" in output
    assert "not available, of 479 neighbourhoods:" in output
    assert "average WOZ value (x 1,000 euro): 77" in output
    assert "share of low-income households (%): 92" in output
    assert "people on social assistance (bijstand): 56" in output
    assert "Nothing changed" not in output


def test_command_run_twice_says_nothing_changed():
    call_command("import_kwb", str(KWB_FILES[2019]), stdout=StringIO())
    out = StringIO()

    call_command("import_kwb", str(KWB_FILES[2019]), stdout=out)

    assert "neighbourhoods: 0 created, 0 updated; figures: 0 created, 0 updated, 479 unchanged" in out.getvalue()
    assert "Nothing changed: the database already held these figures." in out.getvalue()


def test_command_takes_the_year_from_the_option_when_the_file_name_has_none(tmp_path):
    path = shutil.copy(KWB_FILES[2017], tmp_path / "kerncijfers.csv")

    with pytest.raises(CommandError, match="give it with --year"):
        call_command("import_kwb", str(path), stdout=StringIO())
    assert row_counts() == [0, 0, 0, 0, 0, 0]

    out = StringIO()
    call_command("import_kwb", str(path), "--year", "2017", stdout=out)
    assert "year 2017 (from --year)" in out.getvalue()
    assert MunicipalityStatistics.objects.get().inhabitants == 844_947


def test_command_refuses_a_year_that_contradicts_the_file_name():
    with pytest.raises(CommandError, match="--year 2019 contradicts the file name, which says 2017"):
        call_command("import_kwb", str(KWB_FILES[2017]), "--year", "2019", stdout=StringIO())

    assert row_counts() == [0, 0, 0, 0, 0, 0]


def test_command_reports_the_bad_line_and_saves_nothing(tmp_path):
    lines = real_lines(2019)
    set_cell(5, "Bevolking.Aantal.inwoners", "1035", "1.035")(lines)

    with pytest.raises(CommandError, match=r"^line 5: '1\.035' in column 'Bevolking\.Aantal\.inwoners\.\.aantal\.'"):
        call_command("import_kwb", str(write_csv(tmp_path, lines)), stdout=StringIO())

    assert row_counts() == [0, 0, 0, 0, 0, 0]


def test_command_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_kwb", str(tmp_path / "Kerncijfers_2019.csv"), stdout=StringIO())


def test_command_speaks_dutch(tmp_path):
    call_command("import_kwb", str(KWB_FILES[2019]), stdout=StringIO())
    out = StringIO()
    lines = real_lines(2019)
    change_line(1, '"Wonen.Woningvoorraad..aantal."', '"Wonen.Voorraad..aantal."')(lines)

    with translation.override("nl"):
        call_command("import_kwb", str(KWB_FILES[2019]), stdout=out)
        with pytest.raises(CommandError, match="^regel 1: geen kolom waarvan de naam 'Wonen.Woningvoorraad' bevat"):
            call_command("import_kwb", str(write_csv(tmp_path, lines)), stdout=StringIO())

    assert "buurten: 0 aangemaakt, 0 bijgewerkt" in out.getvalue()
    assert "Niets gewijzigd" in out.getvalue()


# --- malformed files: stop at the right line, save nothing -------------------------

WOZ = "Wonen.Gemiddelde.WOZ.waarde.van.woningen..x.1.000.euro."
LOW_INCOME = "Inkomen.Inkomen.van.huishoudens.Huishoudens.met.een.laag.inkomen...."
BIJSTAND = "Sociale.zekerheid.Personen.per.soort.uitkering..Bijstand..aantal."

MALFORMED = {
    "required column missing": (
        2019,
        change_line(1, '"Wonen.Woningvoorraad..aantal."', '"Wonen.Voorraad..aantal."'),
        1,
        "no column whose name contains 'Wonen.Woningvoorraad'",
    ),
    "column found twice": (
        2019,
        change_line(
            1,
            '"Wonen.Woningen.naar.eigendom.Eigendom.onbekend...."',
            '"Wonen.Woningen.naar.eigendom.Koopwoningen.onbekend"',
        ),
        1,
        "2 columns contain 'Wonen.Woningen.naar.eigendom.Koopwoningen': "
        "'Wonen.Woningen.naar.eigendom.Koopwoningen....', 'Wonen.Woningen.naar.eigendom.Koopwoningen.onbekend'",
    ),
    "number that does not parse": (
        2019,
        set_cell(5, LOW_INCOME, '"15,3"', '"15,3%"'),
        5,
        f"'15,3%' in column '{LOW_INCOME}' is not a number or NA",
    ),
    "thousands separator in a count": (
        2019,
        set_cell(3, "Bevolking.Aantal.inwoners", "862965", '"862.965"'),
        3,
        "'862.965' in column 'Bevolking.Aantal.inwoners..aantal.' is not a whole number or NA",
    ),
    "padded number that does not parse (2017)": (
        2017,
        set_cell(5, LOW_INCOME, '"    12.3"', '"   12.3x"'),
        5,
        f"'12.3x' in column '{LOW_INCOME}' is not a number or NA",
    ),
    "too many decimals": (
        2019,
        set_cell(5, LOW_INCOME, '"15,3"', '"15,35"'),
        5,
        f"'15,35' in column '{LOW_INCOME}': Ensure that there are no more than 1 decimal place.",
    ),
    "negative count": (
        2019,
        set_cell(5, BIJSTAND, "20", "-20"),
        5,
        f"'-20' in column '{BIJSTAND}' is negative",
    ),
    "bad region code": (
        2019,
        set_cell(5, "Regioaanduiding.Codering", '"BU03630000"', '"BU0363000X"'),
        5,
        "'BU0363000X' is not a CBS region code (GM + 4, WK + 6 or BU + 8 digits)",
    ),
    "region code of another kind": (
        2019,
        set_cell(5, "Regioaanduiding.Codering", '"BU03630000"', '"PC1012    "'),
        5,
        "'PC1012' is not a CBS region code",
    ),
    "bad region code on the last line": (
        2019,
        set_cell(581, "Regioaanduiding.Codering", '"BU03639801"', '"BU036398"'),
        581,
        "'BU036398' is not a CBS region code",
    ),
    "empty region name": (
        2019,
        set_cell(5, "Wijken.en.buurten", '"Kop Zeedijk"', '""'),
        5,
        "the region name is empty",
    ),
    "row with a missing field": (
        2019,
        lambda lines: lines.__setitem__(299, lines[299].rsplit(",", 1)[0]),
        300,
        "expected 118 columns, found 117",
    ),
    "region listed twice": (
        2019,
        lambda lines: lines.append(lines[5 - 1]),
        582,
        "region BU03630000 already appears on line 5",
    ),
    "buurt without its wijk": (
        2019,
        lambda lines: lines.pop(579 - 1),  # WK036398 Driemond; Dorp Driemond moves up to line 579
        579,
        "WK036398, the parent of BU03639800, is not in the file",
    ),
    "header only": (
        2019,
        lambda lines: lines.__delitem__(slice(1, None)),
        1,
        "the file has no data rows",
    ),
}


@pytest.mark.parametrize(("year", "change", "line", "reason"), MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_file_stops_at_the_bad_line_and_saves_nothing(tmp_path, year, change, line, reason):
    lines = real_lines(year)
    change(lines)

    with pytest.raises(CbsImportError) as error:
        import_kwb(write_csv(tmp_path, lines), year=year)

    assert error.value.line == line
    assert reason in str(error.value.reason)
    assert row_counts() == [0, 0, 0, 0, 0, 0]


def test_bad_file_leaves_an_earlier_import_untouched(tmp_path):
    import_kwb(KWB_FILES[2019], year=2019)
    before = snapshot()
    lines = real_lines(2019)
    set_cell(5, "Bevolking.Aantal.inwoners", "1035", "2000")(lines)  # a valid change early on ...
    set_cell(581, WOZ, "643", '"6,43"')(lines)  # ... and a WOZ value that is not whole on the last line

    with pytest.raises(CbsImportError) as error:
        import_kwb(write_csv(tmp_path, lines), year=2019)

    assert error.value.line == 581
    assert snapshot() == before


def test_file_that_is_not_utf8_stops_at_the_line_with_the_bad_byte(tmp_path):
    data = KWB_FILES[2019].read_bytes()
    path = tmp_path / "Kerncijfers_2019.csv"
    path.write_bytes(data.replace(b'"Kop Zeedijk"', b'"Kop Zeedijk Caf\xe9"', 1))  # one Latin-1 byte

    with pytest.raises(CbsImportError) as error:
        import_kwb(path, year=2019)

    assert (error.value.line, error.value.reason) == (5, "the file is not UTF-8 encoded")
    assert row_counts() == [0, 0, 0, 0, 0, 0]


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "Kerncijfers_2019.csv"
    path.write_bytes(b"")

    with pytest.raises(CbsImportError) as error:
        import_kwb(path, year=2019)

    assert (error.value.line, error.value.reason) == (1, "the file is empty")
