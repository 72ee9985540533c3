"""The quadrant chart: vulnerability (low-income index, Amsterdam = 100) against the nuisance trend.

Drawn on the server as SVG like the other charts (core/charts.py): no
JavaScript, a title and description, every point with its name as a tooltip,
and the highlighted buurten ("kwetsbaar en onder druk") in red, larger, named
and linked to their profile, so neither colour nor hovering is needed. The
numbers are in the table under the chart.
"""

from django.utils.html import escape
from django.utils.translation import gettext as _

from core.charts import INK, LINE, MUTED, SERIES, svg

WIDTH, HEIGHT = 360, 320
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 14, 52
HIGHLIGHT = SERIES[1][0]
BLUE = SERIES[0][0]


def _range(values, centre, least):
    spread = max([abs(v - centre) for v in values] + [least])
    return centre - spread * 1.1, centre + spread * 1.1


def quadrant_chart(chart_id, lines, profile_url):
    """SVG of the buurten with both a low-income index and a signal change; returns (svg, names left out)."""
    placed = [line for line in lines if line.low_income_index is not None and line.signal_change.number is not None]
    left_out = [
        line.neighbourhood.name
        for line in lines
        if line.low_income_index is not None and line.signal_change.number is None
    ]
    x_min, x_max = _range([line.low_income_index for line in placed], 100, 40)
    y_min, y_max = _range([line.signal_change.number for line in placed], 0, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(value):
        return LEFT + (value - x_min) / (x_max - x_min) * plot_w

    def y(value):
        return TOP + (y_max - value) / (y_max - y_min) * plot_h

    parts = [
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="#fff" stroke="{LINE}"/>',
        f'<rect x="{x(100):.1f}" y="{TOP}" width="{LEFT + plot_w - x(100):.1f}" height="{y(0) - TOP:.1f}" '
        f'fill="#fbeaec"/>',
        f'<line x1="{x(100):.1f}" y1="{TOP}" x2="{x(100):.1f}" y2="{TOP + plot_h}" stroke="{MUTED}" '
        f'stroke-dasharray="4 3"/>',
        f'<line x1="{LEFT}" y1="{y(0):.1f}" x2="{LEFT + plot_w}" y2="{y(0):.1f}" stroke="{MUTED}" '
        f'stroke-dasharray="4 3"/>',
        f'<text x="{LEFT + plot_w - 4}" y="{TOP + 14}" font-size="12" text-anchor="end" fill="{HIGHLIGHT}" '
        f'font-weight="600">{escape(_("Vulnerable and under pressure"))}</text>',
        f'<text x="{x(100) + 3:.1f}" y="{TOP + plot_h - 4}" font-size="11" fill="{MUTED}">100</text>',
        f'<text x="{LEFT - 4}" y="{y(0) + 4:.1f}" font-size="11" text-anchor="end" fill="{MUTED}">0</text>',
        f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 28}" font-size="12" text-anchor="middle" fill="{INK}">'
        f"{escape(_('Low income, index (Amsterdam = 100)'))} →</text>",
        f'<text x="12" y="{TOP + plot_h / 2:.1f}" font-size="12" text-anchor="middle" fill="{INK}" '
        f'transform="rotate(-90 12 {TOP + plot_h / 2:.1f})">{escape(_("Signals rising"))} →</text>',
    ]
    # Highlighted points last, so they are drawn on top.
    for line in sorted(placed, key=lambda line: line.vulnerable):
        cx, cy = x(line.low_income_index), y(line.signal_change.number)
        name = line.neighbourhood.name
        tooltip = escape(
            _("%(name)s: low income index %(index)s, signals %(change)s per 1,000 households")
            % {"name": name, "index": line.low_income_index, "change": line.signal_change.text}
        )
        if line.vulnerable:
            anchor = "end" if cx > LEFT + plot_w * 0.6 else "start"
            dx = -10 if anchor == "end" else 10
            parts.append(
                f'<a href="{escape(profile_url(line.neighbourhood))}" class="quadrant__highlight" '
                f'aria-label="{escape(name)}"><g><title>{tooltip}</title>'
                f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="7" fill="{HIGHLIGHT}" stroke="#fff" stroke-width="2"/>'
                f'<text x="{cx + dx:.1f}" y="{cy + 4:.1f}" font-size="12" font-weight="600" '
                f'text-anchor="{anchor}" fill="{HIGHLIGHT}">{escape(name)}</text></g></a>'
            )
        else:
            fill = BLUE if line.corporation_area else "#fff"
            parts.append(
                f'<g><title>{tooltip}</title><circle cx="{cx:.1f}" cy="{cy:.1f}" r="4.5" fill="{fill}" '
                f'stroke="{BLUE}" stroke-width="1.5"/></g>'
            )
    legend_y = HEIGHT - 10
    parts.append(
        f'<circle cx="{LEFT + 5}" cy="{legend_y - 4}" r="4.5" fill="{BLUE}" stroke="{BLUE}"/>'
        f'<text x="{LEFT + 14}" y="{legend_y}" font-size="11" fill="{INK}">{escape(_("corporatiebuurt"))}</text>'
        f'<circle cx="{LEFT + 125}" cy="{legend_y - 4}" r="4.5" fill="#fff" stroke="{BLUE}" stroke-width="1.5"/>'
        f'<text x="{LEFT + 134}" y="{legend_y}" font-size="11" fill="{INK}">{escape(_("other buurt"))}</text>'
        f'<circle cx="{LEFT + 220}" cy="{legend_y - 4}" r="6" fill="{HIGHLIGHT}"/>'
        f'<text x="{LEFT + 230}" y="{legend_y}" font-size="11" fill="{INK}">{escape(_("highlighted"))}</text>'
    )
    chart = svg(
        chart_id,
        _("Vulnerability against the nuisance trend"),
        WIDTH,
        HEIGHT,
        "".join(parts),
        _(
            "Scatter chart of the buurten: to the right more low-income households than Amsterdam, upwards rising "
            "signals. Highlighted buurten are named and link to their profile. The numbers are in the table below."
        ),
    )
    return chart, left_out
