"""The monitor's pages: all the viewer's buurten, a wijk, and a buurt's one-page profile.

Each view reads top to bottom: may this user see the monitor (403 if not),
whose buurten (404 for a wijk or buurt outside them), the figures (a fixed
number of grouped queries, monitor/data.py), then the page or one table's CSV.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core import charts
from core.downloads import download_response, requested_extension

from . import tables
from .access import entering_corporations, monitor_neighbourhoods, monitor_neighbourhoods_or_404, require_monitor_viewer
from .data import buurt_numbers, city_numbers, monitor_data, vulnerable_under_pressure
from .quadrant import quadrant_chart
from .works import outcome_columns, outcome_tables, split_table


def _tables_or_csv(request, all_tables, figure, *, name, url_name, args=()):
    """Give each table its CSV and .xlsx links; for a /csv/<figure>/ or /xlsx/<figure>/ request, the response to
    send instead of the page."""
    for table in all_tables:
        table.csv_url = reverse(f"monitor:{url_name}_csv", args=[*args, table.slug])
        table.xlsx_url = reverse(f"monitor:{url_name}_xlsx", args=[*args, table.slug])
    if figure is None:
        return None
    by_slug = {table.slug: table for table in all_tables}
    if figure not in by_slug:
        raise Http404
    return download_response(by_slug[figure], name=f"monitor-{name}", extension=requested_extension(request))


def _profile_url(neighbourhood):
    return reverse("monitor:neighbourhood", args=[neighbourhood.code])


def _area_page(request, neighbourhoods, *, figure, name, url_name, args=(), context=None):
    data = monitor_data(request.user, neighbourhoods)
    city = city_numbers(data)
    lines = tables.buurt_lines(data, city)
    corporation_ids = [line.neighbourhood.pk for line in lines if line.corporation_area]
    other_ids = [
        line.neighbourhood.pk
        for line in lines
        if not line.corporation_area and line.numbers.corporation_share is not None
    ]
    split = tables.split_table(data, city, corporation_ids, other_ids)
    buurten = tables.buurten_table(
        data,
        city,
        lines,
        district_url=lambda district: reverse("monitor:district", args=[district.code]),
        buurt_url=_profile_url,
    )
    quadrant = tables.quadrant_table(lines)
    works = split_table(data.outcomes, set(corporation_ids))
    by_kind, by_direction = outcome_tables(None, rows=data.outcomes)
    all_tables = [quadrant, split, buurten, works, by_kind, by_direction]
    download = _tables_or_csv(
        request, all_tables, figure, name="-".join([url_name, *args]), url_name=url_name, args=args
    )
    if download:
        return download
    quadrant_svg, left_out = quadrant_chart("quadrant", lines, _profile_url)
    outcome_series = tuple(range(len(outcome_columns())))
    return render(
        request,
        "monitor/area.html",
        {
            "name": name,
            "neighbourhood_count": len(neighbourhoods),
            "highlighted": [line for line in lines if line.vulnerable],
            "quadrant": quadrant,
            "quadrant_chart": quadrant_svg,
            "left_out": left_out,
            "split": split,
            "split_chart": charts.table_bars("split", split, columns=(1, 4), rows=split.rows[:6]),
            "buurten": buurten,
            "works": works,
            "works_chart": charts.table_bars("works", works, columns=(1, 3)) if works.rows else None,
            "by_kind": by_kind,
            "by_kind_chart": (
                charts.table_bars("by-kind", by_kind, columns=outcome_series, skip_zero=True) if by_kind.rows else None
            ),
            "by_direction": by_direction,
            "cbs_years": data.cbs_years,
            "enters_figures": bool(entering_corporations(request.user)),
            **(context or {}),
        },
    )


@login_required
def overview(request, figure=None):
    require_monitor_viewer(request.user)
    mine = monitor_neighbourhoods(request.user)
    if not mine:
        if figure:
            raise Http404
        return render(request, "monitor/area.html", {"name": _("Veerkracht monitor"), "no_scope": True})
    return _area_page(request, mine, figure=figure, name=_("All your buurten"), url_name="overview")


@login_required
def district(request, code, figure=None):
    require_monitor_viewer(request.user)
    mine = monitor_neighbourhoods_or_404(request.user, district_code=code)
    district = mine[0].district
    return _area_page(
        request,
        mine,
        figure=figure,
        name=district.name,
        url_name="district",
        args=[code],
        context={"district": district},
    )


@login_required
def neighbourhood(request, code, figure=None):
    """The buurt's one-page profile for the yearly review with the partners (print CSS: templates/monitor/)."""
    require_monitor_viewer(request.user)
    (buurt,) = monitor_neighbourhoods_or_404(request.user, code=code)
    data = monitor_data(request.user, [buurt])
    city = city_numbers(data)
    numbers = buurt_numbers(data, buurt.pk)
    profile = tables.profile_table(data, numbers, city)
    corporations = tables.corporation_years_table(data, numbers, city)
    _by_kind, by_direction = outcome_tables(None, rows=data.outcomes)
    download = _tables_or_csv(
        request,
        [profile, corporations, by_direction],
        figure,
        name=f"buurt-{code}",
        url_name="neighbourhood",
        args=[code],
    )
    if download:
        return download
    index_groups = [(row.label, [row.cells[4]]) for row in profile.rows]
    return render(
        request,
        "monitor/profile.html",
        {
            "neighbourhood": buurt,
            "district": buurt.district,
            "numbers": numbers,
            "vulnerable": vulnerable_under_pressure(numbers, city),
            "corporation_area": numbers.corporation_area,
            "profile": profile,
            "index_chart": charts.bar_chart("index", _("Index (Amsterdam = 100)"), index_groups),
            "corporations": corporations,
            "by_direction": by_direction,
            "cbs_years": data.cbs_years,
        },
    )
