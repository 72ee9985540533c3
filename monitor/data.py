"""The raw numbers behind the monitor, read in a fixed number of grouped queries, and the rules on them.

Nothing here is shown as it is: monitor/tables.py turns these numbers into
`core.tables` cells, where the small-number rule applies. What is decided here:

- the comparison periods: CBS's two latest years with Kerncijfers (2017 → 2019),
  the corporations' latest two years, and for signals the last three full
  months against the three before (a quarter on the quarter before);
- the city's reference for each figure (Amsterdam = 100): CBS's own figures for
  the gemeente; the corporations' figures summed over the city as the viewer
  may see them (monitor/access.py); for signals, every signal in the buurten
  the platform's teams cover, per 1,000 households there;
- a *corporatiebuurt*: a buurt whose latest CBS share of corporation homes is
  at least CORPORATION_AREA_SHARE %;
- *kwetsbaar en onder druk*: a corporatiebuurt whose low-income share is above
  the city's (index > VULNERABLE_LOW_INCOME_INDEX) and whose signals rose: at
  least VULNERABLE_MIN_SIGNALS in the last quarter and more than
  VULNERABLE_RISE_FACTOR × the quarter before. The early warning
  (dashboards/alerts.py) asks the same function.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max, Q
from django.utils import timezone

from cases.models import Signal
from neighbourhoods.models import KEY_FIGURES, MunicipalityStatistics, Neighbourhood, NeighbourhoodStatistics

from .access import CorporationView, Totals, corporation_figures_for
from .models import FIGURE_FIELDS
from .works import finished_interventions

CBS_FIELDS = [
    "inhabitants",
    "kwb_households",
    "households",
    "homes",
    "average_woz_value",
    "owner_occupied_pct",
    "corporation_homes_pct",
    "low_income_households_pct",
    "social_assistance_recipients",
]


# Periods ---------------------------------------------------------------------------------------


def _month_start(day, back=0):
    index = day.year * 12 + day.month - 1 - back
    return datetime.date(index // 12, index % 12 + 1, 1)


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass(frozen=True)
class Quarters:
    """The last three full months (`recent`) and the three before (`previous`), as local dates."""

    today: datetime.date

    @property
    def recent(self):
        return _month_start(self.today, 3), _month_start(self.today)

    @property
    def previous(self):
        return _month_start(self.today, 6), _month_start(self.today, 3)


# The rules -------------------------------------------------------------------------------------


def index(value, city):
    """value against the city's (Amsterdam = 100), or None when either is unknown."""
    if value is None or not city:
        return None
    return round(float(value) * 100 / float(city))


def is_corporation_area(corporation_share):
    return corporation_share is not None and corporation_share >= settings.CORPORATION_AREA_SHARE


def signals_rising(recent, previous):
    """Enough signals in the last quarter, and more than VULNERABLE_RISE_FACTOR × the quarter before."""
    return recent >= settings.VULNERABLE_MIN_SIGNALS and recent > settings.VULNERABLE_RISE_FACTOR * previous


def is_vulnerable_under_pressure(corporation_share, low_income_index, recent, previous):
    """ "Kwetsbaar en onder druk": a corporatiebuurt, low income above the city, signals rising."""
    return (
        is_corporation_area(corporation_share)
        and low_income_index is not None
        and low_income_index > settings.VULNERABLE_LOW_INCOME_INDEX
        and signals_rising(recent, previous)
    )


# Reading ---------------------------------------------------------------------------------------


