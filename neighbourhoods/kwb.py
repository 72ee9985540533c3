"""Import of CBS "Kerncijfers wijken en buurten" (tables 83765NED for 2017, 84583NED for 2019).

The files are not as CBS ships them: a StatLine export was read into R and
written back with `write.csv` (data/cbs/README.md). So: comma-separated, a first
unnamed column of R row numbers, header names with dots for spaces and
punctuation, `NA`, `""` or CBS's `.` for "not available", numbers with a decimal
comma (`"2,1"`) or a left-padded decimal point (`"     2.2"`), region codes
right-padded to 10 characters. The tables differ in columns from year to year,
so every column is found by a fragment of its name, never by its position. The
files hold no period column: the year comes from the caller (`--year` or the
file name).

As with the SES-WOA importer, the whole file is validated before anything is
written, and a second import of the same file changes nothing.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .cbs import CbsImportError, Region, check_unique_codes_and_parents, sync_region_tree, sync_statistics
from .models import DistrictStatistics, MunicipalityStatistics, NeighbourhoodStatistics

DATA_DIR = Path(__file__).resolve().parent / "data" / "cbs"
KWB_FILES = {year: DATA_DIR / f"Kerncijfers_wijken_en_buurten_{year}.csv" for year in (2017, 2019)}

# StatLine table of each year's "Kerncijfers wijken en buurten".
TABLES = {2017: "83765NED", 2019: "84583NED"}

# (our name, a fragment that exactly one header name must contain). The name
# fragments are R's spelling of the CBS titles; case matters.
IDENTITY_COLUMNS = (
    ("name", "Wijken.en.buurten"),
    ("code", "Regioaanduiding.Codering"),
)
FIGURE_COLUMNS = (
    ("inhabitants", "Bevolking.Aantal.inwoners"),
    # Not just "Particuliere.huishoudens": that also matches one-person households,
    # households with and without children and the average household size.
    ("kwb_households", "Bevolking.Particuliere.huishoudens.Huishoudens.totaal"),
    ("homes", "Wonen.Woningvoorraad"),
    ("average_woz_value", "Wonen.Gemiddelde.WOZ.waarde.van.woningen"),
    ("owner_occupied_pct", "Wonen.Woningen.naar.eigendom.Koopwoningen"),
    ("corporation_homes_pct", "Wonen.Woningen.naar.eigendom.Huurwoningen.In.bezit.woningcorporatie"),
    ("low_income_households_pct", "Inkomen.Inkomen.van.huishoudens.Huishoudens.met.een.laag.inkomen"),
    ("social_assistance_recipients", "Sociale.zekerheid.Personen.per.soort.uitkering..Bijstand"),
)
COLUMNS = IDENTITY_COLUMNS + FIGURE_COLUMNS
FIGURES = [name for name, _fragment in FIGURE_COLUMNS]

# R writes NA for a missing number and "" for a missing text; the 2017 file
# still has CBS's own "." (padded) as well. All mean "not available", never zero.
NOT_AVAILABLE = {"NA", "", "."}
REGION_CODE = re.compile(r"GM[0-9]{4}|WK[0-9]{6}|BU[0-9]{8}")
COUNTRY_CODE = re.compile(r"NL[0-9]{2}")
WHOLE_NUMBER = re.compile(r"-?[0-9]+")
DECIMAL_NUMBER = re.compile(r"-?[0-9]+([.,][0-9]+)?")
YEAR_IN_NAME = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")


def source_for(year):
    """The attribution stored with the figures of `year`."""
    table = TABLES.get(year)
    if table:
        return f"CBS StatLine {table} Kerncijfers wijken en buurten (CC BY 4.0)"
    return f"CBS StatLine Kerncijfers wijken en buurten {year} (CC BY 4.0)"


def year_from_file_name(path):
    """The year the file name states (a 4-digit year or a known table id), or None if it states none or several."""
    name = Path(path).name
    years = {int(found) for found in YEAR_IN_NAME.findall(name)}
    years |= {year for year, table in TABLES.items() if table.lower() in name.lower()}
    return years.pop() if len(years) == 1 else None


@dataclass
class Changes:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class KwbImportResult:
    year: int
    source: str
    neighbourhoods_in_file: int = 0
    country_rows_skipped: int = 0
    # Per level ("municipalities", "districts", "neighbourhoods"): the region rows and the statistics rows.
    regions: dict = field(default_factory=dict)
    statistics: dict = field(default_factory=dict)
    # Per figure: how many buurten of the file have no value for it.
    not_available: dict = field(default_factory=dict)

    @property
    def changed(self):
        return any(c.created or c.updated for c in [*self.regions.values(), *self.statistics.values()])


def import_kwb(path, *, year) -> KwbImportResult:
    """Validate the whole Kerncijfers file at `path`, then create or update its
    municipalities, districts and neighbourhoods and store their figures for
    `year`, in one transaction. Figures from other tables in the same
    NeighbourhoodStatistics row (SES-WOA) are left alone; rows whose values are
    already equal are not written, so importing the same file twice changes nothing.

    Raises CbsImportError (and writes nothing) if any line is invalid.
    """
    regions, country_rows = parse_kwb_file(path)
    result = KwbImportResult(year=year, source=source_for(year), country_rows_skipped=country_rows)
    buurten = [r for r in regions if r.code.startswith("BU")]
    result.neighbourhoods_in_file = len(buurten)
    result.not_available = {name: sum(r.figures[name] is None for r in buurten) for name in FIGURES}
    _save(result, regions)
    return result


def parse_kwb_file(path):
    """Read and validate the file; return (regions in file order, number of country rows skipped)."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CbsImportError(data[: error.start].count(b"\n") + 1, _("the file is not UTF-8 encoded")) from None

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=",", quotechar='"', strict=True)
    regions, country_rows = [], 0
    try:
        header = next(reader, None)
        if header is None:
            raise CbsImportError(1, _("the file is empty"))
        columns = find_columns(header)
        for row in reader:
            if not row:
                continue
            region = _parse_row(reader.line_num, row, header, columns)
            if region is None:
                country_rows += 1
            else:
                regions.append(region)
    except csv.Error as error:
        raise CbsImportError(reader.line_num, _("malformed CSV: %(error)s") % {"error": error}) from None

    if not regions:
        raise CbsImportError(1, _("the file has no data rows"))
    check_unique_codes_and_parents(regions)
    return regions, country_rows


