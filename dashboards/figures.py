"""The aggregate queries behind the dashboards, and the tables built from them.

Fast by construction: every figure is one grouped query (values + annotate
with Count / filtered Count / TruncMonth / Exists / percentile_cont), so a page
costs the same number of queries for 10 signals or 200,000. Python only sums
and arranges aggregated rows (bounded by neighbourhoods × months × categories,
never by signals or cases).

Every number leaves this module as a `tables.Cell`, i.e. through the
small-number rule stated in core/tables.py: counts of 1–4 show as "<5"
everywhere, 0 shows as 0, figures derived from a suppressed count are
suppressed too. Figures carry no case titles, addresses or names; the lists of
cases at the bottom (`visible_...`) come from `Case.objects.visible_to(user)`.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import connections
from django.db.models import Aggregate, Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber, TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from cases.models import OPEN_CASE_STATUSES, Case, CaseParticipant, CaseStatus, Category, ClosingReason, Signal
from core import kept
from core import tables as cells
from core.rows import with_labels
from core.table_versions import kept_until_written
from core.tables import Row, Table
from interventions.models import Action, Contribution, Intervention, InterventionStatus
from monitor.works import outcome_columns, outcome_tables  # noqa: F401  (the case-health page's outcome tables)
from partners.models import Organisation
from partners.viewer import viewer_of

MONTHS_SHOWN = 12
LIST_LIMIT = 20  # cases listed by name under a figure (the viewer's own cases only)
UNDER_WAY = [InterventionStatus.PLANNED, InterventionStatus.RUNNING]


# Periods ---------------------------------------------------------------------


def month_start(day, back=0):
    """The first day of the month `back` months before `day`'s month."""
    index = day.year * 12 + day.month - 1 - back
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_before(day, n):
    """The same day n months earlier (the 31st becomes the month's last day)."""
    first = month_start(day, n)
    following = month_start(first, -1)
    return first.replace(day=min(day.day, (following - datetime.timedelta(days=1)).day))


def local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass(frozen=True)
class Period:
    """The windows every figure uses, in local (Amsterdam) time.

    - months: the 12 calendar months up to and including the current one;
    - recent / previous: the last three *full* months and the three before them
      (so the change can be checked against the monthly table).
    """

    today: datetime.date

    @property
    def months(self):
        return [month_start(self.today, back) for back in range(MONTHS_SHOWN - 1, -1, -1)]

    @property
    def start(self):
        return local_midnight(month_start(self.today, MONTHS_SHOWN - 1))

    @property
    def recent(self):
        return local_midnight(month_start(self.today, 3)), local_midnight(month_start(self.today))

    @property
    def previous(self):
        return local_midnight(month_start(self.today, 6)), local_midnight(month_start(self.today, 3))

    def describe_change(self):
        recent_from, recent_to = month_start(self.today, 3), month_start(self.today, 1)
        previous_from, previous_to = month_start(self.today, 6), month_start(self.today, 4)
        return _("%(recent_from)s–%(recent_to)s against %(previous_from)s–%(previous_to)s") % {
            "recent_from": date_format(recent_from, "N Y"),
            "recent_to": date_format(recent_to, "N Y"),
            "previous_from": date_format(previous_from, "N Y"),
            "previous_to": date_format(previous_to, "N Y"),
        }


