"""Action pages: "Mijn acties", "Acties van mijn organisatie", and ticking one off.

Every view reads top to bottom: access check, form, verb, redirect. Rows come
from `Action.objects.visible_to(user)` only; `get_action_for_user` answers 404
for anything else.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.access import log_case_read
from cases.errors import CaseError
from cases.models import ReadWhat
from partners.models import Membership

from .access import get_action_for_user
from .forms import ActionFilterForm, CompleteActionForm
from .models import Action
from .rights import can_complete

ACTIONS_PER_PAGE = 25


def _filtered(request, actions):
    form = ActionFilterForm(request.GET or None)
    show, text = "open", ""
    if form.is_valid():
        show = form.cleaned_data["show"] or "open"
        text = form.cleaned_data["q"].strip()
    if show == "open":
        actions = actions.open()
    elif show == "overdue":
        actions = actions.overdue()
    elif show == "done":
        actions = actions.filter(done_at__isnull=False).order_by("-done_at")
    if text:
        actions = actions.filter(Q(title__icontains=text) | Q(case__title__icontains=text))
    return form, actions


def _action_list(request, actions, *, title, mine):
    actions = actions.select_related("case", "organisation", "assignee").overdue_first()
    form, actions = _filtered(request, actions)
    page = Paginator(actions, ACTIONS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "interventions/action_list.html",
        {"page": page, "form": form, "title": title, "mine": mine, "query": query.urlencode()},
    )


@login_required
def my_actions(request):
    actions = Action.objects.visible_to(request.user).filter(assignee=request.user)
    return _action_list(request, actions, title=_("My actions"), mine=True)


@login_required
def organisation_actions(request):
    organisations = Membership.objects.of(request.user).values("organisation")
    actions = Action.objects.visible_to(request.user).filter(organisation__in=organisations)
    return _action_list(request, actions, title=_("Actions of my organisation"), mine=False)


def _back(request, action):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "interventions:mine" if action.assignee_id == request.user.pk else "interventions:organisation"


@login_required
def complete(request, pk):
    """Tick an action off with a result note (a page of its own: one hand, one thumb)."""
    action = get_action_for_user(request.user, pk)
    if not can_complete(request.user, action):
        raise PermissionDenied
    form = CompleteActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action.complete(by=request.user, result=form.cleaned_data["result"])
        except CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Action done: %(title)s") % {"title": action.title})
            return redirect(_back(request, action))
    log_case_read(request.user, action.case, ReadWhat.ACTION, id=action.pk)
    return render(
        request, "interventions/complete.html", {"action": action, "form": form, "next": _back(request, action)}
    )


@require_POST
@login_required
def reopen(request, pk):
    """Open a done action again."""
    action = get_action_for_user(request.user, pk)
    if not can_complete(request.user, action):
        raise PermissionDenied
    try:
        action.reopen(by=request.user)
    except CaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Action reopened: %(title)s") % {"title": action.title})
    return redirect(_back(request, action))
