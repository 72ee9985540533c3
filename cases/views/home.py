"""Mijn werk: the page everyone lands on after logging in.

Reads top to bottom: query what the user may see, render. Which rows a user
may see is decided by `visible_to(user)`, never here.
"""

from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.shortcuts import render

from interventions.models import Action

from ..models import Case, Signal

HOME_ACTIONS_SHOWN = 20
HOME_CASES_SHOWN = 20
HOME_SIGNALS_SHOWN = 10


@login_required
def home(request):
    user = request.user
    actions = Action.objects.visible_to(user).open().filter(assignee=user).select_related("case").overdue_first()
    cases = (
        Case.objects.visible_to(user)
        .open()
        .select_related("neighbourhood")
        .order_by(F("next_review_on").asc(nulls_last=True), "-updated_at", "-pk")
    )
    signals = Signal.objects.visible_to(user).select_related("neighbourhood", "reporting_organisation")
    return render(
        request,
        "home.html",
        {
            "actions": actions[:HOME_ACTIONS_SHOWN],
            "action_count": actions.count(),
            "cases": cases[:HOME_CASES_SHOWN],
            "case_count": cases.count(),
            "signals": signals[:HOME_SIGNALS_SHOWN],
        },
    )
