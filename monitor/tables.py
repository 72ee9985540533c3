"""The monitor's tables, made from monitor/data.py's numbers through the small-number rule (core/tables.py).

Every table is shown under its chart on the page and is its CSV download, so
both always agree. CBS figures are published figures (not suppressed); every
rate worked out from the platform's signals or from corporation figures is
suppressed when its count is 1 to 4, and so is an index or change made from it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import tables as cells
from core.tables import Row, Table

from .data import buurt_numbers, group_numbers, index, vulnerable_under_pressure


@dataclass
class Indicator:
    """One figure of an area over two periods: before, now, the change, the city now and the index."""

    label: str
    before: cells.Cell
    now: cells.Cell
    change: cells.Cell
    city: cells.Cell
    index: cells.Cell


def _index_cell(now, city, raw=None):
    """The index of `now` against `city`; from the unrounded (now, city) values in `raw` where given."""
    if now.number is None:
        return now if now.suppressed else cells.not_available()
    value = index(*raw) if raw else index(now.number, city.number)
    return cells.reference(value) if value is not None else cells.not_available()


def _change_cell(before, now, decimals=1):
    if before.suppressed or now.suppressed:
        return cells.suppressed()
    if before.number is None or now.number is None:
        return cells.not_available()
    return cells.difference(now.number - before.number, decimals)


def _indicator(label, before, now, city, decimals=1, raw=None):
    return Indicator(label, before, now, _change_cell(before, now, decimals), city, _index_cell(now, city, raw))


def _raw_rate(numerator, denominator, per=1000):
    return numerator * per / denominator if denominator else None


def _corporation_rate(totals, numerator, denominator, per):
    """numerator per `per` of denominator (names of `access.Totals` figures); n/a where nothing may be seen."""
    if totals is None or not totals.known:
        return cells.not_available()
    return cells.rate(getattr(totals, numerator), getattr(totals, denominator), per=per)


def _corporation_raw(totals, numerator, denominator, per):
    if totals is None or not totals.known:
        return None
    return _raw_rate(getattr(totals, numerator), getattr(totals, denominator), per)


def indicators(data, numbers, city):
    """The monitor's indicators for one area (a buurt or a group), each against the city."""
    first, last = data.first_year or "", data.last_year or ""
    cbs_period = f"CBS {first} → {last}"
    rows = []
    for label, name, decimals in (
        (_("Corporation homes (%)"), "corporation_share", 1),
        (_("Low-income households (%)"), "low_income", 1),
        (_("Owner-occupied homes (%)"), "owner_occupied", 1),
        (_("Average WOZ value (× €1,000)"), "woz", 0),
        (_("People on bijstand per 1,000 inhabitants"), "bijstand_per_1000", 1),
    ):
        rows.append(
            _indicator(
                f"{label}, {cbs_period}",
                cells.reference(getattr(numbers, f"{name}_before"), decimals),
                cells.reference(getattr(numbers, name), decimals),
                cells.reference(getattr(city, name), decimals),
                decimals,
            )
        )
    rows.append(
        _indicator(
            _("Signals per 1,000 households, quarter on quarter"),
            cells.rate(numbers.signals_previous, numbers.households),
            cells.rate(numbers.signals_recent, numbers.households),
            cells.rate(city.signals_recent, city.households),
            raw=(
                _raw_rate(numbers.signals_recent, numbers.households),
                _raw_rate(city.signals_recent, city.households),
            ),
        )
    )
    years = data.corporations.years[-2:]
    if years:
        before_year, now_year = (years[0] if len(years) > 1 else None), years[-1]
        period = _("corporations %(before)s → %(now)s") % {"before": before_year or "–", "now": now_year}
        for label, numerator, denominator, per in (
            (_("Turnover (lettings per 100 homes)"), "lettings", "homes", 100),
            (_("Lettings to priority groups (%)"), "priority_lettings", "lettings", 100),
            (_("Tenancies ended for nuisance per 1,000 homes"), "nuisance_terminations", "homes", 1000),
            (
                _("Leaving tenants with a middle or higher income, share of lettings (%)"),
                "leavers_middle_income",
                "lettings",
                100,
            ),
        ):
            here, there = numbers.corporation_years.get(now_year), city.corporation_years.get(now_year)
            rows.append(
                _indicator(
                    f"{label}, {period}",
                    _corporation_rate(numbers.corporation_years.get(before_year), numerator, denominator, per),
                    _corporation_rate(here, numerator, denominator, per),
                    _corporation_rate(there, numerator, denominator, per),
                    raw=(
                        _corporation_raw(here, numerator, denominator, per),
                        _corporation_raw(there, numerator, denominator, per),
                    ),
                )
            )
    return rows


