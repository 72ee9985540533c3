"""Signal pages: log a signal, the triage queue, one signal with its triage verbs,
and opening a case from signals.

Every view reads top to bottom: access check, form, verb, redirect. Which rows a
user may see is decided by `visible_to(user)` and `get_signal_for_user`; what a
verb allows is decided by the verb (cases/triage.py, cases/workflow.py). On an
htmx request a page returns its named partial instead of the whole page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts.kept_pages import keeps_page
from core.rows import with_labels

from ..access import get_signal_for_user
from ..counts import kept_signal_count
from ..errors import CaseError
from ..models import Case, Signal, format_address
from ..repeats import repeats_at
from ..services import case_open, signal_report
from ..signal_forms import (
    CreateCaseForm,
    LinkForm,
    ReasonForm,
    SignalForm,
    SignalListFilter,
    directing_organisations,
    neighbourhood_matches,
)
from ..templatetags.addresses import address_path

SIGNALS_PER_PAGE = 25
# The triage queue's rows are read as the columns they show (core/rows.py): no Signal, Neighbourhood and
# Organisation instance per row.
LIST_COLUMNS = (
    "pk",
    "category",
    "severity",
    "status",
    "occurred_at",
    "case_id",
    "description",
    "postcode",
    "house_number",
    "house_number_addition",
    "neighbourhood__name",
    "reporting_organisation__name",
)
REFER_LABEL = gettext_lazy("Referred to")
CLOSE_LABEL = gettext_lazy("Reason for closing")


def is_partial(request):
    """An htmx request that wants only the part of the page it swaps (not a history restore)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


# Logging a signal ----------------------------------------------------------------------------


@login_required
def new(request):
    form = SignalForm(request.user, data=request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            signal = signal_report(by=request.user, **form.report_arguments())
        except CaseError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, error)  # the signal's own rules, each at its field
        else:
            messages.success(request, _("Signal saved."))
            return redirect("cases:signal_detail", signal.pk)
    repeats = repeats_at(request.user, form.data.get("postcode"), form.data.get("house_number"))
    return render(request, "cases/signals/new.html", {"form": form, "repeats": repeats})


@require_GET
@login_required
def neighbourhood_search(request):
    """Partial for the log form: neighbourhoods of the user's teams matching the typed name or code."""
    text = request.GET.get("neighbourhood", "")
    return render(
        request,
        "cases/signals/_neighbourhood_matches.html",
        {
            "matches": neighbourhood_matches(request.user, text),
            "searched": text.strip(),
            "chosen": request.GET.get("neighbourhood_choice", ""),
            "oob": True,
        },
    )


@require_GET
@login_required
def address_repeats(request):
    """Partial for the log form: what is already known about the address being typed."""
    repeats = repeats_at(request.user, request.GET.get("postcode"), request.GET.get("house_number"))
    return render(request, "cases/signals/_repeats.html", {"repeats": repeats})


# The triage queue ----------------------------------------------------------------------------


def signal_rows(rows):
    """The queue's rows as the page shows them: labels in the reader's language, the address and its link."""
    return [
        {
            **row,
            "address": format_address(row["postcode"], row["house_number"], row["house_number_addition"]),
            "address_url": address_path(row["postcode"], row["house_number"], row["house_number_addition"]),
        }
        for row in with_labels(rows, Signal, "category", "severity", "status")
    ]


@login_required
@keeps_page
def signal_list(request):
    signals = Signal.objects.visible_to(request.user)
    filterset = SignalListFilter(request.GET or None, queryset=signals, request=request)
    paginator = Paginator(filterset.qs.values(*LIST_COLUMNS), SIGNALS_PER_PAGE)
    # How many the query finds, kept until a signal changes (cases/counts.py); the rows are read afresh.
    paginator.count = kept_signal_count(request.user, filterset.query(without=("page", "ordering")), filterset.qs.count)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = signal_rows(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filterset": filterset,
        "page": page,
        "query": query.urlencode(),
        "can_open_cases": bool(directing_organisations(request.user)),
        "partial": is_partial(request),
    }
    template = "cases/signals/_list_results.html" if is_partial(request) else "cases/signals/list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def selected_signals(request):
    """The signals named in ?signals=1&signals=2 (or ?signals=1,2); 404 if any is not visible."""
    values = [part for value in request.GET.getlist("signals") for part in value.split(",") if part.strip()]
    try:
        ids = {int(value) for value in values}
    except ValueError:
        raise Http404 from None
    signals = list(
        Signal.objects.visible_to(request.user)
        .filter(pk__in=ids)
        .select_related("neighbourhood", "reporting_organisation")
    )
    if len(signals) != len(ids):
        raise Http404
    return signals


