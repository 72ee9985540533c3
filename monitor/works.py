"""What works: finished interventions by outcome — per kind, per solution direction, and in corporatiebuurten
against the other buurten. Shared by the case-health page (dashboards) and the monitor.

Every count passes the small-number rule (core/tables.py); a share of
effective interventions is shown only over 5 or more finished ones.
"""

from collections import defaultdict

from django.db.models import Count
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core import tables as cells
from core.tables import Row, Table
from interventions.models import Intervention, InterventionKind, InterventionStatus, Outcome, SolutionDirection

FINISHED = [InterventionStatus.DONE, InterventionStatus.STOPPED]


def outcome_columns():
    return [
        ("effective", capfirst(str(Outcome.EFFECTIVE.label))),
        ("partly", capfirst(str(Outcome.PARTLY.label))),
        ("not_effective", capfirst(str(Outcome.NOT_EFFECTIVE.label))),
        ("unknown", capfirst(str(Outcome.UNKNOWN.label))),
        ("stopped", _("Stopped early")),
    ]


def _column(status, outcome):
    if status == InterventionStatus.STOPPED:
        return "stopped"
    return outcome if outcome in Outcome.values else Outcome.UNKNOWN


def finished_interventions(neighbourhood_ids):
    """(buurt id, kind, direction, status, outcome, n) for the finished interventions on cases there. One query."""
    return [
        (row["case__neighbourhood_id"], row["kind"], row["solution_direction"], row["status"], row["outcome"], row["n"])
        for row in Intervention.objects.filter(case__neighbourhood_id__in=neighbourhood_ids, status__in=FINISHED)
        .values("case__neighbourhood_id", "kind", "solution_direction", "status", "outcome")
        .annotate(n=Count("pk"))
        .order_by()
    ]


def outcome_tables(neighbourhood_ids, rows=None):
    """Finished interventions by kind × outcome and by solution direction × outcome (one query, or none
    when `rows` from `finished_interventions` are given)."""
    rows = finished_interventions(neighbourhood_ids) if rows is None else rows
    by_kind, by_direction = defaultdict(int), defaultdict(int)
    for _buurt, kind, direction, status, outcome, n in rows:
        column = _column(status, outcome)
        by_kind[kind, column] += n
        by_direction[direction, column] += n

    columns = outcome_columns()
    note = _("All finished interventions on cases in your neighbourhoods. Stopped early: stopped before the end.")

    def table(slug, title, label_heading, choices, counts):
        present = {key for key, _column in counts}
        return Table(
            slug=slug,
            title=title,
            label_heading=label_heading,
            columns=[label for _key, label in columns] + [_("Total")],
            rows=[
                Row(
                    capfirst(str(choice.label)),
                    [cells.count(counts[choice.value, key]) for key, _label in columns]
                    + [cells.count(sum(counts[choice.value, key] for key, _label in columns))],
                )
                for choice in choices
                if choice.value in present
            ],
            note=note,
        )

    return (
        table("outcomes-by-kind", _("Intervention outcomes by kind"), _("Kind"), InterventionKind, by_kind),
        table(
            "outcomes-by-direction",
            _("Intervention outcomes by solution direction"),
            _("Solution direction"),
            SolutionDirection,
            by_direction,
        ),
    )


def effective_share(effective, finished):
    """The share of effective interventions (whole %), shown only over 5 or more finished ones."""
    if not finished:
        return cells.not_available()
    if finished < 5:
        return cells.suppressed()
    return cells.rate(effective, finished, per=100, decimals=0)


def split_table(rows, corporation_area_ids):
    """Per solution direction: finished and the share effective, in corporatiebuurten and in the other buurten."""
    finished, effective = defaultdict(int), defaultdict(int)
    for buurt, _kind, direction, status, outcome, n in rows:
        side = "corporation" if buurt in corporation_area_ids else "other"
        finished[direction, side] += n
        if _column(status, outcome) == Outcome.EFFECTIVE:
            effective[direction, side] += n

    def cells_of(key):
        return [
            cells.count(finished[key, "corporation"]),
            effective_share(effective[key, "corporation"], finished[key, "corporation"]),
            cells.count(finished[key, "other"]),
            effective_share(effective[key, "other"], finished[key, "other"]),
        ]

    present = {direction for direction, _side in finished}
    table_rows = [
        Row(capfirst(str(choice.label)), cells_of(choice.value))
        for choice in SolutionDirection
        if choice.value in present
    ]
    if present:
        for key in ("corporation", "other"):
            finished["*", key] = sum(finished[d, key] for d in present)
            effective["*", key] = sum(effective[d, key] for d in present)
        table_rows.append(Row(_("All solution directions"), cells_of("*"), is_total=True))
    return Table(
        slug="what-works",
        title=_("What works: corporatiebuurten against the other buurten"),
        label_heading=_("Solution direction"),
        columns=[
            _("Corporatiebuurten: finished"),
            _("Corporatiebuurten: effective (%)"),
            _("Other buurten: finished"),
            _("Other buurten: effective (%)"),
        ],
        rows=table_rows,
        note=_(
            "Finished interventions (done or stopped early) on cases in these buurten, by the buurt's CBS share "
            "of corporation homes. Effective: the share finished with the outcome “effective”, shown from 5 "
            "finished interventions."
        ),
    )
