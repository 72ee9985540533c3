"""Server-rendered SVG charts: no JavaScript, readable at a glance, drawn from `tables.Cell`s.

Every chart has a <title> and an aria-label, every bar carries its number as
text (so nothing depends on colour), series are told apart by pattern as well
as colour, and all colours reach 3:1 against white (WCAG 1.4.11) while text
reaches 4.5:1. A suppressed count ("<5") is drawn as a dashed stub of fixed
size, so the bar's length cannot give the number away. The same numbers are
always in the table under the chart.

All text is escaped here; the result is marked safe for templates.
"""

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

INK = "#1b1f24"
MUTED = "#4a5563"
LINE = "#c9d1da"
# (colour, pattern): colours ≥ 5:1 on white; patterns keep series apart without colour.
SERIES = [
    ("#0b4f6c", "solid"),
    ("#a1122b", "stripes"),
    ("#5b3a99", "dots"),
    ("#7a4a00", "crosshatch"),
    ("#2b6a2f", "lines"),
    ("#4a5563", "solid"),
]


def _attrs(**attributes):
    return " ".join(f'{name.rstrip("_").replace("_", "-")}="{escape(value)}"' for name, value in attributes.items())


def _fill(chart_id, index):
    colour, pattern = SERIES[index % len(SERIES)]
    return colour if pattern == "solid" else f"url(#{chart_id}-p{index})"


