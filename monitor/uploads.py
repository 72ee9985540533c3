"""The corporation figures' CSV: the template to fill in, and reading an upload back, line by line.

The file is what a spreadsheet saves as "CSV (puntkomma-gescheiden)": `;`
between fields, UTF-8 (with or without a byte-order mark), a header line with
the Dutch column names of the template (found by name, in any order, case and
spaces ignored), then one line per buurt. Every line is checked before
anything is saved; all problems are reported with their line number, and one
bad line saves nothing.
"""

import csv
import io
import re

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _

from neighbourhoods.models import Neighbourhood

from .models import FIGURE_FIELDS, CorporationFigures

CODE_COLUMN = "buurtcode"
NAME_COLUMN = "buurtnaam"
# The template's Dutch headers: the corporations' own vocabulary, so not translated.
HEADERS = {
    "homes": "woningen",
    "lettings": "verhuringen",
    "lettings_urgent": "verhuringen urgentie",
    "lettings_sheltered": "verhuringen uitstroom bw/mo",
    "lettings_status_holders": "verhuringen statushouders",
    "lettings_other_priority": "verhuringen overige voorrang",
    "nuisance_terminations": "huurbeeindigingen overlast",
    "leavers_middle_income": "vertrekkers midden/hoog inkomen",
}
MAX_LINES = 2000
# A whole number, optionally with Dutch thousands dots ("1.250"); "12.5" or "12,5" is refused, not read as 125.
WHOLE_NUMBER = re.compile(r"[0-9]+|[0-9]{1,3}(\.[0-9]{3})+")


class UploadErrors(Exception):
    """The file cannot be saved: `errors` is [(line number, reason)], in line order."""

    def __init__(self, errors):
        super().__init__("; ".join(f"{line}: {reason}" for line, reason in errors))
        self.errors = errors


def template_response(neighbourhoods=()):
    """The empty template (with the given buurten filled in by code and name), `;` separated, for Excel."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="veerkracht-corporatiecijfers-sjabloon.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([CODE_COLUMN, NAME_COLUMN, *(HEADERS[name] for name in FIGURE_FIELDS)])
    for neighbourhood in neighbourhoods:
        writer.writerow([neighbourhood.code, neighbourhood.name, *([""] * len(FIGURE_FIELDS))])
    return response


def _normal(title):
    return " ".join(title.replace("\ufeff", "").replace("ë", "e").strip().lower().split())


def parse_upload(data):
    """The unsaved CorporationFigures rows of an uploaded file (bytes), or raise UploadErrors."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UploadErrors([(line, _("the file is not UTF-8 encoded (save it as CSV UTF-8)"))]) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            raise UploadErrors([(1, _("the file is empty"))])
        columns = _columns(header)
        lines = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as error:
        raise UploadErrors([(reader.line_num, _("malformed CSV: %(error)s") % {"error": error})]) from None
    if not lines:
        raise UploadErrors([(1, _("the file has no lines with figures"))])
    if len(lines) > MAX_LINES:
        raise UploadErrors([(lines[MAX_LINES][0], _("more than %(max)s lines") % {"max": MAX_LINES})])

    codes = {row[columns[CODE_COLUMN]].strip().upper() for _line, row in lines if len(row) > columns[CODE_COLUMN]}
    known = Neighbourhood.objects.in_bulk(codes, field_name="code")
    errors, rows, seen = [], [], {}
    for line, row in lines:
        problems, figures = _line(row, header, columns, known, seen, line)
        if problems:
            errors += [(line, problem) for problem in problems]
        else:
            rows.append(figures)
    if errors:
        raise UploadErrors(errors)
    return rows


def _columns(header):
    wanted = {CODE_COLUMN: CODE_COLUMN, **HEADERS}
    found = {_normal(title): index for index, title in enumerate(header)}
    missing = [title for title in wanted.values() if _normal(title) not in found]
    if missing:
        reason = _("column(s) missing: %(columns)s") % {"columns": ", ".join(f"“{title}”" for title in missing)}
        if len(header) == 1 and "," in header[0]:
            reason += " " + _("(the file is separated by commas; use semicolons, as in the template)")
        raise UploadErrors([(1, reason)])
    return {name: found[_normal(title)] for name, title in wanted.items()}


def _line(row, header, columns, known, seen, line):
    """(problems, unsaved row) for one line of the file."""
    if len(row) != len(header):
        return [_("expected %(expected)s fields, found %(found)s") % {"expected": len(header), "found": len(row)}], None
    code = row[columns[CODE_COLUMN]].strip().upper()
    neighbourhood = known.get(code)
    if neighbourhood is None:
        return [_("“%(code)s” is not a known CBS buurt code") % {"code": code}], None
    if code in seen:
        return [_("buurt %(code)s is also on line %(line)s") % {"code": code, "line": seen[code]}], None
    seen[code] = line
    problems, values = [], {}
    for name in FIGURE_FIELDS:
        text = row[columns[name]].strip()
        if not WHOLE_NUMBER.fullmatch(text):
            problems.append(
                _("“%(value)s” in column “%(column)s” is not a whole number of 0 or more")
                % {"value": row[columns[name]].strip(), "column": HEADERS[name]}
            )
        else:
            values[name] = int(text.replace(".", ""))
    if problems:
        return problems, None
    figures = CorporationFigures(neighbourhood=neighbourhood, **values)
    try:
        figures.clean()
    except ValidationError as error:
        return [str(message) for messages in error.message_dict.values() for message in messages], None
    return [], figures
