"""A figure's table as a CSV download: the same rows and the same suppressed cells as on the page."""

import csv

from django.http import HttpResponse
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value):
    """Names are text: keep a spreadsheet from reading one as a formula."""
    value = str(value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def csv_response(table, *, name):
    """RFC 4180 CSV (UTF-8 with a byte-order mark, so Excel reads accents), plain numbers with a decimal point."""
    filename = f"veerkracht-{name}-{table.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_text(table.label_heading), *(_text(column) for column in table.columns)])
    for row in table.rows:
        writer.writerow([_text(row.label), *(cell.csv for cell in row.cells)])
    return response
