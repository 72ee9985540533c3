"""What interventions add to pages of the cases app (cases/panels.py): the plan and the open actions on the
case page, and my open actions on "Mijn werk". Registered by InterventionsConfig.ready()."""

from django.db.models import BooleanField, ExpressionWrapper, Q

from cases.panels import Panel, register_case_panel, register_home_panel

from .models import ENDED, Action, CaseReview, Intervention
from .rights import completable_by, manageable_by

HOME_ACTIONS_SHOWN = 20


def plan(request, access):
    """Interventions (running first) and reviews. Two queries."""
    interventions = (
        Intervention.objects.visible_in(access)
        .select_related("lead_organisation", "owner")
        .annotate(
            manageable=manageable_by(access),
            ended=ExpressionWrapper(Q(status__in=ENDED), output_field=BooleanField()),
        )
        .order_by("ended", "due_on", "pk")
    )
    return {"interventions": interventions, "reviews": CaseReview.objects.visible_in(access)}


def open_actions(request, access):
    """The case's open actions, overdue first, each saying whether this user may tick it off. One query."""
    actions = (
        Action.objects.visible_in(access)
        .open()
        .select_related("assignee", "organisation")
        .annotate(completable=completable_by(access))
        .overdue_first()
    )
    return {"actions": actions}


def my_actions(request):
    """My open actions on "Mijn werk", overdue first: the first HOME_ACTIONS_SHOWN and how many in all."""
    user = request.user
    actions = Action.objects.visible_to(user).open().filter(assignee=user).select_related("case").overdue_first()
    return {"actions": actions[:HOME_ACTIONS_SHOWN], "action_count": actions.count()}


def register():
    register_case_panel(Panel("plan", "interventions/_plan_panel.html", plan))
    register_case_panel(Panel("open actions", "interventions/_open_actions_panel.html", open_actions))
    register_home_panel(Panel("my actions", "interventions/_home_actions_panel.html", my_actions))