@dataclass
class MonitorData:
    neighbourhoods: list  # the buurten shown, by wijk then name
    quarters: Quarters
    cbs_years: list = field(default_factory=list)  # the city's years with Kerncijfers, oldest first (at most two)
    cbs: dict = field(default_factory=dict)  # buurt id -> year -> {field: number or None}
    city_cbs: dict = field(default_factory=dict)  # year -> {field: number or None}
    signals: dict = field(default_factory=dict)  # buurt id -> (recent, previous), every covered buurt of the city
    households: dict = field(default_factory=dict)  # buurt id -> latest households (Kerncijfers, else SES-WOA)
    corporations: CorporationView = field(default_factory=CorporationView)
    outcomes: list = field(default_factory=list)  # (buurt id, kind, direction, status, outcome, n)

    @property
    def first_year(self):
        return self.cbs_years[0] if self.cbs_years else None

    @property
    def last_year(self):
        return self.cbs_years[-1] if self.cbs_years else None

    def cbs_value(self, neighbourhood_id, year, name):
        return self.cbs.get(neighbourhood_id, {}).get(year, {}).get(name)

    @property
    def city_signals(self):
        """(recent, previous, households) over the buurten the platform's teams cover, with a household figure."""
        covered = list(self.households)  # the shown buurten and every other buurt a team covers
        recent = sum(self.signals.get(pk, (0, 0))[0] for pk in covered)
        previous = sum(self.signals.get(pk, (0, 0))[1] for pk in covered)
        return recent, previous, sum(self.households[pk] for pk in covered)


def _number(value):
    return None if value is None else float(value)


def monitor_data(user, neighbourhoods, today=None):
    """Everything the monitor shows for these buurten (the user's, from monitor/access.py). Six queries."""
    today = today or timezone.localdate()
    data = MonitorData(neighbourhoods=neighbourhoods, quarters=Quarters(today))
    if not neighbourhoods:
        return data
    municipality_id = neighbourhoods[0].district.municipality_id
    ids = [n.pk for n in neighbourhoods]

    # 1. Kerncijfers and households of the shown buurten and of every buurt a team covers (the signals' city).
    covered = Neighbourhood.objects.filter(district__municipality_id=municipality_id, teams__isnull=False)
    rows = NeighbourhoodStatistics.objects.filter(
        Q(neighbourhood_id__in=ids) | Q(neighbourhood__in=covered.values("pk"))
    ).values("neighbourhood_id", "year", *CBS_FIELDS)
    latest_households = {}
    for row in rows.order_by("neighbourhood_id", "year").distinct():
        figures = {name: _number(row[name]) for name in CBS_FIELDS}
        data.cbs.setdefault(row["neighbourhood_id"], {})[row["year"]] = figures
        households = figures["kwb_households"] or figures["households"]
        if households:
            latest_households[row["neighbourhood_id"]] = households
    data.households = latest_households

    # 2. The city's Kerncijfers.
    for row in MunicipalityStatistics.objects.filter(municipality_id=municipality_id).values("year", *KEY_FIGURES):
        data.city_cbs[row["year"]] = {name: _number(row[name]) for name in KEY_FIGURES}
    data.cbs_years = sorted(year for year, figures in data.city_cbs.items() if figures["corporation_homes_pct"])[-2:]

    # 3. Signals per buurt of the city, last quarter and the one before.
    (recent_from, recent_to), (previous_from, _previous_to) = data.quarters.recent, data.quarters.previous
    recent_from, recent_to, previous_from = (_midnight(day) for day in (recent_from, recent_to, previous_from))
    for row in (
        Signal.objects.filter(
            neighbourhood__district__municipality_id=municipality_id,
            occurred_at__gte=previous_from,
            occurred_at__lt=recent_to,
        )
        .values("neighbourhood_id")
        .annotate(
            recent=Count("pk", filter=Q(occurred_at__gte=recent_from)),
            previous=Count("pk", filter=Q(occurred_at__lt=recent_from)),
        )
        .order_by()
    ):
        data.signals[row["neighbourhood_id"]] = (row["recent"], row["previous"])

    # 4. The corporations' figures, as this viewer may see them.
    data.corporations = corporation_figures_for(user, municipality_id)

    # 5. Finished interventions on cases in the shown buurten (what works).
    data.outcomes = finished_interventions(ids)
    return data


# Per buurt -------------------------------------------------------------------------------------


