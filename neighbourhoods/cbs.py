"""Import of CBS StatLine table 85163NED (SES-WOA scores per wijk en buurt).

The file is read exactly as CBS ships it ("CSV met statistische symbolen"):
UTF-8 with a byte-order mark, `;` separated, every field quoted, region codes
right-padded and numbers left-padded with spaces, and `.` for "not available".
The whole file is validated before anything is written, so a bad file never
leaves half an import behind.

The region and statistics helpers here are shared with the Kerncijfers importer
(kwb.py): both fill the same NeighbourhoodStatistics row of a buurt and year.
"""

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import District, Municipality, Neighbourhood, NeighbourhoodStatistics

DEMO_CBS_FILE = Path(__file__).resolve().parent / "data" / "cbs" / "amsterdam_2019_ses_woa_85163NED.csv"

SOURCE = "CBS StatLine 85163NED (CC BY 4.0)"

# (column header as CBS writes it, our name for the value)
COLUMNS = (
    ("Perioden", "period"),
    ("Wijken en buurten", "name"),
    ("Regiocode (gemeente, wijk, buurt) (code)", "code"),
    ("Particuliere huishoudens (Aantal)", "households"),
    ("Opleidingsniveau/Laag/Waarde (%)", "education_low_pct"),
    ("Opleidingsniveau/Middelbaar/Waarde (%)", "education_middle_pct"),
    ("Opleidingsniveau/Hoog/Waarde (%)", "education_high_pct"),
    ("SES-WOA/Totaalscore/Gemiddelde score (Getal)", "ses_woa_score"),
    ("Spreiding/Spreiding totaal/Waarde (Getal)", "ses_woa_spread"),
)
COLUMN_TITLES = {name: title for title, name in COLUMNS}
FIGURES = [name for _title, name in COLUMNS[3:]]

NOT_AVAILABLE = "."
PERIOD = re.compile(r"[0-9]{4}")
REGION_CODE = re.compile(r"GM[0-9]{4}|WK[0-9]{6}|BU[0-9]{8}")
INTEGER = re.compile(r"[0-9]+")
DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
BATCH_SIZE = 500


class CbsImportError(Exception):
    """The file cannot be imported; `line` is counted as a person would, header = 1."""

    def __init__(self, line, reason):
        self.line = line
        self.reason = reason
        super().__init__(_("line %(line)s: %(reason)s") % {"line": line, "reason": reason})


@dataclass
class CbsImportResult:
    year: int
    municipalities_created: int = 0
    municipalities_updated: int = 0
    districts_created: int = 0
    districts_updated: int = 0
    neighbourhoods_created: int = 0
    neighbourhoods_updated: int = 0
    statistics_created: int = 0
    statistics_updated: int = 0
    statistics_unchanged: int = 0


@dataclass(frozen=True)
class Region:
    """One validated data row of the file."""

    line: int
    code: str
    name: str
    figures: dict

    @property
    def parent_code(self):
        """Code of the region one level up: WK -> GM + 4 digits, BU -> WK + 6 digits."""
        if self.code.startswith("WK"):
            return "GM" + self.code[2:6]
        if self.code.startswith("BU"):
            return "WK" + self.code[2:8]
        return None


def import_cbs(path) -> CbsImportResult:
    """Validate the whole CBS 85163NED file at `path`, then create or update its
    municipalities, districts, neighbourhoods and their statistics for the file's
    year in one transaction. Rows whose values are already equal are left alone,
    so importing the same file twice changes nothing.

    Raises CbsImportError (and writes nothing) if any line is invalid.
    """
    year, regions = parse_cbs_file(path)
    return _save(year, regions)


