"""The plan of approach on a case, as pages: interventions, actions and case reviews.

Every view reads top to bottom: access check, form, verb, redirect. The case
comes from `get_case_for_user` (404 for whoever does not take part, 403 for a
change only the case director may make); an intervention or review must
belong to the case in the URL, or it is a 404 too. What may change is decided
by the same verbs the API calls (interventions/models.py, services.py and reviews.py).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.access import get_case_for_user, log_case_read
from cases.models import ReadWhat

from .access import get_intervention_for_user, get_review_for_user
from .case_forms import (
    ActionForm,
    DecisionFormSet,
    FinishForm,
    InterventionForm,
    MinutesForm,
    PlanChoices,
    ProgressForm,
    ReviewScheduleForm,
    StopForm,
)
from .errors import EarlyMinutes, PlanError
from .models import ENDED, Action, Intervention
from .reviews import review_agenda, review_record, review_schedule
from .rights import can_assign, can_manage_intervention, completable_by
from .services import action_add, intervention_add

# Interventions -------------------------------------------------------------------------------


def _data_or_choosing(request, name):
    """(form data, initial) for a plan form whose people follow the organisation chosen in field `name`.

    Without JavaScript the form's "choose" button posts what was typed so far: it is shown again, unsaved and
    without errors, with the people (and contributions) of that organisation. With htmx, see `_wants_part`.
    """
    if request.method != "POST":
        return None, {key: request.GET[key] for key in (name, "intervention") if key in request.GET}
    if "choose" in request.POST:
        return None, {key: value for key, value in request.POST.items() if key != "csrfmiddlewaretoken"}
    return request.POST, {}


def _wants_part(request, name):
    """htmx asks, when the organisation changes, for only the fields that follow it."""
    return bool(request.htmx) and request.method == "GET" and name in request.GET


def _intervention_url(intervention, anchor=""):
    url = reverse("interventions:intervention", args=[intervention.case_id, intervention.pk])
    return url + (f"#{anchor}" if anchor else "")


def _intervention(request, case_pk, pk):
    """The intervention if the user may see it and it belongs to the case in the URL; 404 otherwise."""
    intervention = get_intervention_for_user(request.user, pk)
    if intervention.case_id != case_pk:
        raise Http404
    return intervention


def _managed_intervention(request, case_pk, pk):
    """As `_intervention`, for someone who may change it (403 for other participants)."""
    intervention = _intervention(request, case_pk, pk)
    if not can_manage_intervention(request.user, intervention):
        raise PermissionDenied
    return intervention


@login_required
def add_intervention(request, case_pk):
    """The case director plans an intervention: who leads it, who owns it, who contributes what."""
    case = get_case_for_user(request.user, case_pk, direct=True).case

    data, initial = _data_or_choosing(request, "lead_organisation")
    form = InterventionForm(data, initial=initial, choices=PlanChoices(case), case=case)
    if _wants_part(request, "lead_organisation"):
        return render(request, "interventions/_lead_dependent.html", {"form": form})
    if data is not None and form.is_valid():
        try:
            intervention = intervention_add(case, by=request.user, **form.verb_arguments())
        except PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Intervention planned: %(kind)s.") % {"kind": intervention.get_kind_display()})
            return redirect(_intervention_url(intervention))
    return render(request, "interventions/intervention_form.html", {"case": case, "form": form})


def _intervention_page(request, intervention, *, progress_form=None):
    """Render the intervention page (its read is logged); a progress update that failed is shown again."""
    access = log_case_read(request.user, intervention.case, ReadWhat.INTERVENTION, id=intervention.pk)
    manage = can_manage_intervention(request.user, intervention, access) and intervention.case.is_open
    actions = (
        Action.objects.visible_in(access)
        .filter(intervention=intervention)
        .select_related("assignee", "organisation")
        .annotate(completable=completable_by(access))
        .overdue_first()
    )
    return render(
        request,
        "interventions/intervention_detail.html",
        {
            "case": intervention.case,
            "intervention": intervention,
            "contributions": intervention.contributions.select_related("organisation").order_by("organisation__name"),
            "progress_updates": intervention.progress_updates.select_related("author"),
            "actions": actions,
            "can_manage": manage,
            "ended": intervention.status in ENDED,
            "progress_form": progress_form or (ProgressForm() if manage else None),
        },
    )


@login_required
def intervention_detail(request, case_pk, pk):
    return _intervention_page(request, _intervention(request, case_pk, pk))


@login_required
def add_progress(request, case_pk, pk):
    intervention = _managed_intervention(request, case_pk, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])

    form = ProgressForm(request.POST)
    if form.is_valid():
        try:
            intervention.add_progress(by=request.user, body=form.cleaned_data["body"])
        except PlanError as error:
            form.add_error("body", str(error))
    if not form.is_valid():
        return _intervention_page(request, intervention, progress_form=form)
    messages.success(request, _("Your progress update was added."))
    return redirect(_intervention_url(intervention, "progress"))


@login_required
def start_intervention(request, case_pk, pk):
    """Planned → running: one button, nothing to confirm (nothing is lost)."""
    intervention = _managed_intervention(request, case_pk, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])

    try:
        intervention.start(by=request.user)
    except PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The intervention is running."))
    return redirect(_intervention_url(intervention))


def _refuse_if_ended(request, intervention):
    """A stale page or a hand-made request on an intervention that already ended changes nothing."""
    if intervention.status in ENDED:
        messages.error(
            request,
            _("This intervention has already ended (“%(status)s”).") % {"status": intervention.get_status_display()},
        )
        return redirect(_intervention_url(intervention))
    return None


@login_required
def finish_intervention(request, case_pk, pk):
    """A confirmation page: the intervention is done, with its outcome and an evaluation."""
    intervention = _managed_intervention(request, case_pk, pk)
    if refused := _refuse_if_ended(request, intervention):
        return refused

    form = FinishForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            intervention.finish(by=request.user, **form.cleaned_data)
        except PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The intervention is done."))
            return redirect(_intervention_url(intervention))
    log_case_read(request.user, intervention.case, ReadWhat.INTERVENTION, id=intervention.pk)
    return render(
        request,
        "interventions/intervention_end.html",
        {"case": intervention.case, "intervention": intervention, "form": form, "finishing": True},
    )


@login_required
def stop_intervention(request, case_pk, pk):
    """A confirmation page: the intervention stops early, and the reason is recorded."""
    intervention = _managed_intervention(request, case_pk, pk)
    if refused := _refuse_if_ended(request, intervention):
        return refused

    form = StopForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            intervention.stop(by=request.user, **form.cleaned_data)
        except PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The intervention was stopped."))
            return redirect(_intervention_url(intervention))
    log_case_read(request.user, intervention.case, ReadWhat.INTERVENTION, id=intervention.pk)
    return render(
        request,
        "interventions/intervention_end.html",
        {"case": intervention.case, "intervention": intervention, "form": form, "finishing": False},
    )


# Actions -------------------------------------------------------------------------------------


@login_required
def add_action(request, case_pk):
    """Give an organisation (or one of its people) a task on the case.

    The case director plans for every participant; anyone else for their own organisation.
    """
    access = get_case_for_user(request.user, case_pk)
    case = access.case
    choices = PlanChoices(case)
    directing = access.directs

    data, initial = _data_or_choosing(request, "organisation")
    form = ActionForm(
        data,
        initial=initial,
        choices=choices,
        organisations=choices.organisations if directing else choices.organisations_of(request.user),
        interventions=list(Intervention.objects.visible_to(request.user).filter(case=case)),
    )
    if _wants_part(request, "organisation"):
        return render(request, "interventions/_assignee_field.html", {"form": form})
    if data is not None and form.is_valid():
        if not can_assign(request.user, access, form.cleaned_data["organisation"]):
            raise PermissionDenied
        try:
            action = action_add(case, by=request.user, **form.cleaned_data)
        except PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Action added: %(title)s") % {"title": action.title})
            return redirect(reverse("cases:detail", args=[case.pk]) + "#open-actions")
    return render(request, "interventions/action_form.html", {"case": case, "form": form, "can_direct": directing})


# Case reviews --------------------------------------------------------------------------------


def _review_url(review):
    return reverse("interventions:review", args=[review.case_id, review.pk])


@login_required
def schedule_review(request, case_pk):
    """The case director plans a case review and invites the people who should be there."""
    case = get_case_for_user(request.user, case_pk, direct=True).case

    form = ReviewScheduleForm(
        request.POST if request.method == "POST" else None,
        initial={"attendees": [request.user.pk]},
        choices=PlanChoices(case),
    )
    if request.method == "POST" and form.is_valid():
        try:
            review = review_schedule(case, by=request.user, **form.cleaned_data)
        except PlanError as error:
            form.add_error("scheduled_for", str(error))
        else:
            messages.success(request, _("The case review was planned."))
            return redirect(_review_url(review))
    return render(request, "interventions/review_form.html", {"case": case, "form": form})


@login_required
def review_detail(request, case_pk, pk):
    """The review: its agenda, assembled from the case; for the case director, the minutes form.

    Recording is one step: minutes, decisions that become actions, and the next
    review date are saved together or not at all.
    """
    review = get_review_for_user(request.user, pk)
    if review.case_id != case_pk:
        raise Http404
    case = review.case
    access = log_case_read(request.user, case, ReadWhat.REVIEW, id=review.pk)
    directing = access.directs
    if request.method == "POST" and not directing:
        raise PermissionDenied
    if request.method == "POST" and review.held_at:
        # A second submit (a double click, a stale tab) must not add the decisions twice.
        messages.error(request, _("The minutes of this review were already recorded."))
        return redirect(_review_url(review))

    form = decisions = None
    if directing and not review.held_at and case.is_open:
        data = request.POST if request.method == "POST" else None
        choices = PlanChoices(case)
        early = review.scheduled_for > timezone.now()
        form = MinutesForm(data, initial={"next_review_on": _later_review(case, review)}, early=early)
        decisions = DecisionFormSet(data, prefix="decisions", form_kwargs={"choices": choices})
    if request.method == "POST" and all([form.is_valid(), decisions.is_valid()]):
        try:
            actions = review_record(
                review,
                by=request.user,
                minutes=form.cleaned_data["minutes"],
                decisions=decisions.decisions(),
                next_review_on=form.cleaned_data["next_review_on"],
                held_early=form.cleaned_data.get("held_early", False),
            )
        except EarlyMinutes as error:
            review.refresh_from_db(fields=["minutes", "held_at"])
            form.add_error("held_early" if "held_early" in form.fields else None, str(error))
        except PlanError as error:
            review.refresh_from_db(fields=["minutes", "held_at"])  # nothing was saved; show the form again
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                ngettext(
                    "The minutes were recorded; %(count)s decision became an action.",
                    "The minutes were recorded; %(count)s decisions became actions.",
                    len(actions),
                )
                % {"count": len(actions)},
            )
            return redirect(_review_url(review))
    return render(
        request,
        "interventions/review_detail.html",
        {
            "case": case,
            "review": review,
            "attendees": review.attendees.order_by("first_name", "last_name", "username"),
            "agenda": review_agenda(review, request.user),
            "can_direct": directing,
            "form": form,
            "decisions": decisions,
        },
    )


def _later_review(case, review):
    """Suggest a review already planned after this one as the next review date."""
    after = max(timezone.localdate(), timezone.localtime(review.scheduled_for).date())
    return case.next_review_on if case.next_review_on and case.next_review_on > after else None