def as_month(value):
    """TruncMonth's result (an aware datetime on PostgreSQL and SQLite) as the month's first day."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


# Neighbourhoods: signals, households, open cases ----------------------------


def signals_by_month_and_category(neighbourhood_ids, period):
    """{(month, category): n} over the 12 months. One query."""
    rows = (
        Signal.objects.filter(neighbourhood_id__in=neighbourhood_ids, occurred_at__gte=period.start)
        .annotate(month=TruncMonth("occurred_at"))
        .values("month", "category")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(as_month(row["month"]), row["category"]): row["n"] for row in rows}


@dataclass
class SignalCounts:
    months: int = 0  # the 12 months
    recent: int = 0
    previous: int = 0


def signals_by_neighbourhood(neighbourhood_ids, period):
    """{neighbourhood id: SignalCounts}. One query."""
    recent_from, recent_to = period.recent
    previous_from, previous_to = period.previous
    rows = (
        Signal.objects.filter(neighbourhood_id__in=neighbourhood_ids, occurred_at__gte=period.start)
        .values("neighbourhood_id")
        .annotate(
            months=Count("pk"),
            recent=Count("pk", filter=Q(occurred_at__gte=recent_from, occurred_at__lt=recent_to)),
            previous=Count("pk", filter=Q(occurred_at__gte=previous_from, occurred_at__lt=previous_to)),
        )
        .order_by()
    )
    return {row["neighbourhood_id"]: SignalCounts(row["months"], row["recent"], row["previous"]) for row in rows}


def open_cases_by_neighbourhood_and_status(neighbourhood_ids):
    """{(neighbourhood id, status): n}. One query."""
    rows = (
        Case.objects.open()
        .filter(neighbourhood_id__in=neighbourhood_ids)
        .values("neighbourhood_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(row["neighbourhood_id"], row["status"]): row["n"] for row in rows}


@dataclass
class AreaNumbers:
    """The key figures of one area (all my neighbourhoods, a district, or one neighbourhood), as cells."""

    signals: cells.Cell
    households: cells.Cell
    per_1000: cells.Cell
    recent: cells.Cell
    previous: cells.Cell
    change: cells.Cell
    change_percent: cells.Cell
    open_cases: cells.Cell
    ses_woa_score: cells.Cell
    cbs_year: cells.Cell


AREA_FIELDS = [
    "signals",
    "households",
    "per_1000",
    "recent",
    "previous",
    "change",
    "change_percent",
    "open_cases",
    "ses_woa_score",
    "cbs_year",
]


def area_columns():
    """The headings of AREA_FIELDS, in the same order."""
    return [
        _("Signals (12 months)"),
        _("Households (CBS)"),
        _("Signals per 1,000 households"),
        _("Signals, last 3 months"),
        _("Signals, 3 months before"),
        _("Change in signals"),
        _("Change in signals (%)"),
        _("Open cases"),
        _("SES-WOA score (CBS)"),
        _("CBS year"),
    ]


def _area_numbers(neighbourhoods, signal_counts, open_counts, *, cbs=False):
    """Sum the raw counts over the neighbourhoods, then make cells (suppression happens here)."""
    counts = [signal_counts.get(n.pk, SignalCounts()) for n in neighbourhoods]
    signals = sum(c.months for c in counts)
    recent = sum(c.recent for c in counts)
    previous = sum(c.previous for c in counts)
    # Neighbourhoods without a CBS household figure are left out of the rate, on both sides.
    known = [(n, c) for n, c in zip(neighbourhoods, counts, strict=True) if n.households]
    households = sum(n.households for n, _c in known)
    signals_known = sum(c.months for _n, c in known)
    open_cases = sum(open_counts.get((n.pk, status), 0) for n in neighbourhoods for status in OPEN_CASE_STATUSES)
    one = neighbourhoods[0] if cbs and len(neighbourhoods) == 1 else None
    return AreaNumbers(
        signals=cells.count(signals),
        households=cells.reference(households) if known else cells.not_available(),
        per_1000=cells.rate(signals_known, households),
        recent=cells.count(recent),
        previous=cells.count(previous),
        change=cells.change(recent, previous),
        change_percent=cells.change_percent(recent, previous),
        open_cases=cells.count(open_cases),
        ses_woa_score=cells.reference(one.ses_woa_score, 3) if one else cells.blank(),
        cbs_year=cells.year(one.stats_year) if one else cells.blank(),
    )


def _area_row(label, numbers, *, url="", level=0, is_total=False):
    return Row(
        label=label,
        cells=[getattr(numbers, name) for name in AREA_FIELDS],
        url=url,
        level=level,
        is_total=is_total,
    )


@dataclass
class AreaFigures:
    key: AreaNumbers
    by_month: Table
    by_status: Table
    by_area: Table
    chart_areas: list  # (label, [cell]) for the per-1,000 chart: the areas one level down


def area_figures(neighbourhoods, period, *, name, breakdown):
    """Figures for a set of neighbourhoods: 3 queries whatever their number.

    breakdown: "district" (rows per district with its neighbourhoods below),
    "neighbourhood" (a row per neighbourhood) or None (one neighbourhood, with
    its CBS context).
    """
    ids = [n.pk for n in neighbourhoods]
    by_month = signals_by_month_and_category(ids, period)
    signal_counts = signals_by_neighbourhood(ids, period)
    open_counts = open_cases_by_neighbourhood_and_status(ids)

    key = _area_numbers(neighbourhoods, signal_counts, open_counts, cbs=breakdown is None)
    rows = [_area_row(name, key, is_total=True)]
    chart_rows = []
    if breakdown == "district":
        districts = defaultdict(list)
        for n in neighbourhoods:
            districts[n.district].append(n)
        for district, members in districts.items():
            numbers = _area_numbers(members, signal_counts, open_counts)
            url = reverse("dashboards:district", args=[district.code])
            rows.append(_area_row(district.name, numbers, url=url))
            chart_rows.append((district.name, [numbers.per_1000]))
            for n in members:
                numbers = _area_numbers([n], signal_counts, open_counts, cbs=True)
                url = reverse("dashboards:neighbourhood", args=[n.code])
                rows.append(_area_row(n.name, numbers, url=url, level=1))
    elif breakdown == "neighbourhood":
        for n in neighbourhoods:
            numbers = _area_numbers([n], signal_counts, open_counts, cbs=True)
            rows.append(_area_row(n.name, numbers, url=reverse("dashboards:neighbourhood", args=[n.code])))
            chart_rows.append((n.name, [numbers.per_1000]))

    return AreaFigures(
        key=key,
        by_month=_month_table(by_month, period),
        by_status=_status_table(open_counts),
        by_area=Table(
            slug="areas",
            title=_("Figures per area"),
            label_heading=_("Area"),
            columns=area_columns(),
            rows=rows,
            note=_(
                "Per 1,000 households: signals in the last 12 months per 1,000 private households "
                "(latest CBS figure); neighbourhoods without a CBS household figure are left out of the rate. "
                "Change: %(period)s. SES-WOA: socio-economic score, 0 is the Dutch average. Bron: CBS."
            )
            % {"period": period.describe_change()},
        ),
        chart_areas=chart_rows,
    )


def _month_table(counts, period):
    months = period.months
    per_category = defaultdict(int)
    per_month = defaultdict(int)
    for (month, category), n in counts.items():
        per_category[category] += n
        per_month[month] += n
    categories = sorted(per_category, key=lambda c: (-per_category[c], Category(c).label))
    rows = [
        Row(
            label=capfirst(str(Category(category).label)),
            cells=[cells.count(counts.get((m, category), 0)) for m in months] + [cells.count(per_category[category])],
        )
        for category in categories
    ]
    rows.append(
        Row(
            label=_("All categories"),
            cells=[cells.count(per_month[m]) for m in months] + [cells.count(sum(per_month.values()))],
            is_total=True,
        )
    )
    return Table(
        slug="signals-per-month",
        title=_("Signals per month by category"),
        label_heading=_("Category"),
        columns=[date_format(m, "N Y") for m in months] + [_("Total")],
        rows=rows,
        note=_("The last month runs up to today."),
    )


def _status_table(open_counts):
    per_status = defaultdict(int)
    for (_neighbourhood, status), n in open_counts.items():
        per_status[status] += n
    rows = [Row(capfirst(str(CaseStatus(s).label)), [cells.count(per_status[s])]) for s in OPEN_CASE_STATUSES]
    rows.append(Row(_("All open cases"), [cells.count(sum(per_status.values()))], is_total=True))
    return Table(
        slug="open-cases-by-status",
        title=_("Open cases by status"),
        label_heading=_("Status"),
        columns=[_("Open cases")],
        rows=rows,
    )


# Open cases: gaps and health --------------------------------------------------


def owned_open_actions():
    """Exists(): the case at OuterRef('pk') has an open action with an assignee."""
    return Exists(Action.objects.filter(case=OuterRef("pk"), done_at__isnull=True, assignee__isnull=False))


def open_case_counts(neighbourhood_ids, today):
    """Ages, review dates and ownership of the open cases: one aggregate query."""
    one, three, six = (local_midnight(months_before(today, n)) for n in (1, 3, 6))
    return (
        Case.objects.open()
        .filter(neighbourhood_id__in=neighbourhood_ids)
        .aggregate(
            total=Count("pk"),
            age_under_1=Count("pk", filter=Q(created_at__gte=one)),
            age_1_3=Count("pk", filter=Q(created_at__lt=one, created_at__gte=three)),
            age_3_6=Count("pk", filter=Q(created_at__lt=three, created_at__gte=six)),
            age_over_6=Count("pk", filter=Q(created_at__lt=six)),
            review_overdue=Count("pk", filter=Q(next_review_on__lt=today)),
            review_planned=Count("pk", filter=Q(next_review_on__gte=today)),
            review_missing=Count("pk", filter=Q(next_review_on__isnull=True)),
            unowned=Count("pk", filter=~owned_open_actions()),
        )
    )


def _one_column_table(slug, title, label_heading, column, items, total_label=None):
    rows = [Row(label, [cells.count(n)]) for label, n in items]
    if total_label:
        rows.append(Row(total_label, [cells.count(sum(n for _label, n in items))], is_total=True))
    return Table(slug=slug, title=title, label_heading=label_heading, columns=[column], rows=rows)


def gaps_table(counts):
    return _one_column_table(
        "gaps",
        _("Gaps in open cases"),
        _("Gap"),
        _("Open cases"),
        [
            (_("No open action has an owner"), counts["unowned"]),
            (_("No next review date"), counts["review_missing"]),
        ],
    )


def age_table(counts):
    return _one_column_table(
        "age-of-open-cases",
        _("Age of open cases"),
        _("Open for"),
        _("Open cases"),
        [
            (_("Less than 1 month"), counts["age_under_1"]),
            (_("1 to 3 months"), counts["age_1_3"]),
            (_("3 to 6 months"), counts["age_3_6"]),
            (_("More than 6 months"), counts["age_over_6"]),
        ],
        total_label=_("All open cases"),
    )


def reviews_table(counts):
    return _one_column_table(
        "reviews",
        _("Next review of open cases"),
        _("Next review"),
        _("Open cases"),
        [
            (_("Overdue (the date has passed)"), counts["review_overdue"]),
            (_("Planned"), counts["review_planned"]),
            (_("Not planned"), counts["review_missing"]),
        ],
        total_label=_("All open cases"),
    )


def closures_table(neighbourhood_ids, period):
    """Cases closed in the 12 months, by reason. One query."""
    rows = (
        Case.objects.filter(
            neighbourhood_id__in=neighbourhood_ids, status=CaseStatus.CLOSED, closed_at__gte=period.start
        )
        .values("closing_reason")
        .annotate(n=Count("pk"))
        .order_by()
    )
    per_reason = {row["closing_reason"]: row["n"] for row in rows}
    items = [(capfirst(str(reason.label)), per_reason.get(reason.value, 0)) for reason in ClosingReason]
    if per_reason.get(""):
        items.append((_("No reason recorded"), per_reason[""]))
    table = _one_column_table(
        "closures-by-reason",
        _("Closures by reason (12 months)"),
        _("Reason"),
        _("Closed cases"),
        items,
        total_label=_("All closures"),
    )
    table.note = _("Cases closed since %(date)s.") % {"date": date_format(period.months[0], "j N Y")}
    return table


# Partners -------------------------------------------------------------------------


class Median(Aggregate):
    """PostgreSQL's percentile_cont(0.5): the median of the expression within each group."""

    function = "percentile_cont"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"


