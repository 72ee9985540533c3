"""What interventions add to pages of the cases app (cases/panels.py): the plan and the open actions on the
case page, and my open actions on "Mijn werk". Registered by InterventionsConfig.ready()."""

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone

from cases.models.participants import CaseRows
from cases.panels import Panel, register_case_panel, register_home_panel
from core.rows import choice_label, user_columns, user_name

from .models import ENDED, Action, CaseReview, Intervention, action_overdue
from .rights import completable_column, completer, manageable_column

HOME_ACTIONS_SHOWN = 20


# The plan and the open actions are read as the columns their panels show (core/rows.py): no model instance
# per row, nor one per owner, assignee and organisation with every column of theirs.
INTERVENTION_COLUMNS = (
    "pk",
    "kind",
    "status",
    "goal",
    "solution_direction",
    "due_on",
    "lead_organisation__name",
    "manageable",
    "ended",
    *user_columns("owner"),
)
ACTION_COLUMNS = (
    "pk",
    "title",
    "due_on",
    "assignee_id",
    "organisation__name",
    "completable",
    *user_columns("assignee"),
)


def _intervention_row(row):
    return {
        **row,
        "kind_label": choice_label(Intervention, "kind", row["kind"]),
        "status_label": choice_label(Intervention, "status", row["status"]),
        "solution_direction_label": choice_label(Intervention, "solution_direction", row["solution_direction"]),
        "lead_organisation_name": row["lead_organisation__name"],
        "owner_name": user_name(row, "owner"),
    }


MY_ACTION_COLUMNS = ("pk", "title", "due_on", "case_id", "case__title")


def _action_row(row, today):
    return {
        **row,
        "assignee_name": user_name(row, "assignee") if row["assignee_id"] else "",
        "organisation_name": row["organisation__name"],
        "is_overdue": action_overdue(None, row["due_on"], today),  # the panel lists open actions only
    }


_reviews = CaseRows(  # on every visit of the case page: its SQL made once per process
    lambda case_pk, organisation_ids: CaseReview.objects.in_case(case_pk, organisation_ids).values(
        "pk", "scheduled_for", "held_at"
    )
)


# Each made SQL once per process (cases CaseRows), for whether the user directs the case (or is its director),
# who they are and their organisations: the rules of interventions/rights.py as columns, by ids.
_interventions = CaseRows(
    lambda case_pk, organisation_ids, user_pk, directs: (
        Intervention.objects.in_case(case_pk, organisation_ids)
        .annotate(
            manageable=manageable_column(directs, user_pk, organisation_ids),
            ended=ExpressionWrapper(Q(status__in=ENDED), output_field=BooleanField()),
        )
        .order_by("ended", "due_on", "pk")
        .values(*INTERVENTION_COLUMNS)
    )
)
_open_actions = CaseRows(
    lambda case_pk, organisation_ids, is_director, user_pk: (
        Action.objects.in_case(case_pk, organisation_ids)
        .open()
        .annotate(completable=completable_column(is_director, user_pk, organisation_ids))
        .overdue_first()
        .values(*ACTION_COLUMNS)
    )
)


def plan(request, access):
    """Interventions (running first) and reviews. Two queries."""
    interventions = _interventions(access, access.user.pk, access.directs)
    return {
        "interventions": [_intervention_row(row) for row in interventions],
        "reviews": _reviews(access),
    }


def open_actions(request, access):
    """The case's open actions, overdue first, each saying whether this user may tick it off. One query."""
    actions = _open_actions(access, *completer(access))
    today = timezone.localdate()
    return {"actions": [_action_row(row, today) for row in actions]}


def my_actions(request):
    """My open actions on "Mijn werk", overdue first: the first HOME_ACTIONS_SHOWN and how many in all.

    One query, and a count only when the list is full: fewer rows than fit are all there are."""
    user = request.user
    actions = Action.objects.visible_to(user).open().filter(assignee=user).overdue_first()
    today = timezone.localdate()
    rows = list(actions.values(*MY_ACTION_COLUMNS)[:HOME_ACTIONS_SHOWN])
    return {
        "actions": [{**row, "is_overdue": action_overdue(None, row["due_on"], today)} for row in rows],
        "action_count": actions.count() if len(rows) == HOME_ACTIONS_SHOWN else len(rows),
    }


def register():
    register_case_panel(Panel("plan", "interventions/_plan_panel.html", plan))
    register_case_panel(Panel("open actions", "interventions/_open_actions_panel.html", open_actions))
    register_home_panel(Panel("my actions", "interventions/_home_actions_panel.html", my_actions))