INDICATOR_COLUMNS = ("before", "now", "change", "city", "index")


def indicator_columns():
    return [_("Before"), _("Now"), _("Change"), _("Amsterdam now"), _("Index (Amsterdam = 100)")]


PERIOD_NOTE = gettext_lazy(
    "CBS: Kerncijfers wijken en buurten, the two latest years imported. Signals: the last three full months "
    "against the three before, per 1,000 private households (CBS). Corporations: their own figures for the two "
    "latest years, summed as you may see them. Index: the area against Amsterdam (= 100). “<5”: 1 to 4. Bron: CBS."
)


def profile_table(data, numbers, city):
    """One buurt's indicators against Amsterdam: the profile's main table."""
    return Table(
        slug="indicators",
        title=_("Indicators against Amsterdam"),
        label_heading=_("Indicator"),
        columns=indicator_columns(),
        rows=[
            Row(row.label, [getattr(row, name) for name in INDICATOR_COLUMNS])
            for row in indicators(data, numbers, city)
        ],
        note=str(PERIOD_NOTE),
    )


def split_table(data, city, corporation_ids, other_ids):
    """Corporatiebuurten against the other buurten, side by side (the spatial divide)."""
    corporation = indicators(data, group_numbers(data, corporation_ids), city)
    other = indicators(data, group_numbers(data, other_ids), city)
    return Table(
        slug="corporatiebuurten",
        title=_("Corporatiebuurten against the other buurten"),
        label_heading=_("Indicator"),
        columns=[
            _("Corporatiebuurten (%(n)s): before") % {"n": len(corporation_ids)},
            _("Corporatiebuurten: now"),
            _("Corporatiebuurten: change"),
            _("Other buurten (%(n)s): before") % {"n": len(other_ids)},
            _("Other buurten: now"),
            _("Other buurten: change"),
            _("Amsterdam now"),
        ],
        rows=[
            Row(c.label, [c.before, c.now, c.change, o.before, o.now, o.change, c.city])
            for c, o in zip(corporation, other, strict=True)
        ],
        note=_(
            "Corporatiebuurt: at least %(share)s%% of the homes are owned by a housing corporation (CBS, latest "
            "year); buurten without that figure are in neither group. Shares are weighted by homes or households, "
            "rates are sums over sums."
        )
        % {"share": _share_setting()}
        + " "
        + str(PERIOD_NOTE),
    )


def _share_setting():
    return f"{settings.CORPORATION_AREA_SHARE:g}"


@dataclass
class BuurtLine:
    """One buurt in the monitor: its figures as cells, its place in the quadrant and its flags."""

    neighbourhood: object
    numbers: object
    low_income_index: int | None
    signal_change: cells.Cell  # change in signals per 1,000 households, quarter on quarter
    corporation_area: bool
    vulnerable: bool


def buurt_lines(data, city):
    city_low_income = city.low_income
    lines = []
    for neighbourhood in data.neighbourhoods:
        numbers = buurt_numbers(data, neighbourhood.pk)
        before = cells.rate(numbers.signals_previous, numbers.households)
        now = cells.rate(numbers.signals_recent, numbers.households)
        lines.append(
            BuurtLine(
                neighbourhood=neighbourhood,
                numbers=numbers,
                low_income_index=index(numbers.low_income, city_low_income),
                signal_change=_change_cell(before, now),
                corporation_area=numbers.corporation_area,
                vulnerable=vulnerable_under_pressure(numbers, city),
            )
        )
    return lines


def _yes(flag):
    return cells.label(_("yes") if flag else _("no"))