def _duration():
    return ExpressionWrapper(F("done_at") - F("created_at"), output_field=DurationField())


def median_days_to_complete(actions):
    """{organisation id: median days from creating to completing an action} over `actions` (all done).

    PostgreSQL: percentile_cont in one grouped query. SQLite (the zero-setup
    development database only) has no percentile function: see
    `median_by_middle_rows`.
    """
    if connections[actions.db].vendor == "postgresql":
        return median_by_percentile(actions)
    return median_by_middle_rows(actions)


def median_by_percentile(actions):
    rows = (
        actions.order_by().values("organisation_id").annotate(median=Median(_duration(), output_field=DurationField()))
    )
    return {row["organisation_id"]: row["median"].total_seconds() / 86400 for row in rows}


def median_by_middle_rows(actions):
    """The fallback: a window query returns the one or two middle actions per organisation; Python averages them.

    At most two rows per organisation come back, however many actions there are.
    """
    by_organisation = [F("organisation_id")]
    ranked = actions.order_by().annotate(
        duration=_duration(),
        position=Window(RowNumber(), partition_by=by_organisation, order_by=F("duration").asc()),
        size=Window(Count("pk"), partition_by=by_organisation),
    )
    middle = ranked.filter(Q(position=(F("size") + 1) / 2) | Q(position=(F("size") + 2) / 2))
    durations = defaultdict(list)
    for organisation_id, duration in middle.values_list("organisation_id", "duration"):
        durations[organisation_id].append(duration.total_seconds() / 86400)
    return {organisation_id: sum(values) / len(values) for organisation_id, values in durations.items()}