@dataclass
class BuurtNumbers:
    """One buurt's raw figures, worked out from MonitorData (or a group's, summed: see `group_numbers`)."""

    corporation_share: float | None = None
    corporation_share_before: float | None = None
    low_income: float | None = None
    low_income_before: float | None = None
    owner_occupied: float | None = None
    owner_occupied_before: float | None = None
    woz: float | None = None
    woz_before: float | None = None
    bijstand_per_1000: float | None = None
    bijstand_per_1000_before: float | None = None
    inhabitants: float | None = None
    households: float | None = None
    homes: float | None = None
    signals_recent: int = 0
    signals_previous: int = 0
    corporation_years: dict = field(default_factory=dict)  # year -> access.Totals

    @property
    def corporation_area(self):
        return is_corporation_area(self.corporation_share)


def _per_1000(count, base):
    return None if count is None or not base else count * 1000 / base


def buurt_numbers(data, neighbourhood_id):
    first, last = data.first_year, data.last_year

    def cbs(name, year):
        return data.cbs_value(neighbourhood_id, year, name) if year else None

    def bijstand(year):
        return _per_1000(cbs("social_assistance_recipients", year), cbs("inhabitants", year))

    recent, previous = data.signals.get(neighbourhood_id, (0, 0))
    return BuurtNumbers(
        corporation_share=cbs("corporation_homes_pct", last),
        corporation_share_before=cbs("corporation_homes_pct", first),
        low_income=cbs("low_income_households_pct", last),
        low_income_before=cbs("low_income_households_pct", first),
        owner_occupied=cbs("owner_occupied_pct", last),
        owner_occupied_before=cbs("owner_occupied_pct", first),
        woz=cbs("average_woz_value", last),
        woz_before=cbs("average_woz_value", first),
        bijstand_per_1000=bijstand(last),
        bijstand_per_1000_before=bijstand(first),
        inhabitants=cbs("inhabitants", last),
        households=data.households.get(neighbourhood_id),
        homes=cbs("homes", last),
        signals_recent=recent,
        signals_previous=previous,
        corporation_years={
            year: data.corporations.by_buurt[neighbourhood_id, year]
            for year in data.corporations.years
            if (neighbourhood_id, year) in data.corporations.by_buurt
        },
    )


def city_numbers(data):
    first, last = data.first_year, data.last_year

    def cbs(name, year):
        return data.city_cbs.get(year, {}).get(name) if year else None

    def bijstand(year):
        return _per_1000(cbs("social_assistance_recipients", year), cbs("inhabitants", year))

    recent, previous, households = data.city_signals
    return BuurtNumbers(
        corporation_share=cbs("corporation_homes_pct", last),
        corporation_share_before=cbs("corporation_homes_pct", first),
        low_income=cbs("low_income_households_pct", last),
        low_income_before=cbs("low_income_households_pct", first),
        owner_occupied=cbs("owner_occupied_pct", last),
        owner_occupied_before=cbs("owner_occupied_pct", first),
        woz=cbs("average_woz_value", last),
        woz_before=cbs("average_woz_value", first),
        bijstand_per_1000=bijstand(last),
        bijstand_per_1000_before=bijstand(first),
        inhabitants=cbs("inhabitants", last),
        households=households,
        homes=cbs("homes", last),
        signals_recent=recent,
        signals_previous=previous,
        corporation_years=dict(data.corporations.city),
    )


def vulnerable_under_pressure(numbers, city):
    return is_vulnerable_under_pressure(
        numbers.corporation_share,
        index(numbers.low_income, city.low_income),
        numbers.signals_recent,
        numbers.signals_previous,
    )


def _weighted(pairs):
    """The average of the known values, weighted: [(value, weight)] -> number or None."""
    known = [(value, weight) for value, weight in pairs if value is not None and weight]
    total = sum(weight for _value, weight in known)
    return sum(value * weight for value, weight in known) / total if total else None