def parse_cbs_file(path):
    """Read and validate the file; return (year, regions in file order)."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CbsImportError(data[: error.start].count(b"\n") + 1, _("the file is not UTF-8 encoded")) from None

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";", quotechar='"', strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise CbsImportError(1, _("the file is empty"))
        _check_header(header)
        regions = [_parse_row(reader.line_num, row) for row in reader if row]
    except csv.Error as error:
        raise CbsImportError(reader.line_num, _("malformed CSV: %(error)s") % {"error": error}) from None

    if not regions:
        raise CbsImportError(1, _("the file has no data rows"))
    year = _check_one_period(regions)
    regions = [region for region, _period in regions]
    check_unique_codes_and_parents(regions)
    return year, regions


def _check_header(header):
    expected = [title for title, _name in COLUMNS]
    if len(header) != len(expected):
        raise CbsImportError(
            1, _("expected %(expected)s columns, found %(found)s") % {"expected": len(expected), "found": len(header)}
        )
    for number, (title, found) in enumerate(zip(expected, header, strict=True), start=1):
        if found != title:
            raise CbsImportError(
                1,
                _("column %(number)s should be '%(expected)s', found '%(found)s'")
                % {"number": number, "expected": title, "found": found},
            )


def _parse_row(line, row):
    """Return (Region, period) for one data row, or raise CbsImportError."""
    if len(row) != len(COLUMNS):
        raise CbsImportError(
            line, _("expected %(expected)s columns, found %(found)s") % {"expected": len(COLUMNS), "found": len(row)}
        )
    values = dict(zip(COLUMN_TITLES, (field.strip() for field in row), strict=True))

    period = values["period"]
    if not PERIOD.fullmatch(period):
        raise CbsImportError(line, _("period '%(period)s' is not a year") % {"period": period})
    code = values["code"]
    if not REGION_CODE.fullmatch(code):
        raise CbsImportError(
            line, _("'%(code)s' is not a CBS region code (GM + 4, WK + 6 or BU + 8 digits)") % {"code": code}
        )
    if not values["name"]:
        raise CbsImportError(line, _("the region name is empty"))

    figures = {name: _parse_figure(line, name, values[name]) for name in FIGURES}
    return Region(line=line, code=code, name=values["name"], figures=figures), int(period)


def _parse_figure(line, name, text):
    """A number in the format of its statistics field, or None for CBS's '.'."""
    if text == NOT_AVAILABLE:
        return None
    field = NeighbourhoodStatistics._meta.get_field(name)
    pattern = INTEGER if field.get_internal_type().endswith("IntegerField") else DECIMAL
    column = COLUMN_TITLES[name]
    if not pattern.fullmatch(text):
        raise CbsImportError(
            line, _("'%(value)s' in column '%(column)s' is not a number or '.'") % {"value": text, "column": column}
        )
    try:
        return field.clean(text, None)
    except ValidationError as error:
        raise CbsImportError(
            line,
            _("'%(value)s' in column '%(column)s': %(problem)s")
            % {"value": text, "column": column, "problem": " ".join(error.messages)},
        ) from None


def _check_one_period(regions):
    first_region, year = regions[0]
    for region, period in regions:
        if period != year:
            raise CbsImportError(
                region.line,
                _("period %(period)s differs from %(year)s on line %(first)s")
                % {"period": period, "year": year, "first": first_region.line},
            )
    return year


def check_unique_codes_and_parents(regions):
    """Raise CbsImportError for a region listed twice, or one whose parent is not in the file."""
    seen = {}
    for region in regions:
        if region.code in seen:
            raise CbsImportError(
                region.line,
                _("region %(code)s already appears on line %(first)s")
                % {"code": region.code, "first": seen[region.code]},
            )
        seen[region.code] = region.line
    for region in regions:
        if region.parent_code and region.parent_code not in seen:
            raise CbsImportError(
                region.line,
                _("%(parent)s, the parent of %(code)s, is not in the file")
                % {"parent": region.parent_code, "code": region.code},
            )