def buurten_table(data, city, lines, *, district_url, buurt_url):
    """A row per buurt (under its wijk) with the main indicators and their index."""
    years = data.corporations.years
    now_year = years[-1] if years else None
    city_signals = cells.rate(city.signals_recent, city.households)
    city_turnover = _corporation_rate(city.corporation_years.get(now_year), "lettings", "homes", 100)
    rows, district = [], None
    for line in lines:
        n, numbers = line.neighbourhood, line.numbers
        if n.district_id != getattr(district, "pk", None):
            district = n.district
            rows.append(Row(district.name, [cells.blank()] * 13, url=district_url(district)))
        signals = cells.rate(numbers.signals_recent, numbers.households)
        turnover = _corporation_rate(numbers.corporation_years.get(now_year), "lettings", "homes", 100)
        rows.append(
            Row(
                n.name,
                [
                    cells.reference(numbers.corporation_share, 1),
                    cells.reference(numbers.low_income, 1),
                    cells.reference(line.low_income_index)
                    if line.low_income_index is not None
                    else cells.not_available(),
                    _change_cell(cells.reference(numbers.low_income_before, 1), cells.reference(numbers.low_income, 1)),
                    cells.reference(numbers.bijstand_per_1000, 1),
                    cells.reference(numbers.woz, 0),
                    signals,
                    _index_cell(
                        signals,
                        city_signals,
                        (
                            _raw_rate(numbers.signals_recent, numbers.households),
                            _raw_rate(city.signals_recent, city.households),
                        ),
                    ),
                    line.signal_change,
                    turnover,
                    _index_cell(
                        turnover,
                        city_turnover,
                        (
                            _corporation_raw(numbers.corporation_years.get(now_year), "lettings", "homes", 100),
                            _corporation_raw(city.corporation_years.get(now_year), "lettings", "homes", 100),
                        ),
                    ),
                    _yes(line.corporation_area),
                    _yes(line.vulnerable),
                ],
                url=buurt_url(n),
                level=1,
            )
        )
    return Table(
        slug="buurten",
        title=_("Indicators per buurt"),
        label_heading=_("Wijk and buurt"),
        columns=[
            _("Corporation homes (%)"),
            _("Low-income households (%)"),
            _("Low income, index"),
            _("Low income, change"),
            _("Bijstand per 1,000 inhabitants"),
            _("Average WOZ value (× €1,000)"),
            _("Signals per 1,000 households (quarter)"),
            _("Signals, index"),
            _("Signals, change on the quarter before"),
            _("Turnover (%)"),
            _("Turnover, index"),
            _("Corporatiebuurt"),
            _("Vulnerable and under pressure"),
        ],
        rows=rows,
        note=str(PERIOD_NOTE),
    )


def quadrant_table(lines):
    """The quadrant's numbers: every buurt with a low-income index, and its signal change."""
    return Table(
        slug="quadrant",
        title=_("Vulnerability against the nuisance trend"),
        label_heading=_("Buurt"),
        columns=[
            _("Low income, index (Amsterdam = 100)"),
            _("Signals per 1,000 households, change on the quarter before"),
            _("Corporatiebuurt"),
            _("Vulnerable and under pressure"),
        ],
        rows=[
            Row(
                line.neighbourhood.name,
                [
                    cells.reference(line.low_income_index),
                    line.signal_change,
                    _yes(line.corporation_area),
                    _yes(line.vulnerable),
                ],
            )
            for line in lines
            if line.low_income_index is not None
        ],
        note=_(
            "Right of the line: more low-income households than in Amsterdam as a whole. Above the line: signals "
            "per 1,000 households rose on the quarter before. Highlighted: corporatiebuurten with low income above "
            "the city and rising signals. Buurten with 1 to 4 signals in a quarter have no place on the vertical "
            "axis. Bron: CBS."
        ),
    )


def corporation_years_table(data, numbers, city):
    """A buurt's corporation figures per year (as the viewer may see them), counts under the small-number rule."""
    rows = []
    for year in data.corporations.years:
        totals = numbers.corporation_years.get(year)
        if totals is None or not totals.known:
            withheld = bool(totals and totals.withheld)
            text = _("not shared or fewer than 5 lettings") if withheld else _("no figures")
            rows.append(Row(str(year), [cells.label(text)] + [cells.blank()] * 6))
            continue
        rows.append(
            Row(
                str(year),
                [
                    cells.count(totals.homes),
                    cells.count(totals.lettings),
                    cells.rate(totals.lettings, totals.homes, per=100),
                    cells.count(totals.priority_lettings),
                    cells.rate(totals.priority_lettings, totals.lettings, per=100),
                    cells.count(totals.nuisance_terminations),
                    cells.rate(totals.leavers_middle_income, totals.lettings, per=100),
                ],
            )
        )
    return Table(
        slug="corporation-figures",
        title=_("Corporation figures per year"),
        label_heading=_("Year"),
        columns=[
            _("Corporation homes"),
            _("Lettings"),
            _("Turnover (%)"),
            _("Lettings to priority groups"),
            _("Priority groups, share of lettings (%)"),
            _("Tenancies ended for nuisance"),
            _("Leaving tenants with a middle or higher income, share of lettings (%)"),
        ],
        rows=rows,
        note=_(
            "The housing corporations' own figures, summed: your own organisation's, and those of corporations that "
            "share theirs where together they have at least 5 lettings. Priority groups: urgent applicants, leaving "
            "sheltered or protected housing, status holders and other priority groups."
        ),
    )
