"""A figure's table as a download — CSV and .xlsx — with the same rows and the same suppressed cells as on the page.

Both open correctly in Dutch Excel: in the Dutch interface the CSV is `;`-separated with decimal commas (Dutch
Excel reads a comma-separated file as one column, and 12.5 as a date or text); in English, `,` and decimal points.
Either way UTF-8 with a byte-order mark, so Excel reads accents. The .xlsx holds real numbers, whatever the
language. File names are in the interface's language.
"""

import csv
import io
import re

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.translation import pgettext_lazy

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")

# The words file names are made of (a page's name and a table's slug), in the interface's language.
FILE_WORDS = {
    "neighbourhoods": pgettext_lazy("file name", "neighbourhoods"),
    "district": pgettext_lazy("file name", "district"),
    "neighbourhood": pgettext_lazy("file name", "neighbourhood"),
    "buurt": pgettext_lazy("file name", "neighbourhood"),
    "partners": pgettext_lazy("file name", "partners"),
    "case-health": pgettext_lazy("file name", "case-health"),
    "monitor": pgettext_lazy("file name", "monitor"),
    "overview": pgettext_lazy("file name", "overview"),
    "areas": pgettext_lazy("file name", "areas"),
    "signals-per-month": pgettext_lazy("file name", "signals-per-month"),
    "open-cases-by-status": pgettext_lazy("file name", "open-cases-by-status"),
    "gaps": pgettext_lazy("file name", "cases-without-action"),
    "reviews": pgettext_lazy("file name", "reviews"),
    "outcomes-by-kind": pgettext_lazy("file name", "outcomes-by-kind"),
    "outcomes-by-direction": pgettext_lazy("file name", "outcomes-by-direction"),
    "indicators": pgettext_lazy("file name", "indicators"),
    "corporatiebuurten": pgettext_lazy("file name", "corporation-neighbourhoods"),
    "buurten": pgettext_lazy("file name", "neighbourhoods"),
    "quadrant": pgettext_lazy("file name", "quadrant"),
    "corporation-figures": pgettext_lazy("file name", "corporation-figures"),
    "what-works": pgettext_lazy("file name", "what-works"),
}


def _text(value):
    """Names are text: keep a spreadsheet from reading one as a formula."""
    value = str(value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _words(name):
    """'district-WK036301' -> 'wijk-WK036301' in Dutch: known words translated, codes kept."""
    if name in FILE_WORDS:
        return str(FILE_WORDS[name])
    parts, out = name.split("-"), []
    while parts:
        for size in range(len(parts), 0, -1):
            word = "-".join(parts[:size])
            if word in FILE_WORDS:
                out.append(str(FILE_WORDS[word]))
                parts = parts[size:]
                break
        else:
            out.append(parts.pop(0))
    return "-".join(out)


def file_name(table, name, extension):
    """veerkracht-<page>-<table>-<date>.<extension>, in the interface's language."""
    return f"veerkracht-{_words(name)}-{_words(table.slug)}-{timezone.localdate():%Y-%m-%d}.{extension}"


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def csv_dialect():
    """(field separator, decimal separator) of the interface's language: ';' and ',' where the decimal
    separator is a comma, as Dutch Excel expects."""
    decimal = get_format("DECIMAL_SEPARATOR")
    return (";" if decimal == "," else ","), decimal


def _csv_number(value, decimal):
    return value.replace(".", decimal) if NUMBER.match(value) else value


def csv_response(table, *, name):
    """The table as CSV in the interface language's dialect (see the module docstring), with a byte-order mark."""
    separator, decimal = csv_dialect()
    response = _attachment(HttpResponse(content_type="text/csv; charset=utf-8"), file_name(table, name, "csv"))
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=separator)
    writer.writerow([_text(table.label_heading), *(_text(column) for column in table.columns)])
    for row in table.rows:
        writer.writerow([_text(row.label), *(_csv_number(cell.csv, decimal) for cell in row.cells)])
    return response


def _xlsx_value(text):
    """A figure as a number where it is one ('12.5', '+3'), otherwise its text ('<5', 'n.v.t.')."""
    if NUMBER.match(text):
        return float(text) if "." in text else int(text)
    return text


def xlsx_response(table, *, name):
    """The table as an Excel workbook: one sheet, the heading row bold and frozen, figures as numbers."""
    from openpyxl import Workbook  # only when someone downloads one: it is a large import
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _words(table.slug)[:31]  # Excel's limit for a sheet name
    sheet.append([str(table.label_heading), *(str(column) for column in table.columns)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    for row in table.rows:
        # openpyxl would store a string starting with "=" as a formula: labels are guarded like the CSV's.
        sheet.append([_text(row.label), *(_xlsx_value(cell.csv) for cell in row.cells)])
        for sheet_cell, cell in zip(sheet[sheet.max_row][1:], row.cells, strict=True):
            if NUMBER.match(cell.csv) and "." in cell.csv:  # as many decimals as on the page: 0.250 stays 0,250
                sheet_cell.number_format = "0." + "0" * len(cell.csv.split(".")[1])
    sheet.column_dimensions["A"].width = min(60, max([12, *(len(str(row.label)) + 2 for row in table.rows)]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE), file_name(table, name, "xlsx"))


def download_response(table, *, name, extension="csv"):
    """The table as `extension` ('csv' or 'xlsx'); 404 for any other."""
    if extension == "csv":
        return csv_response(table, name=name)
    if extension == "xlsx":
        return xlsx_response(table, name=name)
    raise Http404


def requested_extension(request):
    """'xlsx' for a download route named …_xlsx (the figure pages' urls.py give each …_csv route one beside it),
    else 'csv'."""
    match = getattr(request, "resolver_match", None)
    return "xlsx" if match is not None and match.url_name.endswith("_xlsx") else "csv"