@transaction.atomic
def _save(year, regions):
    """Write the validated regions and their statistics; all or nothing."""
    result = CbsImportResult(year=year)
    municipalities, districts, neighbourhoods, counts = sync_region_tree(year, regions)
    (
        (result.municipalities_created, result.municipalities_updated),
        (result.districts_created, result.districts_updated),
        (result.neighbourhoods_created, result.neighbourhoods_updated),
    ) = counts
    result.statistics_created, result.statistics_updated, result.statistics_unchanged = sync_statistics(
        NeighbourhoodStatistics,
        "neighbourhood",
        year,
        {neighbourhoods[r.code].pk: r.figures for r in regions if r.code.startswith("BU")},
        SOURCE,
    )
    return result


def sync_region_tree(year, regions):
    """Create or update the municipalities, districts and neighbourhoods of a file of `year`.

    Returns the three {code: object} maps and ((created, updated) per level).
    """
    by_level = {prefix: [r for r in regions if r.code.startswith(prefix)] for prefix in ("GM", "WK", "BU")}
    municipalities, *municipality_counts = sync_regions(
        Municipality, year, {r.code: {"name": r.name} for r in by_level["GM"]}
    )
    districts, *district_counts = sync_regions(
        District,
        year,
        {r.code: {"name": r.name, "municipality_id": municipalities[r.parent_code].pk} for r in by_level["WK"]},
    )
    neighbourhoods, *neighbourhood_counts = sync_regions(
        Neighbourhood,
        year,
        {r.code: {"name": r.name, "district_id": districts[r.parent_code].pk} for r in by_level["BU"]},
    )
    counts = (tuple(municipality_counts), tuple(district_counts), tuple(neighbourhood_counts))
    return municipalities, districts, neighbourhoods, counts


def sync_regions(model, year, wanted):
    """Create or update `model` rows by code so they hold `wanted` ({code: {field: value}}) and `year`.

    A region already known from a later year keeps its name and year: CBS
    corrects names over the years, and importing an older file must not undo that.
    Returns ({code: saved object}, created count, updated count).
    """
    existing = model.objects.in_bulk(list(wanted), field_name="code")
    to_create, to_update = [], []
    for code, values in wanted.items():
        values = {**values, "year": year}
        obj = existing.get(code)
        if obj is None:
            to_create.append(model(code=code, **values))
        elif obj.year <= year and assign_changes(obj, values):
            to_update.append(obj)
    model.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        model.objects.bulk_update(to_update, ["name", "year", *_parent_fields(model)], batch_size=BATCH_SIZE)
    if to_create:
        # Not every backend returns primary keys from bulk_create; read them back.
        existing = model.objects.in_bulk(list(wanted), field_name="code")
    return existing, len(to_create), len(to_update)


def _parent_fields(model):
    return [field.name for field in model._meta.concrete_fields if field.many_to_one]


def sync_statistics(model, owner, year, wanted, source):
    """Create or update the `year` rows of a statistics model ({owner id: {field: value}}).

    Only the given fields change, so figures another CBS table put in the same
    row stay; `source` is added to the row's sources. Returns (created, updated,
    unchanged) counts.
    """
    owner_id = f"{owner}_id"
    existing = {
        getattr(row, owner_id): row for row in model.objects.filter(year=year, **{f"{owner_id}__in": list(wanted)})
    }
    to_create, to_update, fields = [], [], {"source"}
    for pk, values in wanted.items():
        fields.update(values)
        row = existing.get(pk)
        if row is None:
            to_create.append(model(**{owner_id: pk}, year=year, **values, source=source))
        elif assign_changes(row, {**values, "source": merge_sources(row.source, source)}):
            to_update.append(row)
    model.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        model.objects.bulk_update(to_update, sorted(fields), batch_size=BATCH_SIZE)
    return len(to_create), len(to_update), len(wanted) - len(to_create) - len(to_update)


def merge_sources(sources, source):
    """`sources` ("; "-separated) with `source` added once, in a fixed order whatever the import order."""
    return "; ".join(sorted({*filter(None, (part.strip() for part in sources.split(";"))), source}))


def assign_changes(obj, values):
    """Set the attributes that differ; return whether any did."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed
