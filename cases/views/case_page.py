"""The shared case page.

Every view reads top to bottom: access check, query, render. Which rows a
user may see is decided by `visible_to(user)` and the `get_..._for_user`
helpers in cases/access.py, never here.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from interventions.models import Action

from ..access import get_case_for_user
from ..models import AccessLogEntry, Note, TimelineEntry
from ..services import access_log_record

HOME_ACTIONS_SHOWN = 20
HOME_CASES_SHOWN = 20
HOME_SIGNALS_SHOWN = 10


@login_required
def detail(request, pk):
    case = get_case_for_user(request.user, pk)

    access_log_record(case, request.user, AccessLogEntry.Channel.PAGE, "case page")
    participants = case.participants.active().select_related("organisation")
    timeline = TimelineEntry.objects.visible_to(request.user).filter(case=case).select_related("actor", "organisation")
    notes = Note.objects.visible_to(request.user).filter(case=case).select_related("author", "organisation")
    actions = (
        Action.objects.visible_to(request.user)
        .filter(case=case)
        .open()
        .select_related("assignee", "organisation")
        .overdue_first()
    )
    return render(
        request,
        "cases/detail.html",
        {"case": case, "participants": participants, "timeline": timeline, "notes": notes, "actions": actions},
    )
