"""Overview pages for managers: neighbourhoods (with district and neighbourhood drill-down), partners, case health.

Every view reads top to bottom: may this user see aggregates (403 if not),
whose neighbourhoods (404 for a district or neighbourhood outside them), the
figures (a fixed number of grouped queries, kept for a few minutes by
dashboards/cache.py), then the page or one figure's CSV.
Counts pass through the small-number rule (core/tables.py); lists of
cases come from `Case.objects.visible_to(user)` only.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.kept_pages import kept_response
from core import charts
from core.downloads import download_response, requested_extension

from . import figures, scope
from .alerts import active_alerts_for
from .cache import page_figures


def _tables_or_csv(request, shown, tables, figure, *, name, url_name, args=()):
    """Give each table (`tables(values)`) its CSV and .xlsx links when the page reads the figures; for a
    /csv/<figure>/ or /xlsx/<figure>/ request, the response to send instead of the page."""

    def link(values):
        for table in tables(values):
            table.csv_url = reverse(f"dashboards:{url_name}_csv", args=[*args, table.slug])
            table.xlsx_url = reverse(f"dashboards:{url_name}_xlsx", args=[*args, table.slug])

    shown.when_read(link)
    if figure is None:
        return None
    by_slug = {table.slug: table for table in tables(shown.values)}
    if figure not in by_slug:
        raise Http404
    return download_response(by_slug[figure], name=name, extension=requested_extension(request))


def _area_page(
    request, neighbourhood_ids, read_neighbourhoods, *, figure, name, breakdown, url_name, args=(), context=None
):
    """The page (or one figure's download) for these neighbourhoods; `read_neighbourhoods()` gives their rows
    with district and CBS figures, and is called only when the figures are computed (not when they are kept)."""
    period = figures.Period(timezone.localdate())

    def compute():
        neighbourhoods = read_neighbourhoods()
        area = figures.area_figures(neighbourhoods, period, name=name, breakdown=breakdown)
        return {
            "area": area,
            "district_count": len({n.district_id for n in neighbourhoods}),
            "month_panels": charts.month_panels(area.by_month, period.months, chart_id="months"),
            "status_chart": charts.table_bars("status", area.by_status),
            "rate_chart": (
                charts.bar_chart("rates", _("Signals per 1,000 households"), area.chart_areas)
                if area.chart_areas
                else None
            ),
        }

    shown = page_figures(
        ":".join([url_name, *args]), neighbourhood_ids, period.today, compute, small=["district_count"]
    )
    download = _tables_or_csv(
        request,
        shown,
        lambda values: [values["area"].by_month, values["area"].by_status, values["area"].by_area],
        figure,
        name="-".join([url_name, *args]),
        url_name=url_name,
        args=args,
    )
    if download:
        return download
    return render(
        request,
        "dashboards/area.html",
        {
            **shown.context(),
            "figures_at": shown.computed_at,
            "figures": shown,
            "name": name,
            "period_change": period.describe_change(),
            "neighbourhood_count": len(neighbourhood_ids),
            **(context or {}),
        },
    )


@login_required
def neighbourhoods(request, figure=None):
    scope.require_aggregate_viewer(request.user)
    return kept_response(request, lambda: _neighbourhoods(request, figure))


def _neighbourhoods(request, figure):
    ids = scope.neighbourhood_id_list(request.user)
    if not ids:
        if figure:
            raise Http404
        return render(request, "dashboards/area.html", {"name": _("Your neighbourhoods"), "no_scope": True})
    return _area_page(
        request,
        ids,
        lambda: scope.neighbourhoods(request.user),
        figure=figure,
        name=_("All your neighbourhoods"),
        breakdown="district",
        url_name="neighbourhoods",
        # Unevaluated: the early-warnings panel queries it only when the page is rendered.
        context={"alerts": active_alerts_for(request.user)},
    )


@login_required
def district(request, code, figure=None):
    scope.require_aggregate_viewer(request.user)
    mine = scope.neighbourhoods_or_404(request.user, district_code=code)
    district = mine[0].district
    return _area_page(
        request,
        [n.pk for n in mine],
        lambda: mine,
        figure=figure,
        name=district.name,
        breakdown="neighbourhood",
        url_name="district",
        args=[code],
        context={"district": district},
    )


@login_required
def neighbourhood(request, code, figure=None):
    scope.require_aggregate_viewer(request.user)
    (buurt,) = scope.neighbourhoods_or_404(request.user, code=code)
    return _area_page(
        request,
        [buurt.pk],
        lambda: [buurt],
        figure=figure,
        name=buurt.name,
        breakdown=None,
        url_name="neighbourhood",
        args=[code],
        context={"district": buurt.district, "neighbourhood": buurt},
    )


@login_required
def partners(request, figure=None):
    scope.require_aggregate_viewer(request.user)
    return kept_response(request, lambda: _partners(request, figure))


def _partners(request, figure):
    ids = scope.neighbourhood_id_list(request.user)
    period = figures.Period(timezone.localdate())

    def compute():
        partner_table = figures.partners_table(ids, period)
        return {
            "partners": partner_table,
            "partners_chart": charts.table_bars(
                "partners",
                partner_table,
                columns=(figures.OPEN_ACTIONS_COLUMN, figures.OVERDUE_ACTIONS_COLUMN),
            ),
            "gaps": figures.gaps_table(figures.open_case_counts(ids, period.today)),
        }

    shown = page_figures("partners", ids, period.today, compute)
    download = _tables_or_csv(
        request,
        shown,
        lambda values: [values["partners"], values["gaps"]],
        figure,
        name="partners",
        url_name="partners",
    )
    if download:
        return download
    return render(
        request,
        "dashboards/partners.html",
        {
            **shown.context(),
            "figures_at": shown.computed_at,
            "figures": shown,
            "no_scope": not ids,
            "neighbourhood_count": len(ids),
            **figures.visible_case_lists(request.user, ids, period.today, ("unowned", "unreviewed")),
        },
    )


@login_required
def case_health(request, figure=None):
    scope.require_aggregate_viewer(request.user)
    ids = scope.neighbourhood_id_list(request.user)
    period = figures.Period(timezone.localdate())

    def compute():
        counts = figures.open_case_counts(ids, period.today)
        age, reviews = figures.age_table(counts), figures.reviews_table(counts)
        closures = figures.closures_table(ids, period)
        by_kind, by_direction = figures.outcome_tables(ids)
        outcome_columns = tuple(range(len(figures.outcome_columns())))
        return {
            "age": age,
            "age_chart": charts.table_bars("age", age),
            "reviews": reviews,
            "reviews_chart": charts.table_bars("reviews", reviews),
            "closures": closures,
            "closures_chart": charts.table_bars("closures", closures),
            "by_kind": by_kind,
            "by_kind_chart": charts.table_bars("by-kind", by_kind, columns=outcome_columns, skip_zero=True)
            if by_kind.rows
            else None,
            "by_direction": by_direction,
            "by_direction_chart": (
                charts.table_bars("by-direction", by_direction, columns=outcome_columns, skip_zero=True)
                if by_direction.rows
                else None
            ),
        }

    shown = page_figures("cases", ids, period.today, compute)
    download = _tables_or_csv(
        request,
        shown,
        lambda values: [values[name] for name in ("age", "reviews", "closures", "by_kind", "by_direction")],
        figure,
        name="case-health",
        url_name="cases",
    )
    if download:
        return download
    return render(
        request,
        "dashboards/case_health.html",
        {
            **shown.context(),
            "figures_at": shown.computed_at,
            "figures": shown,
            "no_scope": not ids,
            "neighbourhood_count": len(ids),
            **figures.visible_case_lists(request.user, ids, period.today, ("overdue_reviews",)),
        },
    )