def _pattern_defs(chart_id, count):
    defs = []
    for index in range(count):
        colour, pattern = SERIES[index % len(SERIES)]
        pid = f"{chart_id}-p{index}"
        if pattern == "stripes":
            body = f'<rect width="6" height="6" fill="#fff"/><rect width="3" height="6" fill="{colour}"/>'
            defs.append(
                f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse" '
                f'patternTransform="rotate(45)">{body}</pattern>'
            )
        elif pattern == "dots":
            body = f'<rect width="5" height="5" fill="#fff"/><circle cx="2.5" cy="2.5" r="1.7" fill="{colour}"/>'
            defs.append(f'<pattern id="{pid}" width="5" height="5" patternUnits="userSpaceOnUse">{body}</pattern>')
        elif pattern == "crosshatch":
            body = (
                f'<rect width="6" height="6" fill="#fff"/>'
                f'<path d="M0 0L6 6M6 0L0 6" stroke="{colour}" stroke-width="1.6"/>'
            )
            defs.append(f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse">{body}</pattern>')
        elif pattern == "lines":
            body = f'<rect width="6" height="6" fill="#fff"/><rect width="6" height="2.5" fill="{colour}"/>'
            defs.append(f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse">{body}</pattern>')
    return f"<defs>{''.join(defs)}</defs>" if defs else ""


def _shorten(text, limit):
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _svg(chart_id, title, width, height, body, description):
    return mark_safe(
        f'<svg class="chart__svg" viewBox="0 0 {width} {height:g}" role="img" '
        f"{_attrs(aria_labelledby=f'{chart_id}-title {chart_id}-desc')} "
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{body}</svg>"
    )


def _largest(cells):
    return max((cell.number for cell in cells if cell.number is not None and cell.number > 0), default=0)


BAR_WIDTH = 360
BAR_HEIGHT = 18
VALUE_ROOM = 64


def bar_chart(chart_id, title, groups, series=None, *, skip_zero=False):
    """Horizontal bars: `groups` is [(label, [cell, ...])], one cell per series; `series` names them.

    The label sits above its bars, so long names (organisations, intervention
    kinds) stay readable on a phone. With several series each number is followed
    by its series' name, so the pattern and the legend are a help, not a need.
    skip_zero leaves out the bars of zero (the table still has them), which keeps
    sparse cross-tables short; a group with nothing at all shows one "0".
    """
    several = bool(series) and len(series) > 1
    series = series or [""]
    everything = [cell for _label, group in groups for cell in group]
    largest = _largest(everything)
    room = max(len(str(name)) for name in series) * 8 + VALUE_ROOM if several else VALUE_ROOM
    scale = (BAR_WIDTH - min(room, BAR_WIDTH // 2)) / largest if largest else 0
    parts = [_pattern_defs(chart_id, len(series))]
    y = 0
    if several:
        x = 0
        for index, name in enumerate(series):
            label_width = 28 + 8 * len(str(name))
            if x and x + label_width > BAR_WIDTH:
                x, y = 0, y + 24
            colour = SERIES[index % len(SERIES)][0]
            parts.append(
                f'<rect x="{x}" y="{y + 2}" width="18" height="18" {_attrs(fill=_fill(chart_id, index))} '
                f'stroke="{colour}"/>'
                f'<text x="{x + 24}" y="{y + 16}" font-size="14" fill="{INK}">{escape(name)}</text>'
            )
            x += label_width + 12
        y += 34
    for label, group in groups:
        name = escape(_shorten(label, 40))
        parts.append(f'<text x="0" y="{y + 14}" font-size="15" font-weight="600" fill="{INK}">{name}</text>')
        y += 20
        shown = [(i, cell) for i, cell in enumerate(group) if not (skip_zero and cell.number == 0)]
        if not shown:
            parts.append(f'<text x="2" y="{y + 14}" font-size="14" fill="{INK}">0</text>')
            y += BAR_HEIGHT + 3
        for index, cell in shown:
            colour = SERIES[index % len(SERIES)][0]
            tooltip = escape(" — ".join(str(part) for part in (label, series[index], cell.text) if part))
            if cell.suppressed:
                bar = (
                    f'<rect x="0.5" y="{y + 0.5}" width="10" height="{BAR_HEIGHT - 1}" fill="#fff" '
                    f'stroke="{colour}" stroke-dasharray="2 2"/>'
                )
                end = 10
            elif cell.number:
                length = max(cell.number * scale, 1)
                bar = (
                    f'<rect x="0" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" '
                    f'{_attrs(fill=_fill(chart_id, index))} stroke="{colour}"/>'
                )
                end = length
            else:
                bar, end = "", -4
            text = f"{cell.text} {str(series[index]).lower()}" if several else cell.text
            parts.append(
                f"<g><title>{tooltip}</title>{bar}"
                f'<text x="{end + 6:.1f}" y="{y + 14}" font-size="14" fill="{INK}">{escape(text)}</text></g>'
            )
            y += BAR_HEIGHT + 3
        y += 9
    return _svg(chart_id, title, BAR_WIDTH, y, "".join(parts), _("Bar chart. The numbers are in the table below."))


PANEL_WIDTH = 300
PANEL_TOP = 16
PANEL_BARS = 96
COLUMN_WIDTH = 16


def column_chart(chart_id, title, months, cells, *, largest=None):
    """One small-multiple panel: a column per month, its number on top, the month underneath."""
    largest = largest if largest is not None else _largest(cells)
    scale = PANEL_BARS / largest if largest else 0
    slot = (PANEL_WIDTH - 8) / len(cells)
    baseline = PANEL_TOP + PANEL_BARS
    size = 9 if largest >= 1000 else 10
    parts = [f'<line x1="0" y1="{baseline + 0.5}" x2="{PANEL_WIDTH}" y2="{baseline + 0.5}" stroke="{MUTED}"/>']
    for index, (month, cell) in enumerate(zip(months, cells, strict=True)):
        centre = 4 + slot * index + slot / 2
        left = centre - COLUMN_WIDTH / 2
        tooltip = escape(f"{month['long']}: {cell.text}")
        if cell.suppressed:
            bar = (
                f'<rect x="{left + 0.5:.1f}" y="{baseline - 5.5}" width="{COLUMN_WIDTH - 1}" height="5" '
                f'fill="#fff" stroke="{SERIES[0][0]}" stroke-dasharray="2 2"/>'
            )
            top = baseline - 6
        elif cell.number:
            height = max(cell.number * scale, 1)
            bar = (
                f'<rect x="{left:.1f}" y="{baseline - height:.1f}" width="{COLUMN_WIDTH}" '
                f'height="{height:.1f}" fill="{SERIES[0][0]}"/>'
            )
            top = baseline - height
        else:
            bar, top = "", baseline
        parts.append(
            f"<g><title>{tooltip}</title>{bar}"
            f'<text x="{centre:.1f}" y="{top - 3:.1f}" font-size="{size}" text-anchor="middle" '
            f'fill="{INK}">{escape(cell.text)}</text>'
            f'<text x="{centre:.1f}" y="{baseline + 13}" font-size="10" text-anchor="middle" '
            f'fill="{INK}">{escape(month["short"])}</text>'
        )
        if month["year"]:
            parts.append(
                f'<text x="{centre:.1f}" y="{baseline + 25}" font-size="9" text-anchor="middle" '
                f'fill="{MUTED}">{escape(month["year"])}</text>'
            )
        parts.append("</g>")
    return _svg(
        chart_id,
        title,
        PANEL_WIDTH,
        baseline + 30,
        "".join(parts),
        _("Column chart per month. The numbers are in the table below."),
    )


# From tables to charts -----------------------------------------------------------

PANELS_SHOWN = 6  # category panels next to "all categories"; the table lists every category


def month_labels(months):
    return [
        {
            "long": date_format(month, "N Y"),
            "short": capfirst(date_format(month, "b")),
            # The year under January, and under the first month unless January follows closely.
            "year": str(month.year) if month.month == 1 or (index == 0 and month.month <= 10) else "",
        }
        for index, month in enumerate(months)
    ]


def month_panels(table, months, *, chart_id):
    """Small multiples for the signals-per-month table: all categories, then the largest ones.

    The category panels share one scale, so their heights compare; "all
    categories" has its own.
    """
    labels = month_labels(months)
    total = table.total_row()
    categories = table.body_rows()[:PANELS_SHOWN]
    shared = max((_largest(row.cells[: len(months)]) for row in categories), default=0)
    panels = []
    for index, (row, largest) in enumerate([(total, None)] + [(row, shared) for row in categories]):
        title = _("%(category)s: signals per month") % {"category": row.label}
        panels.append(
            {
                "title": row.label,
                "total": row.cells[-1],
                "svg": column_chart(f"{chart_id}-{index}", title, labels, row.cells[: len(months)], largest=largest),
            }
        )
    return panels


def table_bars(chart_id, table, *, columns=(0,), rows=None, skip_zero=False):
    """A bar chart of some columns of a table (totals left out); several columns become series."""
    rows = table.body_rows() if rows is None else rows
    groups = [(row.label, [row.cells[index] for index in columns]) for row in rows]
    series = [table.columns[index] for index in columns] if len(columns) > 1 else None
    return bar_chart(chart_id, table.title, groups, series, skip_zero=skip_zero)


def svg(chart_id, title, width, height, body, description):
    """An accessible SVG document (title, description, role) around `body`: for charts drawn elsewhere."""
    return _svg(chart_id, title, width, height, body, description)