@login_required
def create_case(request):
    """Open a case from one or more signals. Only for users who may direct cases (403 for others)."""
    organisations = directing_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    signals = selected_signals(request)
    if not signals:
        messages.warning(request, _("Select one or more signals to open a case from."))
        return redirect("cases:signal_list")
    form = CreateCaseForm(organisations, signals, data=request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            case = case_open(by=request.user, **form.case_open_arguments())
        except CaseError as error:
            form.add_error(None, str(error))
            signals = selected_signals(request)  # as saved: the failed attempt changed nothing
        else:
            messages.success(request, _("Case opened; the signals are on its timeline."))
            return redirect("cases:detail", case.pk)
    return render(request, "cases/signals/create_case.html", {"form": form, "signals": signals})


# One signal and its triage verbs ---------------------------------------------------------------


def render_detail(request, signal, *, link_form=None, refer_form=None, close_form=None, triage_error=""):
    """The signal page; a verb that failed passes its bound form, so the page shows why."""
    user = request.user
    repeats = repeats_at(user, signal.postcode, signal.house_number, exclude=signal)
    # A case the user does not take part in stays nameless: need-to-know.
    visible_case = Case.objects.visible_to(user).filter(pk=signal.case_id).first() if signal.case_id else None
    link_form = link_form or LinkForm(user, signal)
    return render(
        request,
        "cases/signals/detail.html",
        {
            "signal": signal,
            "repeats": repeats,
            "visible_case": visible_case,
            "link_form": link_form,
            "linkable_cases": link_form.offer_cases() if signal.case_id is None else [],
            "refer_form": refer_form or ReasonForm(label=REFER_LABEL, auto_id="refer_%s"),
            "close_form": close_form or ReasonForm(label=CLOSE_LABEL, auto_id="close_%s"),
            "triage_error": triage_error,
            "can_open_cases": bool(directing_organisations(user)),
        },
    )


@login_required
def detail(request, pk):
    signal = get_signal_for_user(request.user, pk)
    return render_detail(request, signal)


def done(request, signal, message):
    messages.success(request, message)
    return redirect("cases:signal_detail", signal.pk)


@require_POST
@login_required
def mark_triaged(request, pk):
    signal = get_signal_for_user(request.user, pk)
    try:
        signal.mark_triaged(by=request.user)
    except CaseError as error:
        return render_detail(request, signal, triage_error=str(error))
    return done(request, signal, _("Signal marked as triaged."))


@require_POST
@login_required
def link(request, pk):
    signal = get_signal_for_user(request.user, pk)
    form = LinkForm(request.user, signal, data=request.POST)
    if form.is_valid():
        try:
            signal.link_to(form.cleaned_data["case"], by=request.user)
        except CaseError as error:
            form.add_error("case", str(error))
        else:
            return done(request, signal, _("Signal linked to the case."))
    signal.refresh_from_db()
    return render_detail(request, signal, link_form=form)


def _verb_with_reason(request, pk, *, verb, form_name, label, message):
    """Refer on or close: a verb that needs a reason; a refusal shows the form again with its message."""
    signal = get_signal_for_user(request.user, pk)
    form = ReasonForm(request.POST, label=label, auto_id=f"{form_name}_%s")
    if form.is_valid():
        try:
            getattr(signal, verb)(by=request.user, reason=form.cleaned_data["reason"])
        except CaseError as error:
            form.add_error("reason", str(error))
        else:
            return done(request, signal, message)
    return render_detail(request, signal, **{f"{form_name}_form": form})


@require_POST
@login_required
def refer(request, pk):
    return _verb_with_reason(
        request, pk, verb="refer_on", form_name="refer", label=REFER_LABEL, message=_("Signal referred on.")
    )


@require_POST
@login_required
def close(request, pk):
    return _verb_with_reason(
        request, pk, verb="close", form_name="close", label=CLOSE_LABEL, message=_("Signal closed.")
    )
