"""Mijn werk: the page everyone lands on after logging in.

Reads top to bottom: query what the user may see, render. Which rows a user
may see is decided by `visible_to(user)`, never here.
"""

from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.shortcuts import render

from ..counts import visible_case_counts
from ..models import Case, Signal
from ..panels import home_panels

HOME_CASES_SHOWN = 20
HOME_SIGNALS_SHOWN = 10


@login_required
def home(request):
    user = request.user
    cases = (
        Case.objects.visible_to(user)
        .open()
        .select_related("neighbourhood")
        .order_by(F("next_review_on").asc(nulls_last=True), "-updated_at", "-pk")
    )
    # My open cases, and every case I may see (the case index's "alle 37 casussen"): kept between visits.
    counts = visible_case_counts(user)
    signals = Signal.objects.visible_to(user).select_related("neighbourhood", "reporting_organisation")
    panel_templates, panel_context = home_panels(request)
    return render(
        request,
        "cases/home.html",
        {
            "panel_templates": panel_templates,
            **panel_context,
            "cases": cases[:HOME_CASES_SHOWN],
            "case_count": counts["open"],
            "all_case_count": counts["all"],
            "signals": signals[:HOME_SIGNALS_SHOWN],
        },
    )