def find_columns(header):
    """{our name: column index}, each found as the one header name containing its fragment."""
    columns = {}
    for name, fragment in COLUMNS:
        matches = [index for index, title in enumerate(header) if fragment in title]
        if not matches:
            raise CbsImportError(1, _("no column whose name contains '%(fragment)s'") % {"fragment": fragment})
        if len(matches) > 1:
            raise CbsImportError(
                1,
                _("%(count)s columns contain '%(fragment)s': %(titles)s")
                % {
                    "count": len(matches),
                    "fragment": fragment,
                    "titles": ", ".join(f"'{header[index]}'" for index in matches),
                },
            )
        columns[name] = matches[0]
    return columns


def _parse_row(line, row, header, columns):
    """The Region of one data row, None for the country row (Nederland), or raise CbsImportError."""
    if len(row) != len(header):
        raise CbsImportError(
            line, _("expected %(expected)s columns, found %(found)s") % {"expected": len(header), "found": len(row)}
        )
    code = row[columns["code"]].strip()
    if COUNTRY_CODE.fullmatch(code):
        return None
    if not REGION_CODE.fullmatch(code):
        raise CbsImportError(
            line, _("'%(code)s' is not a CBS region code (GM + 4, WK + 6 or BU + 8 digits)") % {"code": code}
        )
    name = row[columns["name"]].strip()
    if not name:
        raise CbsImportError(line, _("the region name is empty"))
    figures = {figure: _parse_figure(line, figure, header[columns[figure]], row[columns[figure]]) for figure in FIGURES}
    return Region(line=line, code=code, name=name, figures=figures)


def _parse_figure(line, name, column, text):
    """A number in the format of its statistics field, or None for "not available"."""
    text = text.strip()
    if text in NOT_AVAILABLE:
        return None
    model_field = NeighbourhoodStatistics._meta.get_field(name)
    whole = model_field.get_internal_type().endswith("IntegerField")
    if whole and not WHOLE_NUMBER.fullmatch(text):
        raise CbsImportError(
            line,
            _("'%(value)s' in column '%(column)s' is not a whole number or NA") % {"value": text, "column": column},
        )
    if not whole and not DECIMAL_NUMBER.fullmatch(text):
        raise CbsImportError(
            line, _("'%(value)s' in column '%(column)s' is not a number or NA") % {"value": text, "column": column}
        )
    if text.startswith("-"):
        raise CbsImportError(
            line, _("'%(value)s' in column '%(column)s' is negative") % {"value": text, "column": column}
        )
    try:
        return model_field.clean(text.replace(",", "."), None)
    except ValidationError as error:
        raise CbsImportError(
            line,
            _("'%(value)s' in column '%(column)s': %(problem)s")
            % {"value": text, "column": column, "problem": " ".join(error.messages)},
        ) from None


@transaction.atomic
def _save(result, regions):
    """Write the validated regions and the figures of all three levels; all or nothing."""
    year = result.year
    municipalities, districts, neighbourhoods, counts = sync_region_tree(year, regions)
    objects = {"GM": municipalities, "WK": districts, "BU": neighbourhoods}
    levels = (
        ("municipalities", "GM", MunicipalityStatistics, "municipality"),
        ("districts", "WK", DistrictStatistics, "district"),
        ("neighbourhoods", "BU", NeighbourhoodStatistics, "neighbourhood"),
    )
    for (level, prefix, model, owner), (created, updated) in zip(levels, counts, strict=True):
        result.regions[level] = Changes(created, updated, len(objects[prefix]) - created - updated)
        wanted = {objects[prefix][r.code].pk: r.figures for r in regions if r.code.startswith(prefix)}
        result.statistics[level] = Changes(*sync_statistics(model, owner, year, wanted, result.source))
