"""Mijn werk: the page everyone lands on after logging in.

Reads top to bottom: query what the user may see, render. Which rows a user
may see is decided by `visible_to(user)`, never here.
"""

from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.shortcuts import render
from django.utils import timezone

from accounts.kept_pages import keeps_page
from core.rows import with_labels

from ..counts import visible_case_counts
from ..models import Case, Signal, review_overdue
from ..panels import home_panels

HOME_CASES_SHOWN = 20
HOME_SIGNALS_SHOWN = 10

# The lists are read as the columns they show (core/rows.py): no Case, Signal, Neighbourhood or Organisation
# instance per row, with every column of theirs.
CASE_COLUMNS = ("pk", "title", "status", "priority", "next_review_on", "neighbourhood__name")
SIGNAL_COLUMNS = ("pk", "category", "severity", "occurred_at", "neighbourhood__name", "reporting_organisation__name")


@login_required
@keeps_page
def home(request):
    user = request.user
    cases = (
        Case.objects.visible_to(user)
        .open()
        .order_by(F("next_review_on").asc(nulls_last=True), "-updated_at", "-pk")
        .values(*CASE_COLUMNS)
    )
    today = timezone.localdate()
    # My open cases, and every case I may see (the case index's "alle 37 casussen"): kept between visits.
    counts = visible_case_counts(user)
    signals = Signal.objects.visible_to(user).values(*SIGNAL_COLUMNS)  # newest first: the model's ordering
    panel_templates, panel_context = home_panels(request)
    return render(
        request,
        "cases/home.html",
        {
            "panel_templates": panel_templates,
            **panel_context,
            "cases": [
                {**row, "review_overdue": review_overdue(row["status"], row["next_review_on"], today)}
                for row in with_labels(cases[:HOME_CASES_SHOWN], Case, "status", "priority")
            ],
            "case_count": counts["open"],
            "all_case_count": counts["all"],
            "signals": with_labels(signals[:HOME_SIGNALS_SHOWN], Signal, "category", "severity"),
        },
    )