def group_numbers(data, neighbourhood_ids):
    """A group of buurten's figures as one area: shares weighted by homes or households, rates as sums over sums."""
    first, last = data.first_year, data.last_year
    members = list(neighbourhood_ids)

    def share(name, weight_name, year):
        return (
            _weighted((data.cbs_value(pk, year, name), data.cbs_value(pk, year, weight_name)) for pk in members)
            if year
            else None
        )

    def bijstand(year):
        pairs = [
            (data.cbs_value(pk, year, "social_assistance_recipients"), data.cbs_value(pk, year, "inhabitants"))
            for pk in members
        ]
        known = [(r, i) for r, i in pairs if r is not None and i]
        return _per_1000(sum(r for r, _i in known), sum(i for _r, i in known)) if known and year else None

    with_households = [pk for pk in members if data.households.get(pk)]
    # The group's corporation figures: sums of the buurten's visible sums.
    years = {}
    for year in data.corporations.years:
        totals = Totals()
        for pk in members:
            part = data.corporations.by_buurt.get((pk, year))
            if part and part.known:
                totals.add({name: getattr(part, name) for name in FIGURE_FIELDS})
                totals.own |= part.own
                totals.others |= part.others
        years[year] = totals
    return BuurtNumbers(
        corporation_share=share("corporation_homes_pct", "homes", last),
        corporation_share_before=share("corporation_homes_pct", "homes", first),
        low_income=share("low_income_households_pct", "kwb_households", last),
        low_income_before=share("low_income_households_pct", "kwb_households", first),
        owner_occupied=share("owner_occupied_pct", "homes", last),
        owner_occupied_before=share("owner_occupied_pct", "homes", first),
        woz=share("average_woz_value", "homes", last),
        woz_before=share("average_woz_value", "homes", first),
        bijstand_per_1000=bijstand(last),
        bijstand_per_1000_before=bijstand(first),
        households=sum(data.households[pk] for pk in with_households) or None,
        signals_recent=sum(data.signals.get(pk, (0, 0))[0] for pk in with_households),
        signals_previous=sum(data.signals.get(pk, (0, 0))[1] for pk in with_households),
        corporation_years=years,
    )


def vulnerable_buurten(today):
    """{buurt id: figures} for every team-covered buurt that is "kwetsbaar en onder druk" now. Three queries.

    For the early warning (dashboards/alerts.py): the same rule and periods as
    the monitor's highlighted buurten, over every buurt a team covers.
    """
    quarters = Quarters(today)
    (recent_from, recent_to), (previous_from, _end) = quarters.recent, quarters.previous
    covered = Neighbourhood.objects.filter(teams__isnull=False).values("pk")
    latest = {}
    for row in (
        NeighbourhoodStatistics.objects.filter(neighbourhood__in=covered, corporation_homes_pct__isnull=False)
        .values("neighbourhood_id", "neighbourhood__district__municipality_id", "year")
        .annotate(share=Max("corporation_homes_pct"), low_income=Max("low_income_households_pct"))
        .order_by("neighbourhood_id", "year")
    ):
        latest[row["neighbourhood_id"]] = row  # the last year wins
    city = {}
    for row in MunicipalityStatistics.objects.filter(low_income_households_pct__isnull=False).order_by("year"):
        city[row.municipality_id] = float(row.low_income_households_pct)
    signals = {
        row["neighbourhood_id"]: (row["recent"], row["previous"])
        for row in Signal.objects.filter(
            neighbourhood_id__in=list(latest),
            occurred_at__gte=_midnight(previous_from),
            occurred_at__lt=_midnight(recent_to),
        )
        .values("neighbourhood_id")
        .annotate(
            recent=Count("pk", filter=Q(occurred_at__gte=_midnight(recent_from))),
            previous=Count("pk", filter=Q(occurred_at__lt=_midnight(recent_from))),
        )
        .order_by()
    }
    found = {}
    for neighbourhood_id, row in latest.items():
        share = _number(row["share"])
        low_income_index = index(row["low_income"], city.get(row["neighbourhood__district__municipality_id"]))
        recent, previous = signals.get(neighbourhood_id, (0, 0))
        if is_vulnerable_under_pressure(share, low_income_index, recent, previous):
            found[neighbourhood_id] = {
                "corporation_share": share,
                "low_income_index": low_income_index,
                "recent": recent,
                "previous": previous,
                "cbs_year": row["year"],
                "since": recent_from.isoformat(),
            }
    return found