def partner_columns():
    return [
        _("Open actions"),
        _("Overdue actions"),
        _("Actions completed (12 months)"),
        _("Median days to complete an action"),
        _("Interventions under way, leading"),
        _("Interventions under way, contributing"),
    ]


OPEN_ACTIONS_COLUMN, OVERDUE_ACTIONS_COLUMN = 0, 1


def partners_table(neighbourhood_ids, period):
    """Per organisation taking part in cases in the neighbourhoods: actions and interventions. Five queries."""
    in_scope = {"case__neighbourhood_id__in": neighbourhood_ids}
    actions = Action.objects.filter(**in_scope)
    action_counts = {
        row["organisation_id"]: row
        for row in actions.values("organisation_id")
        .annotate(
            open=Count("pk", filter=Q(done_at__isnull=True)),
            overdue=Count("pk", filter=Q(done_at__isnull=True, due_on__lt=period.today)),
            completed=Count("pk", filter=Q(done_at__gte=period.start)),
        )
        .order_by()
    }
    medians = median_days_to_complete(actions.filter(done_at__gte=period.start))
    leading = dict(
        Intervention.objects.filter(status__in=UNDER_WAY, **in_scope)
        .values("lead_organisation_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("lead_organisation_id", "n")
    )
    contributing = dict(
        Contribution.objects.filter(
            intervention__status__in=UNDER_WAY, intervention__case__neighbourhood_id__in=neighbourhood_ids
        )
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("organisation_id", "n")
    )
    # An organisation is named only where one of its figures is shown (5 or more): a row of zeros and
    # "<5" would still say "they are involved in a case in your buurt", which may be a case you cannot
    # open. The others are folded into one line, whose sums pass the same rule.
    taking_part = CaseParticipant.objects.active().filter(organisation=OuterRef("pk"), **in_scope)
    involved = Organisation.objects.filter(
        Q(Exists(taking_part)) | Q(pk__in=[*action_counts, *leading, *contributing])
    ).order_by("name")

    def shown(pk):
        counts = action_counts.get(pk, {})
        figures = [counts.get("open", 0), counts.get("overdue", 0), counts.get("completed", 0)]
        return any(n >= 5 for n in [*figures, leading.get(pk, 0), contributing.get(pk, 0)])

    organisations = [organisation for organisation in involved if shown(organisation.pk)]

    def numbers(pks):
        totals = {"open": 0, "overdue": 0, "completed": 0}
        for pk in pks:
            for key in totals:
                totals[key] += action_counts.get(pk, {}).get(key, 0)
        return totals, sum(leading.get(pk, 0) for pk in pks), sum(contributing.get(pk, 0) for pk in pks)

    def cells_of(pks, median):
        counts, led, contributed = numbers(pks)
        return [
            cells.count(counts["open"]),
            cells.count(counts["overdue"]),
            cells.count(counts["completed"]),
            cells.days(median, basis=counts["completed"]) if median is not None else cells.not_available(),
            cells.count(led),
            cells.count(contributed),
        ]

    rows = [
        Row(organisation.name, cells_of([organisation.pk], medians.get(organisation.pk)))
        for organisation in organisations
    ]
    folded = {organisation.pk for organisation in involved} - {organisation.pk for organisation in organisations}
    if folded:
        rows.append(Row(_("Other organisations"), cells_of(folded, None)))
    return Table(
        slug="partners",
        title=_("Actions and interventions per partner"),
        label_heading=_("Organisation"),
        columns=partner_columns(),
        rows=rows,
        note=_(
            "Organisations taking part in cases in your neighbourhoods, by name where one of their figures is "
            "5 or more; the others together as other organisations. Overdue: open past the due date. "
            "The median is shown from 5 completed actions. Interventions under way: planned or running."
        ),
    )


# Details: only cases the viewer's organisation takes part in ---------------------


# What the case lists under the figures show of each case (dashboards/_case_list.html), read as those columns:
# no Case and Neighbourhood instance per row, with every column of theirs.
LISTED_CASE_COLUMNS = ("pk", "title", "status", "next_review_on", "neighbourhood__name")


def visible_open_cases(user, neighbourhood_ids):
    return Case.objects.visible_to(user).open().filter(neighbourhood_id__in=neighbourhood_ids)


# The case lists under the figures, each a narrowing and an order of the viewer's open cases in their neighbourhoods.
CASE_LISTS = {
    "unowned": lambda cases, today: cases.filter(~owned_open_actions()).order_by("created_at"),
    "unreviewed": lambda cases, today: cases.filter(next_review_on__isnull=True).order_by("created_at"),
    "overdue_reviews": lambda cases, today: cases.filter(next_review_on__lt=today).order_by("next_review_on"),
}


def visible_case_lists(user, neighbourhood_ids, today, names):
    """{name: (rows, whether there are more)} for each of `names` (CASE_LISTS): the first LIST_LIMIT cases of
    each, as the lists show them.

    Which cases a list holds is found by a join over every open case in the neighbourhoods and the viewer's
    participations, which grows with the city; so, as the counts of cases/counts.py, their ids (only ids:
    no case content) are kept until a table that query read is written, under the viewer's organisations,
    neighbourhoods and the day (participations start and end on dates). The rows are read afresh, in one
    query for every list, through the visibility rule again.
    """
    viewer = viewer_of(user)
    scope = kept.digest(f"{viewer.organisation_ids}:{sorted(neighbourhood_ids)}")

    def first_ids(name):
        cases = CASE_LISTS[name](visible_open_cases(user, neighbourhood_ids), today)
        return list(cases.values_list("pk", flat=True)[: LIST_LIMIT + 1])

    listed = {
        name: kept_until_written(kept.key("case-list:1", name, today, scope), lambda name=name: first_ids(name))
        for name in names
    }
    shown = {pk for ids in listed.values() for pk in ids[:LIST_LIMIT]}
    rows = {}
    if shown:
        found = Case.objects.visible_to(user).filter(pk__in=shown).values(*LISTED_CASE_COLUMNS)
        for row in with_labels(list(found), Case, "status"):
            rows[row["pk"]] = {**row, "neighbourhood_name": row["neighbourhood__name"]}
    return {
        name: ([rows[pk] for pk in ids[:LIST_LIMIT] if pk in rows], len(ids) > LIST_LIMIT)
        for name, ids in listed.items()
    }
